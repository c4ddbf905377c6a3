using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Michigrad.NN;
using Michigrad.Playground.Graphs;
using Michigrad.Playground.Shell;
using Michigrad.Playground.Train;
using Michigrad.Serialization;
using Michigrad.Training;
using Microsoft.AspNetCore.Components.Forms;

namespace Michigrad.Playground.Tests.Components;

public sealed partial class TrainLabComponentTests : IDisposable
{
    private readonly BunitContext _context = new();

    public TrainLabComponentTests() => _context.JSInterop.Mode = JSRuntimeMode.Loose;

    public void Dispose() => _context.Dispose();

    private IRenderedComponent<TrainLab> Render(PlaygroundState? state = null) =>
        _context.Render<TrainLab>(p => p.Add(c => c.State, state ?? new PlaygroundState()));

    [Fact]
    public void Step_TrainsOnceAndUpdatesTheReadout_BothSets()
    {
        var lab = Render(new PlaygroundState { Language = "en" });
        Assert.Equal("0", lab.Find("[data-testid=step-count]").TextContent);
        Assert.Equal(80, lab.FindAll("[data-testid=boundary] circle.point.train").Count);
        Assert.Equal(20, lab.FindAll("[data-testid=boundary] circle.point.test").Count);

        lab.Find("[data-testid=step]").Click();
        lab.Find("[data-testid=step]").Click();

        Assert.Equal("2", lab.Find("[data-testid=step-count]").TextContent);
        Assert.EndsWith("%", lab.Find("[data-testid=accuracy]").TextContent);
        Assert.EndsWith("%", lab.Find("[data-testid=test-accuracy]").TextContent);
        Assert.StartsWith("data:image/bmp;base64,", lab.Find("[data-testid=boundary] image.regions").GetAttribute("href"));
        Assert.Equal(2, lab.FindAll("[data-testid=loss-chart] polyline").Count);   // training and test
    }

    [Fact]
    public void TheMapAndCurves_HaveAxesAndLegends()
    {
        var lab = Render(new PlaygroundState { Language = "en" });
        lab.Find("[data-testid=step]").Click();
        lab.Find("[data-testid=step]").Click();

        Assert.Contains(lab.FindAll("[data-testid=boundary] text.name"), t => t.TextContent == "x[0]");
        Assert.Contains(lab.FindAll("[data-testid=boundary] text.name"), t => t.TextContent == "x[1]");
        Assert.True(lab.FindAll("[data-testid=boundary] text.tick").Count >= 6);
        Assert.Equal(["class 0", "class 1", "training", "test (held out)"], lab.FindAll("[data-testid=map-legend] span").Select(s => s.TextContent));
        Assert.Contains("training", lab.Find("[data-testid=loss-chart] figcaption").TextContent);
        Assert.Contains("step", lab.Find("[data-testid=accuracy-chart]").TextContent);
        Assert.Contains(lab.FindAll("[data-testid=accuracy-chart] text.tick"), t => t.TextContent == "100%");
    }

    [Fact]
    public void TheNetwork_IsDrawnWithALinePerWeight_AndFollowsTraining()
    {
        var lab = Render();
        Assert.Equal(2 * 16 + 16 * 16 + 16, Lines(lab));
        string before = Weights(lab);
        Assert.Equal(35, lab.FindAll("[data-testid=network] g.node image").Count);   // each neuron's map

        for (int i = 0; i < 5; i++) lab.Find("[data-testid=step]").Click();

        Assert.NotEqual(before, Weights(lab));
        Assert.Contains(lab.FindAll("[data-testid=network] path.neg"), p => p.GetAttribute("d")!.Length > 0);
        Assert.Contains(lab.FindAll("[data-testid=network] path.pos"), p => p.GetAttribute("d")!.Length > 0);
    }

