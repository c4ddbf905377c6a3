using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Michigrad.Playground.Tests.Browser;

[Collection(PlaygroundCollection.Name)]
public sealed class TrainTests(PublishedSite site, ChromiumFixture chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task Moons_TrainsTo100PercentWhileThePageRepaints()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "page=train");
        await page.Id("boundary").WaitForAsync();
        // Count animation frames while training: the page must keep painting.
        await page.EvaluateAsync("() => { window.__frames = 0; const f = () => { window.__frames++; requestAnimationFrame(f); }; requestAnimationFrame(f); }");

        var clock = Stopwatch.StartNew();
        await page.Id("play").ClickAsync();
        await page.WaitForFunctionAsync("() => +document.querySelector('[data-testid=step-count]').textContent >= 100",
            null, new() { Timeout = PlaygroundPage.Timeout, PollingInterval = 20 });
        TimeSpan hundred = clock.Elapsed;
        int frames = await page.EvaluateAsync<int>("() => window.__frames");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=accuracy]').textContent === '100%'",
            null, new() { Timeout = PlaygroundPage.Timeout });
        await page.Id("pause").ClickAsync();

        Assert.Equal("100%", await page.Id("accuracy").InnerTextAsync());
        Assert.True(int.Parse(await page.Id("step-count").InnerTextAsync()) >= 100);
        Assert.True(frames >= 2, $"the page painted {frames} frames while training");
        Assert.StartsWith("data:image/bmp;base64,", await page.Locator("[data-testid=boundary] image.regions").GetAttributeAsync("href"));

        string line = $"moons 2-16-16-1: 100 steps in {hundred.TotalSeconds:0.00} s of wall time, " +
                      $"{frames} frames painted ({frames / hundred.TotalSeconds:0} per second); " +
                      await page.Id("frame-stats").InnerTextAsync();
        output.WriteLine(line);
        Artifacts.Record(line);

        // A click on a point draws that sample's graph.
        await page.Locator("[data-testid=boundary] circle.point").First.ClickAsync();
        await page.Locator(".sample svg.graph").WaitForAsync();
        Assert.Contains("score", await page.Locator(".sample svg.graph").InnerHTMLAsync());
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
    public async Task CsvUpload_Trains()
    {
        string csv = Path.Combine(Artifacts.Folder, "points.csv");
        Directory.CreateDirectory(Artifacts.Folder);
        var lines = new List<string> { "a,b,label" };
        var random = new Random(5);
        for (int i = 0; i < 60; i++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
            lines.Add(FormattableString.Invariant($"{a:0.###},{b:0.###},{(a + b > 0 ? "yes" : "no")}"));
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

        Assert.Equal("30", await page.Id("step-count").InnerTextAsync());
        Assert.Equal(60, await page.Locator("[data-testid=boundary] circle.point").CountAsync());
        double accuracy = double.Parse((await page.Id("accuracy").InnerTextAsync()).TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 90, $"accuracy {accuracy}% after 30 steps on a linearly separable set");
        await Artifacts.ScreenshotAsync(page, "playground-csv");

        // A wrong label column gets the same message as michigrad train.
        await page.Id("csv-target").FillAsync("nope");
        await page.Id("csv-target").BlurAsync();
        string error = await page.Id("error").InnerTextAsync();
        Assert.Contains("points.csv", error);
        Assert.Contains("nope", error);
        await page.Context.CloseAsync();
    }
}
