#!/usr/bin/env bash
# Regenerates the library's tracked public API (src/Michigrad/PublicAPI.Unshipped.txt) from the code, then builds
# to prove the files and the code agree. Run it after a merge or any change to the public API, and commit the diff:
#
#   tools/public-api/update.sh
#
# PublicAPI.Shipped.txt holds what a released version shipped and is never rewritten here; PublicAPI.Unshipped.txt
# is rebuilt from scratch: emptied, then every public symbol missing from both files is added by the analyzer's own
# code fix (RS0016, run through `dotnet format analyzers`), so symbols that were removed or renamed disappear too.
# Lines are sorted (C locale) so that the same API always gives the same file. At a release, move the lines of
# Unshipped into Shipped.
set -euo pipefail
cd "$(dirname "$0")/../.."

project=src/Michigrad/Michigrad.csproj
unshipped=src/Michigrad/PublicAPI.Unshipped.txt

printf '#nullable enable\n' > "$unshipped"
dotnet format analyzers "$project" --diagnostics RS0016 --severity warn --verbosity quiet
{ printf '#nullable enable\n'; grep -v '^#nullable enable$' "$unshipped" | LC_ALL=C sort -u; } > "$unshipped.sorted"
mv "$unshipped.sorted" "$unshipped"

# Any remaining RS0016/RS0017 (or anything else) fails the build: TreatWarningsAsErrors is on.
dotnet build "$project" --nologo --verbosity quiet
echo "$(($(wc -l < "$unshipped") - 1)) public symbols in $unshipped"
