using System.Diagnostics;
using Michigrad.Playground.Tests.Lab.Running;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Michigrad.Playground.Tests.Browser;

// The hostile snippets in the page as a learner meets them: each ends with a message in data-testid="error" (or the
// big graph's note), the page answers all along, Blazor's error bar never shows, and good code runs afterwards.
[Collection(PlaygroundCollection.Name)]
public sealed class RobustnessTests(PublishedSite site, ChromiumFixture chromium, ITestOutputHelper output)
{
    private static async Task TypeAsync(IPage page, string code)
    {
        await page.Id("editor").FillAsync(code);
        await page.Id("editor").BlurAsync();
    }

    /// <summary>Runs the editor's code; while it runs, the page must answer a script within a second.</summary>
    private static async Task<TimeSpan> RunAnsweringAsync(IPage page)
    {
        string runs = await page.Id("run").GetAttributeAsync("data-runs") ?? "0";
        var clock = Stopwatch.StartNew();
        await page.Id("run").ClickAsync();
        // The page's own thread is free while the code runs (the hostile ones run for seconds; a quick one may be done
        // already, which is no less an answer): a script is answered at once, allowing for a loaded test machine.
        var answer = Stopwatch.StartNew();
        Assert.Equal(2, await page.EvaluateAsync<int>("1 + 1"));
        Assert.True(answer.Elapsed < TimeSpan.FromSeconds(2), $"the page took {answer.Elapsed.TotalSeconds:0.00} s to answer");
        await page.Locator($"[data-testid=run]:not([disabled]):not([data-runs=\"{runs}\"])").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
        return clock.Elapsed;
    }

    private static async Task<IPage> OpenReadyAsync(ChromiumFixture chromium, PublishedSite site, string lang = "es")
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "lang=" + lang);
        await page.Locator("[data-testid=run][data-compiler=ready]").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        return page;
    }

    [Fact]
    public async Task HostileSnippets_EndWithAMessage_AndThePageAnswersThroughout()
    {
        IPage page = await OpenReadyAsync(chromium, site);
        var lines = new List<string>();

        async Task<string> ErrorAfter(string name, string code)
        {
            await TypeAsync(page, code);
            TimeSpan took = await RunAnsweringAsync(page);
            string error = await page.Id("error").InnerTextAsync();
            lines.Add($"{name}: {took.TotalSeconds:0.00} s: {error}");
            return error;
        }

        string endless = await ErrorAfter("endless loop", HostileSnippets.EndlessWhile);
        // The budget ends it at 3 s, or on a machine too loaded for the worker to reach its check, the page's watchdog
        // at 4.5 s: either way the message speaks of a loop and of its seconds.
        Assert.Contains("bucle", endless);
        Assert.Matches(@"\b(3|4\.5) s\b", endless);
        Assert.Contains("bucle", await ErrorAfter("swallowing loop", HostileSnippets.SwallowingLoop));
        Assert.Contains("recursión", await ErrorAfter("deep recursion", HostileSnippets.DeepRecursion));
        // Recursion the budget cannot see overflows the worker's stack: the worker dies and a new one starts.
        Assert.Contains("se reinició", await ErrorAfter("lambda recursion", HostileSnippets.LambdaRecursion));
        Assert.StartsWith("InvalidOperationException: boom", await ErrorAfter("throwing", HostileSnippets.Throwing));
        Assert.Equal("ArgumentNullException: un argumento es null. (parámetro «a»)", await ErrorAfter("null argument", HostileSnippets.NullArgument));
        Assert.Contains("espera 2 valores de entrada pero recibió 3", await ErrorAfter("wrong input count", HostileSnippets.WrongInputCount));
        Assert.Contains("fuera de los límites", await ErrorAfter("index past the end", HostileSnippets.IndexPastTheEnd));

        foreach (int ops in new[] { 45_000, 100_000 })
        {
            await TypeAsync(page, HostileSnippets.Chain(ops / 2));
            TimeSpan took = await RunAnsweringAsync(page);
            string note = await page.Id("graph-too-big").InnerTextAsync();
            lines.Add($"{ops + 1:N0}-node graph: {took.TotalSeconds:0.00} s: {note}");
            Assert.Contains((ops + 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), note);
            Assert.Contains("1,000", note);
            Assert.Equal(0, await page.Id("graph").CountAsync());
            Assert.Equal("1", (await PlaygroundPage.ValueAsync(page, "y")).Grad);
        }
        await Artifacts.ScreenshotAsync(page, "playground-big-graph");

        // After all that, ordinary code runs (in the worker: it is not one of the examples).
        await TypeAsync(page, "var a = new Value(3.0, \"a\");\nvar b = a * a; b.Label = \"b\";\nb.Backward();\nb");
        await RunAnsweringAsync(page);
        Assert.Equal(("9", "1"), await PlaygroundPage.ValueAsync(page, "b"));
        Assert.Equal("6", (await PlaygroundPage.ValueAsync(page, "a")).Grad);

        foreach (string line in lines) { output.WriteLine(line); Artifacts.Record(line); }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Stop_EndsARunAtOnce_AndTheNextRunWorks()
    {
        IPage page = await OpenReadyAsync(chromium, site, "en");
        await TypeAsync(page, HostileSnippets.EndlessWhile);
        await page.Id("run").ClickAsync();
        await page.Locator("[data-testid=stop]:not([disabled])").WaitForAsync(new() { Timeout = 5_000 });
        var clock = Stopwatch.StartNew();

        await page.Id("stop").ClickAsync();
        await page.Locator("[data-testid=run]:not([disabled])").WaitForAsync(new() { Timeout = 5_000 });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Stop took {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal("Stopped: the run was cancelled.", await page.Id("error").InnerTextAsync());
        await page.Locator("[data-testid=run][data-compiler=ready]").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        await TypeAsync(page, "Console.WriteLine(\"again\");\n2 * 21");
        await PlaygroundPage.RunAsync(page);
        Assert.Equal("again", (await page.Id("console").InnerTextAsync()).Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConsoleWriteLine_PrintsIntoTheOutputPanel_AndCompileErrorsAreSpanish()
    {
        IPage page = await OpenReadyAsync(chromium, site);
        await TypeAsync(page, """
            var n = new Neuron(2, seed: 1);
            Console.WriteLine($"parámetros: {n.Parameters().Count()}");
            for (int i = 0; i < 3; i++) Console.Write(i);
            """);
        await PlaygroundPage.RunAsync(page);
        Assert.Equal("parámetros: 3\n012", (await page.Id("console").InnerTextAsync()).Trim());

        await TypeAsync(page, "var a = nope;");
        await PlaygroundPage.RunAsync(page);
        string error = await page.Id("error").InnerTextAsync();
        Assert.Contains("CS0103", error);
        Assert.Contains("El nombre 'nope' no existe en el contexto actual", error);
        await page.Context.CloseAsync();
    }
}