    [Fact]
    public void TrainingSteps_RedrawTheRegionsButNotThePoints()
    {
        var lab = Render();
        var points = lab.FindComponents<BoundaryPoints>()[0];
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
        var lab = Render(state);
        lab.Find("[data-testid=step]").Click();

        lab.Find("[data-testid=hidden]").Change("4");

        Assert.Equal("4", state.Train.Hidden);
        Assert.Equal(1, changes);
        Assert.Equal("0", lab.Find("[data-testid=step-count]").TextContent);
        Assert.Equal(2 * 4 + 4, Lines(lab));
    }

    [Fact]
    public void AnInvalidField_IsMarked_AndNothingTrainsUntilItIsFixed()
    {
        var state = new PlaygroundState();
        var lab = Render(state);

        lab.Find("[data-testid=samples]").Change("abc");

        IElement field = lab.Find("[data-testid=samples]");
        Assert.Equal("abc", field.GetAttribute("value"));
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains("«abc»", field.ParentElement!.QuerySelector(".field-error")!.TextContent);
        Assert.Contains("Muestras", lab.Find("[data-testid=error]").TextContent);
        Assert.True(lab.Find("[data-testid=play]").HasAttribute("disabled"));
        Assert.True(lab.Find("[data-testid=step]").HasAttribute("disabled"));
        Assert.Equal(100, state.Train.Samples);

        lab.Find("[data-testid=seed]").Change("5");   // another change must not train on the old sample count
        Assert.True(lab.Find("[data-testid=step]").HasAttribute("disabled"));

        lab.Find("[data-testid=samples]").Change("60");
        Assert.Equal("false", lab.Find("[data-testid=samples]").GetAttribute("aria-invalid"));
        Assert.False(lab.Find("[data-testid=step]").HasAttribute("disabled"));
        Assert.Equal(60, lab.FindAll("[data-testid=boundary] circle.point").Count);
        Assert.Empty(lab.FindAll("[data-testid=error]"));
    }

