using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Michigrad.Playground.Tests.Browser;

[Collection(PlaygroundCollection.Name)]
public sealed partial class TrainTests(PublishedSite site, ChromiumFixture chromium, ITestOutputHelper output)
{
    // How each weight is drawn (its segment's path, by sign and thickness), and how many are drawn.
    private const string Weights = "() => [...document.querySelectorAll('[data-testid=network] path.weights')].map(p => p.getAttribute('d')).join('|')";
    private const string Lines = "() => [...document.querySelectorAll('[data-testid=network] path.weights')].reduce((n, p) => n + (p.getAttribute('d').match(/M/g) ?? []).length, 0)";

    private static async Task<int> StepsAsync(IPage page) => int.Parse(await page.Id("step-count").InnerTextAsync(), CultureInfo.InvariantCulture);

    private static async Task<double> PercentAsync(IPage page, string testId) =>
        double.Parse((await page.Id(testId).InnerTextAsync()).TrimEnd('%'), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Moons_TrainsTo100PercentWhileThePageRepaints_AndTheNetworkFollows()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "page=train&lang=en");
        await page.Id("boundary").WaitForAsync();
        string weightsBefore = await page.EvaluateAsync<string>(Weights);
        // Count animation frames while training: the page must keep painting.
        await page.EvaluateAsync("() => { window.__frames = 0; const f = () => { window.__frames++; requestAnimationFrame(f); }; requestAnimationFrame(f); }");

