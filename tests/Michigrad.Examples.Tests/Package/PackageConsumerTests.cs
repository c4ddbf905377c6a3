using System.Text.RegularExpressions;
using Michigrad.TestSupport;

namespace Michigrad.Examples.Tests.Package;

/// <summary>
/// What a user who types <c>dotnet add package Michigrad</c> gets: the library is packed into a local folder feed,
/// a throwaway console app and a file-based app reference it from there, and both run the README's tour and print
/// what the README says they print.
/// </summary>
public sealed partial class PackageConsumerTests : IClassFixture<PackageConsumerTests.PackedLibrary>
{
    private readonly PackedLibrary _packed;

    public PackageConsumerTests(PackedLibrary packed) => _packed = packed;

    /// <summary>Packs src/Michigrad once into a folder feed, with a version of its own so that no cached package of
    /// the same version can stand in for it.</summary>
    public sealed class PackedLibrary : IDisposable
    {
        public PackedLibrary()
        {
            Folder = Path.Combine(Path.GetTempPath(), $"michigrad-package-{Guid.NewGuid():N}");
            Feed = Path.Combine(Folder, "feed");
            Directory.CreateDirectory(Feed);
            Version = $"0.0.0-consumertest.{DateTime.UtcNow:yyyyMMddHHmmss}";
            // A configuration of its own, so that this build never writes where a Debug or Release build of the
            // library (another test project's, running at the same time) reads; and no restore when the solution's
            // restore has been done, so that the shared project.assets.json is left alone.
            bool restored = File.Exists(Path.Combine(ExampleRunner.RepositoryRoot, "src", "Michigrad", "obj", "project.assets.json"));
            Pack = Dotnet.Run(ExampleRunner.RepositoryRoot, [
                "pack", "src/Michigrad/Michigrad.csproj", "-c", "PackageTest", "-p:Optimize=true", "-o", Feed,
                $"-p:Version={Version}", .. restored ? new[] { "--no-restore" } : []]);
        }

        public string Folder { get; }

        public string Feed { get; }

        public string Version { get; }

        internal Dotnet.Result Pack { get; }

        /// <summary>A nuget.config beside the app: the folder feed on top of the user's sources, restoring into a
        /// private folder that falls back on the user's package cache (so the dependencies need no download).</summary>
        public string WriteNuGetConfig(string appFolder)
        {
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string config = $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config>
                    <add key="globalPackagesFolder" value="{Path.Combine(appFolder, "packages")}" />
                  </config>
                  <fallbackPackageFolders>
                    <add key="user-cache" value="{cache}" />
                  </fallbackPackageFolders>
                  <packageSources>
                    <add key="local" value="{Feed}" />
                  </packageSources>
                </configuration>
                """;
            File.WriteAllText(Path.Combine(appFolder, "nuget.config"), config);
            return config;
        }

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The README's tour: its first C# block (README.es.md shows the same code, which
    /// tests/Michigrad.Tests/Docs checks).</summary>
    private static string ReadmeTour()
    {
        IReadOnlyList<(int Line, string Code)> blocks = RepositoryDocs.Blocks("README.md", "csharp");
        Assert.True(blocks.Count > 0, "README.md has no ```csharp block.");
        return blocks[0].Code;
    }

    /// <summary>The values the tour's comments promise: <c>Console.WriteLine(x);   // value</c>.</summary>
    private static string[] PromisedLines(string tour) =>
        [.. PrintedComment().Matches(tour).Select(m => m.Groups[1].Value.Trim())];

    private void AssertPackedCleanly()
    {
        Assert.True(_packed.Pack.ExitCode == 0, _packed.Pack.ToString());
        Assert.DoesNotContain("warning", _packed.Pack.Output, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(Path.Combine(_packed.Feed, $"Michigrad.{_packed.Version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(_packed.Feed, $"Michigrad.{_packed.Version}.snupkg")));
    }

    private static void AssertPrintsTheTour(Dotnet.Result run, string tour)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        string[] promised = PromisedLines(tour);
        Assert.NotEmpty(promised);
        string[] printed = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(promised, printed);
    }

    [Fact]
    public void ConsoleApp_FromTheLocalFeed_RunsTheReadmeTour()
    {
        AssertPackedCleanly();
        string app = Path.Combine(_packed.Folder, "console-app");
        Directory.CreateDirectory(app);
        _packed.WriteNuGetConfig(app);
        File.WriteAllText(Path.Combine(app, "TourApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Michigrad" Version="{_packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        string tour = ReadmeTour();
        File.WriteAllText(Path.Combine(app, "Program.cs"), tour);

        AssertPrintsTheTour(Dotnet.Run(app, "run"), tour);
    }

    [Fact]
    public void FileBasedApp_WithPackageDirective_RunsTheReadmeTour()
    {
        AssertPackedCleanly();
        string app = Path.Combine(_packed.Folder, "file-app");
        Directory.CreateDirectory(app);
        _packed.WriteNuGetConfig(app);
        string tour = ReadmeTour();
        File.WriteAllText(Path.Combine(app, "tour.cs"), $"#:package Michigrad@{_packed.Version}\n{tour}");

        AssertPrintsTheTour(Dotnet.Run(app, "run", "tour.cs"), tour);
    }

    [GeneratedRegex(@"^\s*Console\.WriteLine\(.*\);\s*//(.*)$", RegexOptions.Multiline)]
    private static partial Regex PrintedComment();
}