    [Fact]
    public void BadHiddenSizes_AreNamed()
    {
        var lab = Render();

        lab.Find("[data-testid=hidden]").Change("8,zero");

        Assert.Contains("«zero»", lab.Find("[data-testid=error]").TextContent);
        Assert.Equal("true", lab.Find("[data-testid=hidden]").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void ChoosingBlobs_TakesTheLibrarysLossAndRate_AndTrains()
    {
        var state = new PlaygroundState();
        var lab = Render(state);

        lab.Find("[data-testid=dataset]").Change("blobs");
        for (int i = 0; i < 20; i++) lab.Find("[data-testid=step]").Click();

        Assert.Equal("ce", state.Train.Loss);
        Assert.Equal(TrainingDefaults.SgdLearningRate("blobs", Objective.CrossEntropy), state.Train.LearningRate);
        Assert.Equal("100%", lab.Find("[data-testid=accuracy]").TextContent);
        Assert.Empty(lab.FindAll("[data-testid=warning]"));
        Assert.Empty(lab.FindAll("[data-testid=error]"));
    }

    [Fact]
    public void ADivergingRun_ShowsAWarningInTheUisLanguage_AndStops()
    {
        var lab = Render();
        lab.Find("[data-testid=learning-rate]").Change("1000");
        lab.Find("[data-testid=decay]").Change(false);

        for (int i = 0; i < 50 && lab.FindAll("[data-testid=warning]").Count == 0; i++) lab.Find("[data-testid=step]").Click();

        Assert.Contains("divergió", lab.Find("[data-testid=warning]").TextContent);
        Assert.True(lab.Find("[data-testid=step]").HasAttribute("disabled"));
        Assert.True(lab.Find("[data-testid=play]").HasAttribute("disabled"));
    }

    [Fact]
    public void TheBudget_EndsTheRun_AndRaisingItGoesOn()
    {
        var lab = Render();
        lab.Find("[data-testid=budget]").Change("3");
        for (int i = 0; i < 3; i++) lab.Find("[data-testid=step]").Click();

        Assert.True(lab.Find("[data-testid=step]").HasAttribute("disabled"));
        Assert.Contains("3 pasos", lab.Find("[data-testid=budget-note]").TextContent);

        lab.Find("[data-testid=budget]").Change("10");
        Assert.Equal("3", lab.Find("[data-testid=step-count]").TextContent);   // the same run
        lab.Find("[data-testid=step]").Click();
        Assert.Equal("4", lab.Find("[data-testid=step-count]").TextContent);
    }

    [Fact]
    public void TheSpeed_IsASetting_ThatDoesNotStartAgain()
    {
        var state = new PlaygroundState();
        var lab = Render(state);
        lab.Find("[data-testid=step]").Click();

        lab.Find("[data-testid=speed]").Input("0");

        Assert.Equal(0, state.Train.Speed);
        Assert.Equal("1 paso/s", lab.Find(".speed output").TextContent);
        Assert.Equal("1", lab.Find("[data-testid=step-count]").TextContent);
    }

    [Fact]
    public void ClickingAPoint_ShowsItsGraphGroupedByLayer_AndANeuronOpens()
    {
        var lab = Render();

        lab.Find("circle[data-index='3']").Click();

        Assert.Contains("#3", lab.Find(".sample h3").TextContent);
        Assert.Equal(35, lab.FindAll("[data-testid=grouped-graph] .box").Count);
        Assert.Empty(lab.FindAll(".sample svg.graph"));
        lab.Find("[data-testid=grouped-graph] button[data-unit='L1.N5']").Click();
        Assert.Equal("L1.N5", lab.Find("[data-testid=unit-graph]").GetAttribute("data-unit"));
        Assert.Contains("L1.N5.w[15]", lab.Find("[data-testid=unit-graph] svg.graph").InnerHtml);
        Assert.Equal(17, lab.FindAll("[data-testid=unit-graph] table.params tbody tr").Count);

        lab.Find("[data-testid=step]").Click();   // the graph follows training, the neuron stays open
        Assert.Equal("L1.N5", lab.Find("[data-testid=unit-graph]").GetAttribute("data-unit"));
    }

    [Fact]
    public void ASemicolonCsv_IsTrainedOn_AndKeptForAReload()
    {
        var state = new PlaygroundState();
        var lab = Render(state);
        lab.Find("[data-testid=dataset]").Change("csv");

        lab.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromText(
            "a;b;label\n0;0;no\n1;1;yes\n0.1;0.2;no\n0.9;0.8;yes\n0.2;0.1;no\n0.8;0.9;yes\n", "points.csv"));
        lab.WaitForAssertion(() => Assert.Equal(6, lab.FindAll("[data-testid=boundary] circle.point").Count));
        lab.Find("[data-testid=step]").Click();

        Assert.Equal("1", lab.Find("[data-testid=step-count]").TextContent);
        Assert.Empty(lab.FindAll("[data-testid=error]"));
        Assert.Contains(lab.FindAll("[data-testid=boundary] text.name"), t => t.TextContent == "a");
        Assert.Contains(_context.JSInterop.Invocations, i => i.Identifier == "localStorage.setItem" && i.Arguments[0] as string == "michigrad.train.csv.text");
        Assert.Contains("points.csv", lab.Find("[data-testid=csv-note]").TextContent);
    }

    [Fact]
    public void ALinkToACsvRun_WithNoFileKept_SaysSo()
    {
        var state = new PlaygroundState();
        state.Train.Dataset = TrainSettings.Csv;

        var lab = Render(state);

        lab.WaitForAssertion(() => Assert.Contains("cárgalo de nuevo", lab.Find("[data-testid=csv-note]").TextContent));
        Assert.Equal(TrainSettings.Csv, state.Train.Dataset);   // not silently another dataset
        Assert.Empty(lab.FindAll("[data-testid=boundary]"));
    }

    [Fact]
    public void ALinkToACsvRun_FindsTheFileKeptInTheBrowser()
    {
        _context.JSInterop.Setup<string?>("localStorage.getItem", "michigrad.train.csv.name").SetResult("kept.csv");
        _context.JSInterop.Setup<string?>("localStorage.getItem", "michigrad.train.csv.target").SetResult("y");
        _context.JSInterop.Setup<string?>("localStorage.getItem", "michigrad.train.csv.text").SetResult("p|q|y\n0|0|a\n1|1|b\n0|1|a\n1|0|b\n");
        var state = new PlaygroundState();
        state.Train.Dataset = TrainSettings.Csv;

        var lab = Render(state);

        lab.WaitForAssertion(() => Assert.Equal(4, lab.FindAll("[data-testid=boundary] circle.point").Count));
        Assert.Contains("kept.csv", lab.Find("[data-testid=csv-note]").TextContent);
    }

    [Fact]
    public void UploadedCsv_WithABadCell_ShowsWhyInTheUisLanguage()
    {
        var lab = Render();
        lab.Find("[data-testid=dataset]").Change("csv");

        lab.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromText(
            "a,b,label\n0,zero,no\n1,1,yes\n", "points.csv"));

        lab.WaitForAssertion(() => Assert.Equal(
            "points.csv, línea 2: la columna «b» tiene «zero», que no es un número (usa punto decimal: 1.5).",
            lab.Find("[data-testid=error]").TextContent));
        Assert.Empty(lab.FindAll("[data-testid=boundary]"));
    }

