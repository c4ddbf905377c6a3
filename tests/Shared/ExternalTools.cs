using System.Diagnostics;
using Xunit;

namespace Michigrad.TestSupport;

/// <summary>The programs some tests need beyond the .NET SDK.</summary>
public enum ExternalTool
{
    /// <summary>Graphviz's <c>dot</c>, on <c>PATH</c>.</summary>
    Graphviz,

    /// <summary>Chromium at <c>/usr/bin/chromium</c>, driven headless by Playwright.</summary>
    Chromium,

    /// <summary>Fashion-MNIST's IDX files in <c>/usr/share/datasets/fashion-mnist</c> (Debian's <c>dataset-fashion-mnist</c>).</summary>
    FashionMnist,

    /// <summary>
    /// patchelf and gcc (with libc's headers), which <c>tools/torchsharp-fix</c> needs to make TorchSharp load where
    /// libstdc++ is older than GCC 13's (Debian 12, Ubuntu 22.04); elsewhere TorchSharp needs nothing.
    /// </summary>
    TorchSharpFix,

    /// <summary>dotnet-repl, the notebook runner pinned in <c>.config/dotnet-tools.json</c> (<c>dotnet tool restore</c>).</summary>
    DotnetRepl,
}

/// <summary>
/// Whether a test that needs an <see cref="ExternalTool"/> runs. On a developer's machine without the tool it is
/// skipped with a reason that names the tool and how to install it. Under CI (the <c>CI</c> environment variable set,
/// as <c>.ci/run</c> and every CI service do) nothing is skipped: the test runs, and fails if the tool is missing.
/// </summary>
public static class ExternalTools
{
    /// <summary>Whether the tests run under CI, where no test may be skipped.</summary>
    public static bool UnderCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Why a test that needs <paramref name="tool"/> is skipped here, or <see langword="null"/> to run it.</summary>
    public static string? SkipReason(ExternalTool tool) => UnderCi ? null : SkipReason(tool, underCi: false, IsInstalled(tool));

    /// <summary>The decision itself: skip only off CI, and only when the tool is missing.</summary>
    public static string? SkipReason(ExternalTool tool, bool underCi, bool installed) =>
        underCi || installed ? null : $"{Describe(tool)} is not installed: {InstallHint(tool)}. (Under CI this test runs, and fails without it.)";

    /// <summary>Whether <paramref name="tool"/> is present on this machine.</summary>
    public static bool IsInstalled(ExternalTool tool) => tool switch
    {
        ExternalTool.Graphviz => OnPath("dot"),
        ExternalTool.FashionMnist => File.Exists("/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz"),
        ExternalTool.TorchSharpFix => TorchSharpLoads(TorchSharpNeedsFix.Value, OnPath("patchelf"), HasCCompiler()),
        ExternalTool.DotnetRepl => DotnetReplRuns.Value,
        _ => File.Exists("/usr/bin/chromium"),
    };

    /// <summary>
    /// Whether TorchSharp can load: as shipped when the system needs no fix, otherwise once tools/torchsharp-fix has
    /// patchelf and a C compiler to patch the build output with.
    /// </summary>
    public static bool TorchSharpLoads(bool fixNeeded, bool patchelf, bool compiler) => !fixNeeded || (patchelf && compiler);

    /// <summary>TorchSharp 0.107.0 wants GLIBCXX_3.4.32 (GCC 13's libstdc++); older Linux systems need the fix.</summary>
    private static readonly Lazy<bool> TorchSharpNeedsFix = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return false;
        string[] candidates = ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"];
        string? library = candidates.FirstOrDefault(File.Exists);
        if (library is null) return true;   // not where the usual systems keep it: assume the fix is needed
        byte[] version = "GLIBCXX_3.4.32"u8.ToArray();
        return File.ReadAllBytes(library).AsSpan().IndexOf(version) < 0;
    });

    private static bool HasCCompiler() =>
        (OnPath("gcc") || OnPath("cc")) && File.Exists("/usr/include/elf.h");   // the fix's C sources include elf.h

    /// <summary>Whether <c>dotnet tool run dotnet-repl</c> works from the repository root (the tool is restored).</summary>
    private static readonly Lazy<bool> DotnetReplRuns = new(() =>
    {
        string? root = RepositoryRoot();
        if (root is null) return false;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string argument in new[] { "tool", "run", "dotnet-repl", "--", "--version" }) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        try
        {
            using Process process = Process.Start(start)!;
            process.StandardInput.Close();
            Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            Task.WaitAll(output, error);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;   // no dotnet on PATH
        }
    });

    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Michigrad.slnx"))) return folder.FullName;
        return null;
    }

    private static string Describe(ExternalTool tool) => tool switch
    {
        ExternalTool.Graphviz => "Graphviz (dot on PATH)",
        ExternalTool.FashionMnist => "Fashion-MNIST (/usr/share/datasets/fashion-mnist)",
        ExternalTool.TorchSharpFix => "patchelf or gcc (which tools/torchsharp-fix needs for TorchSharp on a libstdc++ older than GCC 13's)",
        ExternalTool.DotnetRepl => "dotnet-repl (the notebook runner in .config/dotnet-tools.json)",
        _ => "Chromium (/usr/bin/chromium)",
    };

    private static string InstallHint(ExternalTool tool) => tool switch
    {
        ExternalTool.Graphviz => "apt-get install graphviz, brew install graphviz or winget install graphviz",
        ExternalTool.FashionMnist => "apt-get install dataset-fashion-mnist (Debian, Ubuntu)",
        ExternalTool.TorchSharpFix => "apt-get install patchelf gcc libc6-dev (Debian, Ubuntu) or dnf install patchelf gcc (Fedora), then build again",
        ExternalTool.DotnetRepl => "run dotnet tool restore in the repository root (it downloads the pinned version from nuget.org)",
        _ => "apt-get install chromium (Debian); the README lists the other systems",
    };

    private static bool OnPath(string name)
    {
        string[] extensions = OperatingSystem.IsWindows() ? [".exe", ".bat", ".cmd"] : [""];
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (string extension in extensions)
                if (File.Exists(Path.Combine(folder.Trim('"'), name + extension))) return true;
        return false;
    }
}

/// <summary>A <see cref="FactAttribute"/> for a test that needs <paramref name="tool"/> (see <see cref="ExternalTools"/>).</summary>
public sealed class FactNeedingAttribute : FactAttribute
{
    /// <summary>Skips the test off CI when <paramref name="tool"/> is missing.</summary>
    public FactNeedingAttribute(ExternalTool tool) => Skip = ExternalTools.SkipReason(tool);
}

/// <summary>A <see cref="TheoryAttribute"/> for a test that needs <paramref name="tool"/> (see <see cref="ExternalTools"/>).</summary>
public sealed class TheoryNeedingAttribute : TheoryAttribute
{
    /// <summary>Skips the test off CI when <paramref name="tool"/> is missing.</summary>
    public TheoryNeedingAttribute(ExternalTool tool) => Skip = ExternalTools.SkipReason(tool);
}
