using Michigrad.TestSupport;
using System.Globalization;
using Michigrad.Interactive.Tests.TestSupport;
using Michigrad.Visualization;
using Microsoft.Playwright;

namespace Michigrad.Interactive.Tests.Browser;

/// <summary>Opens the page of <see cref="Graph.RenderHtml(Value, string, RankDir)"/> in headless Chromium and uses it as a reader would.</summary>
public sealed class GraphPageBrowserTests : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly ChromiumFixture _chromium;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "michigrad-page-" + Guid.NewGuid().ToString("N"));

    public GraphPageBrowserTests(ChromiumFixture chromium)
    {
        _chromium = chromium;
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [FactNeeding(ExternalTool.Chromium)]
    public async Task ClickingANode_ShowsItsNumbersInThePanel_AndHighlightsWhatItWasComputedFrom()
    {
        (Value loss, Value yHat) = SeedNeuron();
        string path = Path.Combine(_folder, "graph.html");
        Graph.RenderHtml(loss, path);

        IPage page = await OpenAsync(path);
        Assert.Equal("graphviz", await page.GetAttributeAsync("#canvas", "data-layout"));
        Assert.Equal("", await page.EvaluateAsync<string>("document.getElementById('details').getAttribute('data-empty')"));

        await NodeGroup(page, IndexOf(loss, yHat)).ClickAsync();

        Assert.Equal("ŷ", await page.InnerTextAsync("#detail-label"));
        Assert.Equal("+", await page.InnerTextAsync("#detail-op"));
        Assert.Equal(Js(yHat.Data), await page.InnerTextAsync("#detail-data"));   // -0.85
        Assert.Equal(Js(yHat.Grad), await page.InnerTextAsync("#detail-grad"));
        Assert.Equal("6 nodes", await page.InnerTextAsync("#detail-ancestors"));
        // Lit: ŷ, W0x0, W1x1 and the four leaves, plus the op nodes +, *, *; the rest (tanh, y, L) stays dim.
        Assert.Equal(10, await page.Locator("g.node.lit").CountAsync());
        Assert.Equal(1, await page.Locator("g.node.selected").CountAsync());
        Assert.Equal(0, await NodeGroup(page, IndexOf(loss, loss)).Locator("xpath=self::*[contains(@class,'lit')]").CountAsync());

        string screenshot = Artifacts.File("graph-page-graphviz.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(screenshot).Take(4));
        await page.CloseAsync();
    }

    [FactNeeding(ExternalTool.Chromium)]
    public async Task ClickingARoot_ShowsItsGradientOfOne_AndLightsEveryNode()
    {
        (Value loss, _) = SeedNeuron();
        string path = Path.Combine(_folder, "graph.html");
        Graph.RenderHtml(loss, path, RankDir.TB);

        IPage page = await OpenAsync(path);
        await NodeGroup(page, IndexOf(loss, loss)).ClickAsync();

        Assert.Equal("L", await page.InnerTextAsync("#detail-label"));
        Assert.Equal("-", await page.InnerTextAsync("#detail-op"));
        Assert.Equal("1.4910694698329305", await page.InnerTextAsync("#detail-data"));   // the seed notebook's L
        Assert.Equal("1", await page.InnerTextAsync("#detail-grad"));
        int allNodes = await page.Locator("g.node").CountAsync();
        Assert.Equal(15, allNodes);   // 10 values and 5 op nodes
        Assert.Equal(allNodes, await page.Locator("g.node.lit").CountAsync());
        Assert.Equal(await page.Locator("g.edge").CountAsync(), await page.Locator("g.edge.lit").CountAsync());
        await page.CloseAsync();
    }

    [FactNeeding(ExternalTool.Chromium)]
    public async Task WithoutGraphviz_TheBuiltInLayoutIsClickableToo()
    {
        (Value loss, Value yHat) = SeedNeuron();
        string path = Path.Combine(_folder, "graph.html");
        string? searchPath = Environment.GetEnvironmentVariable("PATH");
        try
        {
            // Tests in this assembly run one at a time (AssemblyInfo.cs), so no other test sees the empty PATH.
            Environment.SetEnvironmentVariable("PATH", "");
            Graph.RenderHtml(loss, path);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", searchPath);
        }

        IPage page = await OpenAsync(path);
        Assert.Equal("builtin", await page.GetAttributeAsync("#canvas", "data-layout"));
        Assert.Contains("without Graphviz", await page.InnerTextAsync(".hint"));
        await NodeGroup(page, IndexOf(loss, yHat)).ClickAsync();

        Assert.Equal("ŷ", await page.InnerTextAsync("#detail-label"));
        Assert.Equal(Js(yHat.Grad), await page.InnerTextAsync("#detail-grad"));
        Assert.Equal(10, await page.Locator("g.node.lit").CountAsync());

        string screenshot = Artifacts.File("graph-page-builtin.png");
        await page.ScreenshotAsync(new() { Path = screenshot });
        Assert.True(new FileInfo(screenshot).Length > 1000);
        await page.CloseAsync();
    }

    [FactNeeding(ExternalTool.Chromium)]
    public async Task ZoomButtons_DragAndBackgroundClick_ChangeTheViewAndClearTheSelection()
    {
        (Value loss, Value yHat) = SeedNeuron();
        string path = Path.Combine(_folder, "graph.html");
        Graph.RenderHtml(loss, path);
        IPage page = await OpenAsync(path);
        double[] start = await ViewBoxAsync(page);

        await page.ClickAsync("#zoom-in");
        double[] zoomed = await ViewBoxAsync(page);
        AssertClose(start[2] / 1.2, zoomed[2]);

        // Drag the background to the right: the view moves left, and the release is no click.
        await NodeGroup(page, IndexOf(loss, yHat)).ClickAsync();
        var box = (await page.Locator("#canvas").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 5, box.Y + box.Height - 5);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 105, box.Y + box.Height - 5, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        double[] panned = await ViewBoxAsync(page);
        Assert.True(panned[0] < zoomed[0], $"x went from {zoomed[0]} to {panned[0]}");
        AssertClose(zoomed[2], panned[2]);
        Assert.Equal("ŷ", await page.InnerTextAsync("#detail-label"));   // still selected after the drag

        await page.Mouse.ClickAsync(box.X + 5, box.Y + box.Height - 5);   // a click on the background
        Assert.Equal(0, await page.Locator("g.node.lit").CountAsync());
        Assert.Equal("", await page.EvaluateAsync<string>("document.getElementById('details').getAttribute('data-empty')"));

        await page.ClickAsync("#fit");
        double[] fitted = await ViewBoxAsync(page);
        for (int i = 0; i < 4; i++) AssertClose(start[i], fitted[i]);
        await page.CloseAsync();
    }

    [FactNeeding(ExternalTool.Chromium)]
    public async Task ThePage_RequestsNothingButItself_AndRunsWithoutScriptErrors()
    {
        (Value loss, _) = SeedNeuron();
        string path = Path.Combine(_folder, "graph.html");
        Graph.RenderHtml(loss, path);
        var requests = new List<string>();
        var errors = new List<string>();

        IPage page = await _chromium.NewPageAsync();
        page.Request += (_, request) => requests.Add(request.Url);
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await NodeGroup(page, 0).ClickAsync();

        Assert.Equal([new Uri(path).AbsoluteUri], requests);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    private async Task<IPage> OpenAsync(string path)
    {
        IPage page = await _chromium.NewPageAsync();
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        return page;
    }

    /// <summary>The SVG DOM keeps the viewBox in single precision.</summary>
    private static void AssertClose(double expected, double actual) =>
        Assert.InRange(actual, expected - 1e-3 * Math.Max(1, Math.Abs(expected)), expected + 1e-3 * Math.Max(1, Math.Abs(expected)));

    /// <summary>The group of value node <c>n{index}</c> (not its op node <c>n{index}+</c>).</summary>
    private static ILocator NodeGroup(IPage page, int index) =>
        page.Locator($"g.node:has(> title:text-is('n{index}'))");

    private static async Task<double[]> ViewBoxAsync(IPage page)
    {
        string viewBox = await page.GetAttributeAsync("#canvas svg", "viewBox") ?? "";
        return viewBox.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => double.Parse(part, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The node's position in topological order, which is its name in the page.</summary>
    private static int IndexOf(Value root, Value node)
    {
        IReadOnlyList<Value> nodes = Graph.Trace(root).Nodes;
        for (int i = 0; i < nodes.Count; i++)
            if (ReferenceEquals(nodes[i], node)) return i;
        throw new ArgumentException("Not in the graph.", nameof(node));
    }

    /// <summary>How JavaScript's String(number) writes these numbers (shortest round trip, like .NET's "R").</summary>
    private static string Js(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The seed notebook's example after L.Backward(): L = y - tanh(W₀x₀ + W₁x₁).</summary>
    private static (Value Loss, Value YHat) SeedNeuron()
    {
        var w0 = new Value(-0.5, "W₀");
        var x0 = new Value(0.5, "x₀");
        var w1 = new Value(-0.3, "W₁");
        var x1 = new Value(2, "x₁");
        Value w0x0 = w0 * x0; w0x0.Label = "W0x0";
        Value w1x1 = w1 * x1; w1x1.Label = "W1x1";
        Value yHat = w0x0 + w1x1; yHat.Label = "ŷ";
        Value t = yHat.Tanh(); t.Label = "tanh(ŷ)";
        var y = new Value(0.8, "y");
        Value loss = y - t; loss.Label = "L";
        loss.Backward();
        return (loss, yHat);
    }
}