    [Fact]
    public void ImportedModel_IsDrawnOverTheData()
    {
        var model = new MLP(2, [4, 1], seed: 9);
        string json = ModelFile.ToJson(model, new ModelMetadata { Task = ModelTask.BinaryHinge, FeatureCount = 2 });
        var lab = Render();

        lab.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromText(json, "model.json"));

        lab.WaitForAssertion(() => Assert.Contains("modelo importado", lab.Find(".stage p.hint").TextContent));
        Assert.Empty(lab.FindAll("[data-testid=error]"));
        Assert.StartsWith("data:image/bmp;base64,", lab.Find("[data-testid=boundary] image.regions").GetAttribute("href"));
        Assert.Equal(2 * 4 + 4, Lines(lab));
    }

    [Fact]
    public void ImportingACorruptModel_ShowsWhy()
    {
        var lab = Render();

        lab.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromText("{ not json", "model.json"));

        lab.WaitForAssertion(() => Assert.Equal("«model.json» no es un modelo de Michigrad (model.json) válido.", lab.Find("[data-testid=error]").TextContent));
    }

    [Fact]
    public void TheSpanishTab_HoldsNoEnglish()
    {
        var lab = Render();
        for (int i = 0; i < 3; i++) lab.Find("[data-testid=step]").Click();
        lab.Find("circle[data-index='3']").Click();
        lab.Find("[data-testid=grouped-graph] button[data-unit='L0.N1']").Click();

        string text = Squash(string.Join(" ", lab.FindAll(".train-tab").Select(e => e.TextContent)));
        string titles = string.Join(" ", lab.FindAll("[title]").Select(e => e.GetAttribute("title")));

        Assert.DoesNotMatch(English(), text);
        Assert.DoesNotMatch(English(), titles);
        Assert.Contains("Exactitud", text);
    }

    /// <summary>Words of the English Train tab that its Spanish never uses.</summary>
    [GeneratedRegex(@"\b(the|and|of|step|steps|loss|accuracy|training|test|layer|layers|nodes|neurons|weight|samples|hidden|click|budget|speed|reset|play|pause|dataset|network|inputs|output|open|class|bias|value|parameter|seed|batch|decay|import|export|held|frames|paint)\b", RegexOptions.IgnoreCase)]
    private static partial Regex English();

    /// <summary>The weights drawn: one segment ("M… L…") each, in paths by sign and thickness.</summary>
    private static int Lines(IRenderedComponent<TrainLab> lab) =>
        lab.FindAll("[data-testid=network] path.weights").Sum(p => p.GetAttribute("d")!.Count(c => c == 'M'));

    /// <summary>Which weight is drawn how: changes as the weights move.</summary>
    private static string Weights(IRenderedComponent<TrainLab> lab) =>
        string.Join("|", lab.FindAll("[data-testid=network] path.weights").Select(p => p.GetAttribute("d")));

    private static string Squash(string text) => Regex.Replace(text, @"\s+", " ").Trim();
}
