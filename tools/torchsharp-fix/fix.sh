#!/usr/bin/env bash
# torchsharp-fix: make TorchSharp 0.107.0 load on Debian 12, Ubuntu 22.04 and other systems whose libstdc++ is
# older than GCC 13's.
#
# Why: TorchSharp 0.107.0's libLibTorchSharp.so was built with GCC 13 and asks libstdc++.so.6 for the symbol
# version GLIBCXX_3.4.32; Debian 12 ships libstdc++ up to GLIBCXX_3.4.30, so the loader refuses the file and
# TorchSharp reports the misleading "... doesn't contain a reference to libtorch-cpu-linux-x64". The real cause
# shows with:  ldd .../runtimes/linux-x64/native/libLibTorchSharp.so   ("version `GLIBCXX_3.4.32' not found").
# The only 3.4.32 symbol it names is std::ios_base_library_init(), which GCC 13's <iostream> references so that
# the library initialising std::cout gets linked; older libstdc++ initialises std::cout on its own.
#
# What it does, for each libLibTorchSharp.so under the given folders (build outputs):
#   1. copies libmichigrad-glibcxx-compat.so (ios-base-library-init.c: that function as a no-op) next to it and
#      adds it as a NEEDED library (patchelf --add-needed; the file's RUNPATH starts with $ORIGIN, so it is found);
#   2. marks the GLIBCXX_3.4.32 entry of the file's version-needs table weak (weaken-verneed.c sets
#      VER_FLG_WEAK), so the loader no longer fails when libstdc++ lacks that version.
# It does nothing where the system libstdc++ already has GLIBCXX_3.4.32, and nothing twice: it is idempotent.
#
# Needs: bash, gcc (or cc) with libc's headers, patchelf (Debian: apt-get install -y patchelf gcc libc6-dev). Without
# them it fails under CI (CI set) and only warns elsewhere, leaving the files unpatched.
# Usage: tools/torchsharp-fix/fix.sh FOLDER...   e.g. tools/torchsharp-fix/fix.sh tests/Michigrad.TorchParity/bin
# The projects that use TorchSharp run it after every build (TorchSharpFix.targets), so `dotnet test` needs no
# manual step; run it by hand only for other build outputs.
set -euo pipefail

readonly VERSION=GLIBCXX_3.4.32
readonly SHIM=libmichigrad-glibcxx-compat.so
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ "$#" -eq 0 ]; then
  echo "usage: $0 FOLDER... (folders holding libLibTorchSharp.so, searched recursively)" >&2
  exit 2
fi
if [ "$(uname -s)" != Linux ]; then
  exit 0   # the problem and the fix are Linux-only
fi

# The libstdc++ the loader will pick: the first x86-64 entry in the cache (the usual place as a fallback).
libstdcxx="$( (ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true) \
  | awk '/libstdc\+\+\.so\.6 .*x86-64/ { print $NF; exit }')"
[ -n "$libstdcxx" ] || libstdcxx=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
if [ -r "$libstdcxx" ] && grep -qa "$VERSION" "$libstdcxx"; then
  exit 0   # a new enough libstdc++: TorchSharp loads as shipped
fi

mapfile -t targets < <(find "$@" -name libLibTorchSharp.so -type f 2>/dev/null)
if [ "${#targets[@]}" -eq 0 ]; then
  exit 0   # nothing built yet, or a build without TorchSharp
fi

# A missing tool fails under CI (the CI variable set, as .ci/run does). Elsewhere it is a warning and the build goes
# on: TorchSharp then cannot load, and the tests that need it skip, saying why.
missing=()
command -v patchelf >/dev/null || missing+=(patchelf)
cc="$(command -v gcc || command -v cc || true)"
{ [ -n "$cc" ] && [ -f /usr/include/elf.h ]; } || missing+=("gcc (with libc's headers)")
if [ "${#missing[@]}" -gt 0 ]; then
  what="$(printf '%s and ' "${missing[@]}")"; what="${what% and }"
  if [ "${#missing[@]}" -gt 1 ]; then what="$what are"; else what="$what is"; fi
  hint="install them (Debian, Ubuntu: apt-get install -y patchelf gcc libc6-dev) and build again"
  if [ -n "${CI:-}" ]; then
    echo "torchsharp-fix: error: $what missing, so TorchSharp cannot load on this libstdc++: $hint" >&2
    exit 1
  fi
  echo "torchsharp-fix: warning: $what missing, so TorchSharp cannot load on this libstdc++ and the tests that need it skip: $hint"
  exit 0
fi

# Build the two helpers once (bin/ is ignored by git); build to a temporary name and rename, so that two builds
# running this at the same time never see a half-written file.
out="$here/bin"
mkdir -p "$out"
build() {   # build OUTPUT SOURCE [FLAGS...]
  local output="$1" source="$2"; shift 2
  if [ ! -x "$out/$output" ] || [ "$here/$source" -nt "$out/$output" ]; then
    local tmp; tmp="$(mktemp "$out/.$output.XXXXXX")"
    "$cc" -O2 -Wall -Wextra -Werror "$@" -o "$tmp" "$here/$source"
    chmod +x "$tmp"
    mv -f "$tmp" "$out/$output"
  fi
}
build weaken-verneed weaken-verneed.c
build "$SHIM" ios-base-library-init.c -shared -fPIC

for lib in "${targets[@]}"; do
  dir="$(dirname "$lib")"
  changed=0
  if ! cmp -s "$out/$SHIM" "$dir/$SHIM"; then
    cp -f "$out/$SHIM" "$dir/$SHIM"; changed=1
  fi
  if ! patchelf --print-needed "$lib" | grep -qx "$SHIM"; then
    patchelf --add-needed "$SHIM" "$lib"; changed=1
  fi
  if "$out/weaken-verneed" "$lib" libstdc++.so.6 "$VERSION" | grep -q 'is now weak'; then changed=1; fi
  if [ "$changed" = 1 ]; then echo "torchsharp-fix: patched $lib for a libstdc++ without $VERSION"; fi
done
