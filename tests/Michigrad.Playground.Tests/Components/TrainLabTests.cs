using Bunit;
using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Serialization;
using Microsoft.AspNetCore.Components.Forms;
using Michigrad.Playground.Shell;
using Michigrad.Playground.Train;

namespace Michigrad.Playground.Tests.Components;

public sealed class TrainLabComponentTests : IDisposable
{
    private readonly BunitContext _context = new();

    public TrainLabComponentTests() => _context.JSInterop.Mode = JSRuntimeMode.Loose;

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Step_TrainsOnceAndUpdatesTheReadout()
    {
        var state = new PlaygroundState { Language = "en" };
        var lab = _context.Render<TrainLab>(p => p.Add(c => c.State, state));
        Assert.Equal("0", lab.Find("[data-testid=step-count]").TextContent);
        Assert.Equal(100, lab.FindAll("[data-testid=boundary] circle.point").Count);

        lab.Find("[data-testid=step]").Click();
        lab.Find("[data-testid=step]").Click();

        Assert.Equal("2", lab.Find("[data-testid=step-count]").TextContent);
        Assert.EndsWith("%", lab.Find("[data-testid=accuracy]").TextContent);
        Assert.StartsWith("data:image/bmp;base64,", lab.Find("[data-testid=boundary] image.regions").GetAttribute("href"));
    }

    [Fact]
    public void TrainingSteps_RedrawTheRegionsButNotThePoints()
    {
        var lab = _context.Render<TrainLab>(p => p.Add(c => c.State, new PlaygroundState()));
        var points = lab.FindComponent<BoundaryPoints>();
        int rendered = points.RenderCount;
        string? before = lab.Find("[data-testid=boundary] image.regions").GetAttribute("href");

        for (int i = 0; i < 20; i++) lab.Find("[data-testid=step]").Click();

        Assert.NotEqual(before, lab.Find("[data-testid=boundary] image.regions").GetAttribute("href"));
        Assert.Equal(rendered, points.RenderCount);   // a few hundred circles are not diffed again each frame
        lab.Find("circle[data-index='3']").Click();
        Assert.Contains("picked", lab.Find("circle[data-index='3']").ClassList);
    }

    [Fact]
    public void ChangingASetting_WritesItToTheStateAndStartsAgain()
    {
        var state = new PlaygroundState();
        int changes = 0;
        state.Changed += () => changes++;
        var lab = _context.Render<TrainLab>(p => p.Add(c => c.State, state));
        lab.Find("[data-testid=step]").Click();

        lab.Find("[data-testid=hidden]").Change("4");

        Assert.Equal("4", state.Train.Hidden);
        Assert.Equal(1, changes);
        Assert.Equal("0", lab.Find("[data-testid=step-count]").TextContent);
    }

    [Fact]
    public void BadHiddenSizes_ShowAnError()
    {
        var lab = _context.Render<TrainLab>(p => p.Add(c => c.State, new PlaygroundState()));

        lab.Find("[data-testid=hidden]").Change("8,zero");

        Assert.Contains("'zero'", lab.Find("[data-testid=error]").TextContent);
    }

    [Fact]
    public void ClickingAPoint_DrawsItsGraph()
    {
        var lab = _context.Render<TrainLab>(p => p.Add(c => c.State, new PlaygroundState()));

        lab.Find("circle[data-index='3']").Click();

        Assert.NotNull(lab.Find(".sample svg.graph"));
        Assert.Contains("#3", lab.Find(".sample h3").TextContent);
    }

    [Fact]
    public void UploadedCsv_IsTrainedOn()
    {
        var state = new PlaygroundState();
        var lab = _context.Render<TrainLab>(p => p.Add(c => c.State, state));
        lab.Find("[data-testid=dataset]").Change("csv");

        lab.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromText(
            "a,b,label\n0,0,no\n1,1,yes\n0.1,0.2,no\n0.9,0.8,yes\n", "points.csv"));
        lab.WaitForAssertion(() => Assert.Equal(4, lab.FindAll("[data-testid=boundary] circle.point").Count));
        lab.Find("[data-testid=step]").Click();

        Assert.Equal("1", lab.Find("[data-testid=step-count]").TextContent);
        Assert.Empty(lab.FindAll("[data-testid=error]"));
    }

    [Fact]
    public void UploadedCsv_WithABadCell_ShowsTheLibrarysMessage()
    {
        var lab = _context.Render<TrainLab>(p => p.Add(c => c.State, new PlaygroundState()));
        lab.Find("[data-testid=dataset]").Change("csv");

        lab.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromText(
            "a,b,label\n0,zero,no\n1,1,yes\n", "points.csv"));

        lab.WaitForAssertion(() => Assert.StartsWith("points.csv: ", lab.Find("[data-testid=error]").TextContent));
        Assert.Contains("zero", lab.Find("[data-testid=error]").TextContent);
        Assert.Empty(lab.FindAll("[data-testid=boundary]"));
    }

    [Fact]
    public void ImportedModel_IsDrawnOverTheData()
    {
        var model = new MLP(2, [4, 1], seed: 9);
        string json = ModelFile.ToJson(model, new ModelMetadata { Task = ModelTask.BinaryHinge, FeatureCount = 2 });
        var lab = _context.Render<TrainLab>(p => p.Add(c => c.State, new PlaygroundState()));

        lab.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromText(json, "model.json"));

        lab.WaitForAssertion(() => Assert.Contains("Modelo importado", lab.Find(".stage p.hint").TextContent));
        Assert.Empty(lab.FindAll("[data-testid=error]"));
        Assert.StartsWith("data:image/bmp;base64,", lab.Find("[data-testid=boundary] image.regions").GetAttribute("href"));
    }

    [Fact]
    public void ImportingACorruptModel_ShowsWhy()
    {
        var lab = _context.Render<TrainLab>(p => p.Add(c => c.State, new PlaygroundState()));

        lab.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromText("{ not json", "model.json"));

        lab.WaitForAssertion(() => Assert.Contains("model.json", lab.Find("[data-testid=error]").TextContent));
    }
}