        var clock = Stopwatch.StartNew();
        await page.Id("play").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=accuracy]').textContent === '100%'",
            null, new() { Timeout = PlaygroundPage.Timeout, PollingInterval = 10 });
        TimeSpan perfect = clock.Elapsed;
        int frames = await page.EvaluateAsync<int>("() => window.__frames");
        int stepsThen = await StepsAsync(page);
        await page.Id("pause").ClickAsync();

        Assert.True(frames >= 2, $"the page painted {frames} frames while training");
        Assert.StartsWith("data:image/bmp;base64,", await page.Locator("[data-testid=boundary] image.regions").GetAttributeAsync("href"));
        Assert.NotEqual(weightsBefore, await page.EvaluateAsync<string>(Weights));
        Assert.Equal(2 * 16 + 16 * 16 + 16, await page.EvaluateAsync<int>(Lines));
        Assert.EndsWith("%", await page.Id("test-accuracy").InnerTextAsync());

        string line = $"moons 2-16-16-1 (80 training rows): 100% at step {stepsThen}, {perfect.TotalSeconds:0.00} s after Play, " +
                      $"{frames} frames painted; " + await page.Id("frame-stats").TextContentAsync();
        output.WriteLine(line);
        Artifacts.Record(line);

        // A click on a point shows its graph grouped by layer: boxes, not hundreds of nodes; a neuron opens.
        await page.Locator("[data-testid=boundary] circle.point").First.ClickAsync();
        await page.Id("grouped-graph").WaitForAsync();
        Assert.Equal(35, await page.Locator("[data-testid=grouped-graph] .box").CountAsync());
        await page.Locator("[data-testid=grouped-graph] button[data-unit='L1.N3']").ClickAsync();
        Assert.Contains("L1.N3.w[0]", await page.Locator("[data-testid=unit-graph] svg.graph").InnerHTMLAsync());
        await Artifacts.ScreenshotAsync(page, "playground-train");

        // The trained model downloads as model.json, in the format michigrad predict reads.
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.Id("export-model").ClickAsync());
        string path = Path.Combine(Artifacts.Folder, "model.json");
        Directory.CreateDirectory(Artifacts.Folder);
        await download.SaveAsAsync(path);
        var saved = Michigrad.Serialization.ModelFile.LoadWithMetadata(path);
        Assert.Equal(2, saved.Model.InputSize);
        Assert.Equal(Michigrad.Serialization.ModelTask.BinaryHinge, saved.Metadata?.Task);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Blobs_WithCrossEntropy_TrainOrAreWarned()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "page=train&lang=en");
        await page.Id("dataset").SelectOptionAsync("blobs");
        Assert.Equal("ce", await page.Id("loss-function").InputValueAsync());
        Assert.Equal("0.1", await page.Id("learning-rate").InputValueAsync());

        await page.Id("play").ClickAsync();
        await page.Locator("[data-testid=budget-note], [data-testid=warning]").First.WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });

        bool warned = await page.Id("warning").CountAsync() > 0;
        double accuracy = await PercentAsync(page, "accuracy");
        output.WriteLine($"blobs, ce, sgd 0.1: {(warned ? "warned: " + await page.Id("warning").InnerTextAsync() : "trained")}, " +
                         $"training accuracy {accuracy}%, test {await page.Id("test-accuracy").InnerTextAsync()}, loss {await page.Id("loss").InnerTextAsync()}");
        Assert.True(warned || accuracy >= 90, $"blobs ended at {accuracy}% with no warning");
        Assert.False(warned, "blobs with their defaults should train");
        await Artifacts.ScreenshotAsync(page, "playground-train-blobs");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ASemicolonCsv_Trains_IsKeptAcrossAReload_AndItsFaultsAreSpanish()
    {
        string csv = Path.Combine(Artifacts.Folder, "points.csv");
        Directory.CreateDirectory(Artifacts.Folder);
        var lines = new List<string> { "a;b;label" };
        var random = new Random(5);
        for (int i = 0; i < 60; i++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
            lines.Add(FormattableString.Invariant($"{a:0.###};{b:0.###};{(a + b > 0 ? "yes" : "no")}"));
        }
        File.WriteAllLines(csv, lines);

        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "page=train");
        await page.Id("dataset").SelectOptionAsync("csv");
        await page.Id("csv-target").FillAsync("label");
        await page.Id("csv-target").BlurAsync();
        await page.Id("csv-file").SetInputFilesAsync(csv);
        await page.Id("boundary").WaitForAsync();
        for (int i = 0; i < 30; i++) await page.Id("step").ClickAsync();

        Assert.Equal(30, await StepsAsync(page));
        Assert.Equal(60, await page.Locator("[data-testid=boundary] circle.point").CountAsync());
        double accuracy = await PercentAsync(page, "accuracy");
        Assert.True(accuracy >= 90, $"accuracy {accuracy}% after 30 steps on a linearly separable set");
        Assert.Contains("points.csv", await page.Id("csv-note").InnerTextAsync());
        await Artifacts.ScreenshotAsync(page, "playground-csv");

        // Reloading keeps the file (it is kept in the browser, the settings in the address).
        await page.ReloadAsync();
        await page.Id("boundary").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        Assert.Contains("Se ha vuelto a cargar «points.csv»", await page.Id("csv-note").InnerTextAsync());
        Assert.Equal(60, await page.Locator("[data-testid=boundary] circle.point").CountAsync());

        // A wrong label column is named, in the page's language.
        await page.Id("csv-target").FillAsync("nope");
        await page.Id("csv-target").BlurAsync();
        Assert.Equal("points.csv: no hay ninguna columna de etiquetas «nope»; las columnas son 'a', 'b', 'label'.",
            await page.Id("error").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ADivergingRun_PausesWithAWarning()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "page=train&lr=1000&decay=0");
        await page.Id("boundary").WaitForAsync();

        await page.Id("play").ClickAsync();
        await page.Id("warning").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });

        string warning = await page.Id("warning").InnerTextAsync();
        Assert.Contains("divergió", warning);
        Assert.Contains("tasa de aprendizaje menor", warning);
        Assert.True(await page.Id("play").IsDisabledAsync());
        Assert.True(await page.Id("pause").IsDisabledAsync());
        int steps = await StepsAsync(page);
        await page.WaitForTimeoutAsync(300);
        Assert.Equal(steps, await StepsAsync(page));   // paused
        Assert.DoesNotContain("NaN", await page.Id("loss").InnerTextAsync());
        await Artifacts.ScreenshotAsync(page, "playground-train-diverged");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheSpeedControl_GoesFromAStepASecondToFullSpeed()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "page=train&speed=0&lang=en");
        await page.Id("boundary").WaitForAsync();
        Assert.Equal("1 step/s", await page.Locator(".speed output").InnerTextAsync());

        var clock = Stopwatch.StartNew();
        await page.Id("play").ClickAsync();
        await page.WaitForTimeoutAsync(2500);
        int slow = await StepsAsync(page);
        // One at once, then one a second: by 2.5 s at least 3 (the browser may run late on a loaded machine, never early).
        Assert.InRange(slow, 3, 2 + (int)clock.Elapsed.TotalSeconds);

        await page.Id("speed").FillAsync("5");
        await page.WaitForFunctionAsync("() => +document.querySelector('[data-testid=step-count]').textContent >= 200",
            null, new() { Timeout = PlaygroundPage.Timeout });
        Assert.Equal("full", await page.Locator(".speed output").InnerTextAsync());
        Assert.DoesNotContain("speed=", page.Url);   // full speed is the default, which links leave out
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheSpanishTrainTab_HoldsNoEnglish()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "page=train&budget=20");
        await page.Id("play").ClickAsync();
        await page.Id("budget-note").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        await page.Locator("[data-testid=boundary] circle.point").Nth(5).ClickAsync();
        await page.Locator("[data-testid=grouped-graph] button[data-unit='L0.N2']").ClickAsync();
        await page.Id("samples").FillAsync("abc");
        await page.Id("samples").BlurAsync();
        await page.Locator(".timings summary").ClickAsync();

        string text = await page.Locator(".train-tab").InnerTextAsync();
        string titles = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('.train-tab [title], .train-tab title')].map(e => e.getAttribute('title') ?? e.textContent).join(' ')");

        Assert.DoesNotMatch(English(), text);
        Assert.DoesNotMatch(English(), titles);
        Assert.Contains("Exactitud", text);
        Assert.Contains("ms/paso", text);
        Assert.DoesNotContain("Precisión", text);
        await page.Context.CloseAsync();
    }

    /// <summary>Words of the English Train tab that its Spanish never uses.</summary>
    [GeneratedRegex(@"\b(the|and|of|is|step|steps|loss|accuracy|training|test|layer|layers|nodes|neurons|weight|samples|hidden|click|budget|speed|reset|play|pause|dataset|network|inputs|output|open|class|bias|value|parameter|seed|batch|decay|import|export|held|frames|paint|regions|will|write|number)\b", RegexOptions.IgnoreCase)]
    private static partial Regex English();

    public static TheoryData<int, int, string> Screens => new()
    {
        { 390, 844, "es" }, { 390, 844, "en" }, { 768, 1024, "es" }, { 768, 1024, "en" },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task OnPhonesAndTablets_TheTrainTabFits_WithTouchSizedControls(int width, int height, string language)
    {
        IPage page = await chromium.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await PlaygroundPage.OpenAsync(page, site.Address, $"page=train&lang={language}&budget=30");
        await page.Id("play").ClickAsync();
        await page.Id("budget-note").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        await page.Locator("[data-testid=boundary] circle.point").Nth(2).ClickAsync();
        await page.Locator("[data-testid=grouped-graph] button[data-unit='L1.N0']").ClickAsync();

        // Nothing of the tab reaches past the screen's right edge, and the page does not scroll sideways for it.
        var overflow = await page.EvaluateAsync<string[]>(@"() => {
            const right = document.documentElement.clientWidth;
            return [...document.querySelectorAll('.train-tab *')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > right + 0.5 && !e.closest('.columns, .graph-box'); })
                .slice(0, 5).map(e => e.tagName + '.' + e.getAttribute('class') + ' ' + Math.round(e.getBoundingClientRect().right));
        }");
        await Artifacts.ScreenshotAsync(page, $"playground-train-{width}-{language}");
        Assert.Empty(overflow);
        Assert.Equal(await page.EvaluateAsync<int>("() => document.querySelector('.train-tab').clientWidth"),
            await page.EvaluateAsync<int>("() => document.querySelector('.train-tab').scrollWidth"));
        // The map and the curves fit the width.
        foreach (string selector in new[] { "[data-testid=boundary]", "[data-testid=network]", "[data-testid=loss-chart] svg[role=img]", "[data-testid=accuracy-chart] svg[role=img]" })
        {
            var box = (await page.Locator(selector).BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"{selector} spans {box.X}..{box.X + box.Width} of {width}");
        }
        // Every control of the tab is a touch target of at least 40 px.
        var small = await page.EvaluateAsync<string[]>(@"() =>
            [...document.querySelectorAll('.train-tab button, .train-tab select, .train-tab input:not([type=checkbox]):not([type=file]), .train-tab label.check, .train-tab label.file-button')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.height < 40 || r.width < 40); })
                .map(e => (e.dataset.testid ?? e.dataset.unit ?? e.className) + ' ' + Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height))");
        Assert.Empty(small);
        await page.Context.CloseAsync();
    }
}
