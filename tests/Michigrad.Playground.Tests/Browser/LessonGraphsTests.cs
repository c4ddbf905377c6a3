using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Michigrad.Playground.Lessons;

namespace Michigrad.Playground.Tests.Browser;

// The lessons' graphs read at every size: every node named (parameters by their short names, never "#5" or a bare
// number), the stepper's table listing the step's nodes with a filter (data-testid "table-filter", "table-all",
// "table-count"), an MLP's graph grouped by neuron or layer on request (data-testid "graph-grouping"), and a lesson that
// asks to step opening its stepper at step 0.
[Collection(PlaygroundCollection.Name)]
public sealed class LessonGraphsTests(PublishedSite site, ChromiumFixture chromium)
{
    private static readonly LocatorWaitForOptions Long = new() { Timeout = PlaygroundPage.Timeout };

    // A name that is a position ("(*)#5") or a number ("−0.5027").
    private static readonly Regex Unreadable = new(@"#\d|^[−\-]?\d");

    [Theory]
    [InlineData(1280, 900, "es")]
    [InlineData(1280, 900, "en")]
    [InlineData(390, 844, "es")]
    [InlineData(390, 844, "en")]
    public async Task MlpLesson_NamesEveryNode_FiltersItsTable_AndGroupsItsGraph(int width, int height, string lang)
    {
        IPage page = await chromium.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        int index = LessonCatalog.All.ToList().FindIndex(l => l.Name == "mlp");
        await PlaygroundPage.OpenAsync(page, site.Address, $"page=lessons&lesson={index}&lang={lang}");
        ILocator article = page.Id("lesson");
        ILocator graph = article.Locator("svg.graph");
        await graph.WaitForAsync(Long);

        // The drawing: the weights by their names, no node named by a position.
        string drawn = await graph.TextContentAsync() ?? "";
        Assert.Contains("L0.N2.w[1]", drawn);
        Assert.Contains("L1.N0.b", drawn);
        Assert.Contains("x[0]", drawn);
        Assert.DoesNotMatch(@"#\d", drawn);

        // The table lists the step's nodes; "all nodes" lists every one, each by a readable name.
        ILocator rows = article.Locator("table.values tbody tr");
        int stepRows = await rows.CountAsync();
        await article.Locator("[data-testid=table-all]").CheckAsync();
        int allRows = await rows.CountAsync();
        Assert.True(stepRows > 0 && stepRows < allRows / 4, $"{stepRows} rows of the step, {allRows} in all");
        foreach (string name in await article.Locator("table.values tbody tr td:first-child").AllInnerTextsAsync())
            Assert.DoesNotMatch(Unreadable, name);

        // The filter lists the nodes whose name has the text, wherever they are, and the step's node whatever its name.
        await article.Locator("[data-testid=table-filter]").FillAsync("L0.N2.w");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        Assert.Equal(["L0.N2.w[1]", "L0.N2.w[0]"], (await article.Locator("table.values tbody tr td:first-child").AllInnerTextsAsync())
            .Where(n => n.StartsWith("L0.N2.w", StringComparison.Ordinal)));
        await article.Locator("[data-testid=table-filter]").FillAsync("");
        await article.Locator("[data-testid=table-all]").UncheckAsync();

        // The chain rule names what it multiplies.
        await article.Locator(".backward button").First.ClickAsync();   // reset
        Assert.StartsWith(lang == "es" ? "paso 0 / " : "step 0 / ", await article.Locator(".backward .counter").InnerTextAsync());
        for (int i = 0; i < 3; i++) await article.Locator(".backward button.primary").ClickAsync();
        string chain = await article.Locator("[data-testid=chain-rule]").InnerTextAsync();
        Assert.Contains("L1.N0.w[2].grad += L0.N2:tanh · L1.N0:*₃.grad", chain);
        foreach (string line in chain.Split('\n')) Assert.DoesNotMatch(Unreadable, line);
        Assert.True(await rows.CountAsync() is > 0 and <= 4);   // the node, its two operands, the next one
        await Artifacts.ScreenshotAsync(page, $"playground-lessons-mlp-{width}-{lang}");

        // Grouped by neuron: a box per neuron, whose own graph opens; by layer: a box per layer; whole again.
        ILocator grouping = article.Locator("[data-testid=graph-grouping]");
        await grouping.SelectOptionAsync("Neuron");
        ILocator grouped = article.Locator("[data-testid=grouped-graph]");
        await grouped.WaitForAsync();
        Assert.Equal(0, await graph.CountAsync());
        Assert.Equal(4, await grouped.Locator("button[data-unit]").CountAsync());   // 3 hidden neurons and the output
        Assert.Equal(["x[0]", "x[1]"], await grouped.Locator("[data-layer=x] [data-unit]").EvaluateAllAsync<string[]>("us => us.map(u => u.dataset.unit)"));
        await grouped.Locator("button[data-unit=\"L0.N2\"]").ClickAsync();
        string unit = await article.Locator("[data-testid=unit-graph]").InnerTextAsync();
        Assert.Contains("L0.N2.w[1]", unit);
        Assert.DoesNotMatch(@"#\d", unit);
        await Artifacts.ScreenshotAsync(page, $"playground-lessons-mlp-grouped-{width}-{lang}");
        await grouping.SelectOptionAsync("Layer");
        await Assertions.Expect(grouped.Locator("[data-layer-box]")).ToHaveCountAsync(2);
        await grouping.SelectOptionAsync("Whole");
        await graph.WaitForAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("es")]
    [InlineData("en")]
    public async Task EveryLessonThatAsksToStep_OpensItsStepperAtStepZero(string lang)
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, $"page=lessons&lang={lang}");
        int asking = 0;
        for (int k = 0; k < LessonCatalog.All.Count; k++)
        {
            if (!LessonCatalog.All[k].Document(lang).LabSteps) continue;
            asking++;
            await page.Id($"lesson-{k}").ClickAsync();
            ILocator article = page.Locator($"[data-testid=lesson][data-lesson=\"{LessonCatalog.All[k].Name}\"]");
            await article.Locator("svg.graph").WaitForAsync(Long);
            Assert.StartsWith(lang == "es" ? "paso 0 / " : "step 0 / ", await article.Locator(".backward .counter").InnerTextAsync());
        }
        Assert.True(asking >= 2, "the backward and topological-order lessons ask to step");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(390, 844, "es")]
    [InlineData(1280, 900, "en")]
    public async Task ModelLessons_NameEveryNodeInTheDrawingAndTheTable(int width, int height, string lang)
    {
        IPage page = await chromium.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await PlaygroundPage.OpenAsync(page, site.Address, $"page=lessons&lang={lang}");
        foreach (string name in new[] { "neuron", "layer", "loss" })
        {
            int k = LessonCatalog.All.ToList().FindIndex(l => l.Name == name);
            await page.Id($"lesson-{k}").ClickAsync();
            ILocator article = page.Locator($"[data-testid=lesson][data-lesson=\"{name}\"]");
            ILocator graph = article.Locator("svg.graph");
            await graph.WaitForAsync(Long);
            Assert.DoesNotMatch(@"#\d", await graph.TextContentAsync() ?? "");
            await article.Locator("[data-testid=table-all]").CheckAsync();
            foreach (string node in await article.Locator("table.values tbody tr td:first-child").AllInnerTextsAsync())
                Assert.DoesNotMatch(Unreadable, node);
            if (name != "neuron") Assert.Contains("w[0]", await graph.TextContentAsync() ?? "");   // the library's modules
            await Artifacts.ScreenshotAsync(page, $"playground-lessons-{name}-{width}-{lang}");
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GraphLab_ABigMlpsGraph_OpensGroupedByNeuron_AndItsTableListsTheStepsNodes()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "lang=en");
        await page.Id("editor").FillAsync("var model = new MLP(2, [16, 16, 1], seed: 2);\nvar y = model.Forward(0.5, -1.5)[0];\ny.Backward();\ny");
        await page.Id("editor").BlurAsync();
        await PlaygroundPage.RunAsync(page);

        Assert.Equal("Neuron", await page.Id("graph-grouping").InputValueAsync());
        ILocator grouped = page.Id("grouped-graph");
        Assert.Equal(33, await grouped.Locator("button[data-unit]").CountAsync());   // 16 + 16 + 1 neurons
        Assert.Equal(0, await page.Id("graph").CountAsync());   // 979 nodes are not drawn at first
        Assert.Equal(3, await page.Locator("table.values tbody tr").CountAsync());   // the last step: a product and its two operands
        Assert.Matches(@"^\d+ of 979 nodes$", await page.Id("table-count").InnerTextAsync());
        await page.Id("table-filter").FillAsync("L2.N0.w");
        await Assertions.Expect(page.Locator("table.values tbody tr")).ToHaveCountAsync(17);   // the weights, and the step's product
        Assert.Equal(1, await page.Locator("table.values tbody tr.current").CountAsync());
        await Artifacts.ScreenshotAsync(page, "playground-graph-mlp-grouped");
        await page.Context.CloseAsync();
    }
}
