using System.Globalization;
using Michigrad.Playground.Lab;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Michigrad.Playground.Tests.Browser;

[Collection(PlaygroundCollection.Name)]
public sealed class GraphLabTests(PublishedSite site, ChromiumFixture chromium, ITestOutputHelper output)
{
    // The seed notebook's numbers (PyTorch gives the same): L = 0.8 − tanh(−0.5·0.5 + −0.3·2) and dL/dW₀.
    private const double SeedL = 1.4910694698329305;
    private const double SeedW0Grad = -0.26121149393241616;

    private static string Digits(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public async Task SeedExample_RunsInTheBrowserAndShowsLAndTheGradientOfW0()
    {
        // A learner who presses Run at once: the page is usable when Run is, and the course's example runs then
        // (precompiled with the app), while the compiler warms up in the runner's worker.
        IPage page = await chromium.NewPageAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync(site.Address);
        await page.Locator("[data-testid=run]:not([disabled])").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        TimeSpan usable = clock.Elapsed;
        await page.Id("run").ClickAsync();
        await page.Locator("[data-testid=graph]").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        TimeSpan firstRun = clock.Elapsed;
        await page.Locator("[data-testid=run][data-compiler=ready]").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        TimeSpan compilerReady = clock.Elapsed;
        TimeSpan second = await PlaygroundPage.RunAsync(page);

        Assert.Equal(1, await page.Id("graph").CountAsync());
        Assert.Equal((Digits(SeedL), "1"), await PlaygroundPage.ValueAsync(page, "L"));
        Assert.Equal(Digits(SeedW0Grad), (await PlaygroundPage.ValueAsync(page, "W₀")).Grad);
        Assert.Contains("data 1.4911", await page.Id("graph").InnerHTMLAsync());
        Assert.Equal(10, await page.Locator("[data-testid=graph] g[data-node]").CountAsync());

        // Edited code goes to the compiler in the worker.
        await page.Id("editor").FillAsync(Snippets.Seed.Replace("0.8", "0.9"));
        await page.Id("editor").BlurAsync();
        TimeSpan edited = await PlaygroundPage.RunAsync(page);
        Assert.Equal(SeedL + 0.1, double.Parse((await PlaygroundPage.ValueAsync(page, "L")).Data, CultureInfo.InvariantCulture), 1e-12);
        ILocator timing = page.Id("timing");
        string phases = $"compile {await timing.GetAttributeAsync("data-compile-ms")} ms, run {await timing.GetAttributeAsync("data-run-ms")} ms, " +
                        $"draw {await timing.GetAttributeAsync("data-draw-ms")} ms";

        string line = $"usable {usable.TotalSeconds:0.00} s after navigation, first Run pressed then done at {firstRun.TotalSeconds:0.00} s " +
                      $"(publish {site.PublishTime.TotalSeconds:0} s); compiler ready at {compilerReady.TotalSeconds:0.00} s; " +
                      $"second Run {second.TotalSeconds:0.00} s; edited code {edited.TotalSeconds:0.00} s ({phases}); " +
                      $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}";
        output.WriteLine(line);
        Artifacts.Record(line);
        await Artifacts.ScreenshotAsync(page, "playground-graph-lab");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task BackwardStepByStep_ReachesTheSameGradientsAsBackward()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address);
        await PlaygroundPage.RunAsync(page);
        string[] labels = ["L", "tanh(ŷ)", "ŷ", "W₀x₀", "W₁x₁", "W₀", "x₀", "W₁", "x₁", "y"];
        var expected = new Dictionary<string, string>();
        foreach (string label in labels) expected[label] = (await PlaygroundPage.ValueAsync(page, label)).Grad;

        await page.Id("backward-reset").ClickAsync();
        foreach (string label in labels) Assert.Equal("0", (await PlaygroundPage.ValueAsync(page, label)).Grad);

        int steps = 0;
        while (await page.Id("backward-step").IsEnabledAsync())
        {
            await page.Id("backward-step").ClickAsync();
            steps++;
            if (steps == 6)
            {
                // The last step, into W₀·x₀, shows the chain rule with numbers, and the node it works on is highlighted.
                string chain = await page.Id("chain-rule").InnerTextAsync();
                Assert.Contains("W₀.grad += x₀ · W₀x₀.grad = 0.5 · −0.5224 = −0.2612", chain);
                await Artifacts.ScreenshotAsync(page, "playground-backward-step");
            }
            Assert.True(steps < 50, "the stepper never finished");
        }
        Assert.Equal(6, steps);   // seed the root, then one step per operation: -, tanh, +, *, *
        foreach (string label in labels) Assert.Equal(expected[label], (await PlaygroundPage.ValueAsync(page, label)).Grad);

        await page.Id("backward-back").ClickAsync();
        Assert.Equal("0", (await PlaygroundPage.ValueAsync(page, "W₀")).Grad);
        await page.Id("backward-all").ClickAsync();
        Assert.Equal(Digits(SeedW0Grad), (await PlaygroundPage.ValueAsync(page, "W₀")).Grad);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CompileError_IsReportedWithItsLine()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address);
        await page.Id("editor").FillAsync("var a = new Value(1.0, \"a\");\nvar b = a * undefinedThing;\nb");
        await page.Id("editor").BlurAsync();
        await PlaygroundPage.RunAsync(page);

        string error = await page.Id("error").InnerTextAsync();
        Assert.Contains("CS0103", error);
        Assert.Contains("undefinedThing", error);
        Assert.Matches("(line|línea) 2", error);
        Assert.Equal(0, await page.Id("graph").CountAsync());
        await Artifacts.ScreenshotAsync(page, "playground-compile-error");
        await page.Context.CloseAsync();
    }
}
