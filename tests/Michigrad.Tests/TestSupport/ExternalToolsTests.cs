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
        }
    }
}
