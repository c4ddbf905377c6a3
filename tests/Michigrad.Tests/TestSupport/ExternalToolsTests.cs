using Michigrad.TestSupport;

namespace Michigrad.Tests.TestSupport;

public class ExternalToolsTests
{
    [Fact]
    public void AMissingTool_SkipsWithAReasonThatSaysHowToInstallIt()
    {
        string? reason = ExternalTools.SkipReason(ExternalTool.Graphviz, underCi: false, installed: false);

        Assert.NotNull(reason);
        Assert.StartsWith("Graphviz (dot on PATH) is not installed: apt-get install graphviz", reason);
    }

    [Fact]
    public void WithoutPatchelfOrGcc_TheParitySuiteSkipsWithTheInstallCommand()
    {
        string? reason = ExternalTools.SkipReason(ExternalTool.TorchSharpFix, underCi: false, installed: false);

        Assert.NotNull(reason);
        Assert.StartsWith("patchelf or gcc (which tools/torchsharp-fix needs", reason);
        Assert.Contains("apt-get install patchelf gcc libc6-dev", reason);
        Assert.EndsWith("(Under CI this test runs, and fails without it.)", reason);
    }

    [Fact]
    public void WithoutDotnetRepl_TheNotebookTestsSkipWithTheRestoreCommand()
    {
        string? reason = ExternalTools.SkipReason(ExternalTool.DotnetRepl, underCi: false, installed: false);

        Assert.NotNull(reason);
        Assert.StartsWith("dotnet-repl (the notebook runner in .config/dotnet-tools.json) is not installed: run dotnet tool restore", reason);
    }

    [Theory]
    [InlineData(ExternalTool.TorchSharpFix)]
    [InlineData(ExternalTool.DotnetRepl)]
    public void UnderCi_AMissingTorchSharpFixOrDotnetRepl_IsNeverSkipped(ExternalTool tool) =>
        Assert.Null(ExternalTools.SkipReason(tool, underCi: true, installed: false));

    [Theory]
    [InlineData(false, false, false, true)]   // a libstdc++ from GCC 13 or later: TorchSharp loads as shipped
    [InlineData(true, true, true, true)]      // the fix can be applied
    [InlineData(true, false, true, false)]    // no patchelf
    [InlineData(true, true, false, false)]    // no C compiler
    [InlineData(true, false, false, false)]
    public void TorchSharpLoads_NeedsPatchelfAndACompilerOnlyWhereTheFixIsNeeded(bool fixNeeded, bool patchelf, bool compiler, bool loads) =>
        Assert.Equal(loads, ExternalTools.TorchSharpLoads(fixNeeded, patchelf, compiler));

    [Theory]
    [InlineData(true, false)]    // CI: never skipped, the test fails without the tool
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void UnderCiOrWithTheTool_NothingIsSkipped(bool underCi, bool installed) =>
        Assert.Null(ExternalTools.SkipReason(ExternalTool.Chromium, underCi, installed));

    [Fact]
    public void OnThisMachine_TheToolsAreInstalledOrThisIsNotCi()
    {
        // On CI a missing tool must fail loudly rather than skip quietly.
        if (ExternalTools.UnderCi)
        {
            Assert.True(ExternalTools.IsInstalled(ExternalTool.Graphviz), "Graphviz is missing under CI");
            Assert.True(ExternalTools.IsInstalled(ExternalTool.Chromium), "Chromium is missing under CI");
            Assert.True(ExternalTools.IsInstalled(ExternalTool.FashionMnist), "Fashion-MNIST (dataset-fashion-mnist) is missing under CI");
            Assert.True(ExternalTools.IsInstalled(ExternalTool.TorchSharpFix), "patchelf or gcc is missing under CI");
            Assert.True(ExternalTools.IsInstalled(ExternalTool.DotnetRepl), "dotnet-repl is not restored under CI");
        }
    }
}
