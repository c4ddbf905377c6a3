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
    public static string? SkipReason(ExternalTool tool) => SkipReason(tool, UnderCi, IsInstalled(tool));

    /// <summary>The decision itself: skip only off CI, and only when the tool is missing.</summary>
    public static string? SkipReason(ExternalTool tool, bool underCi, bool installed) =>
        underCi || installed ? null : $"{Describe(tool)} is not installed: {InstallHint(tool)}. (Under CI this test runs, and fails without it.)";

    /// <summary>Whether <paramref name="tool"/> is present on this machine.</summary>
    public static bool IsInstalled(ExternalTool tool) => tool switch
    {
        ExternalTool.Graphviz => OnPath("dot"),
        ExternalTool.FashionMnist => File.Exists("/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz"),
        _ => File.Exists("/usr/bin/chromium"),
    };

    private static string Describe(ExternalTool tool) => tool switch
    {
        ExternalTool.Graphviz => "Graphviz (dot on PATH)",
        ExternalTool.FashionMnist => "Fashion-MNIST (/usr/share/datasets/fashion-mnist)",
        _ => "Chromium (/usr/bin/chromium)",
    };

    private static string InstallHint(ExternalTool tool) => tool switch
    {
        ExternalTool.Graphviz => "apt-get install graphviz, brew install graphviz or winget install graphviz",
        ExternalTool.FashionMnist => "apt-get install dataset-fashion-mnist (Debian, Ubuntu)",
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
