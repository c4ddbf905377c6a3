using Bunit;
using Michigrad.Playground.Components;
using Michigrad.Playground.Lab;
using Michigrad.Playground.Lab.Running;
using Microsoft.Extensions.DependencyInjection;

namespace Michigrad.Playground.Tests.Components;

public sealed class GraphLabComponentTests : IDisposable
{
    private readonly BunitContext _context = new();

    // The first compile in a process loads Roslyn: seconds, not the default one-second wait.
    private static readonly TimeSpan Compiling = TimeSpan.FromSeconds(60);

    public GraphLabComponentTests()
    {
        _context.Services.AddSingleton<ISnippetWorker, InProcessSnippetWorker>();
        _context.Services.AddSingleton<PlaygroundRunner>();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public void Dispose() => _context.Dispose();

    private IRenderedComponent<GraphLab> Render(string code) =>
        _context.Render<GraphLab>(p => p.Add(c => c.Code, code).Add(c => c.TestIds, true).Add(c => c.Language, "en"));

    /// <summary>Fires an event on the renderer and returns once it has been handled and the page rendered again. A plain
    /// <c>Click()</c> only queues the event while the renderer is busy (a run finishing, the worker's warm-up), so an
    /// assertion right after it could read the page from before the event.</summary>
    private static Task Fire(IRenderedComponent<GraphLab> lab, Action fire) => lab.InvokeAsync(fire);

    [Fact]
    public void Run_DrawsTheGraphAndTheValuesTable()
    {
        var lab = Render(Snippets.Seed);

        lab.Find("[data-testid=run]").Click();

        lab.WaitForAssertion(() => Assert.NotNull(lab.Find("svg[data-testid=graph]")), Compiling);
        Assert.Equal(10, lab.FindAll("svg[data-testid=graph] g[data-node]").Count);
        Assert.Equal("1.4910694698329305", lab.Find("tr[data-label=L] td.data").TextContent);
        Assert.Equal("-0.26121149393241616", lab.Find("tr[data-label=W₀] td.grad").TextContent);
        Assert.Equal("step 6 / 6", lab.Find("[data-testid=backward-count]").TextContent);
    }

    [Fact]
    public async Task BackwardButtons_StepResetAndRunToEnd()
    {
        var lab = Render(Snippets.Seed);
        lab.Find("[data-testid=run]").Click();
        lab.WaitForAssertion(() => Assert.NotNull(lab.Find("svg[data-testid=graph]")), Compiling);
        lab.WaitForAssertion(() => Assert.NotNull(lab.Find("[data-testid=timing]")), Compiling);   // the run is over

        // Under a loaded machine the page may still be settling from the run (the warm-up's last render): wait for the
        // reset to show rather than read the table at once.
        lab.WaitForAssertion(() =>
        {
            if (lab.Find("[data-testid=backward-count]").TextContent != "step 0 / 6") lab.Find("[data-testid=backward-reset]").Click();
            Assert.Equal("step 0 / 6", lab.Find("[data-testid=backward-count]").TextContent);
        }, Compiling);
        Assert.Equal("0", lab.Find("tr[data-label=W₀] td.grad").TextContent);

        await Fire(lab, () => lab.Find("[data-testid=backward-step]").Click());
        Assert.Equal("1", lab.Find("tr[data-label=L] td.grad").TextContent);
        Assert.Contains("L.grad = 1", lab.Find("[data-testid=chain-rule]").TextContent);
        // The node being worked on is highlighted in the picture.
        Assert.Contains("g[data-node=\"9\"]", lab.Find(".graph-host style").TextContent);

        await Fire(lab, () => lab.Find("[data-testid=backward-all]").Click());
        Assert.Equal("-0.26121149393241616", lab.Find("tr[data-label=W₀] td.grad").TextContent);
        Assert.True(lab.Find("[data-testid=backward-step]").HasAttribute("disabled"));
    }

    [Fact]
    public void CompileErrors_AreListedWithTheirLines()
    {
        var lab = Render("var a = new Value(1.0);\nvar b = a +;");

        lab.Find("[data-testid=run]").Click();

        lab.WaitForAssertion(() => Assert.Contains("line 2", lab.Find("[data-testid=error]").TextContent), Compiling);
        Assert.Empty(lab.FindAll("svg[data-testid=graph]"));
    }

    [Fact]
    public void ChoosingAnExample_LoadsItAndRunsIt()
    {
        string? reported = null;
        var lab = _context.Render<GraphLab>(p => p.Add(c => c.Code, "").Add(c => c.TestIds, true)
            .Add(c => c.CodeChanged, (string code) => reported = code));

        lab.Find("[data-testid=example-square]").Click();

        lab.WaitForAssertion(() => Assert.Equal("6", lab.Find("tr[data-label=x] td.grad").TextContent), Compiling);
        Assert.Equal(Snippets.Square, reported);
    }

    [Fact]
    public async Task AnExampleAsWritten_RunsAtOnce_AndRunSaysWhereItsTimeWentBehindAToggle()
    {
        var lab = Render(Snippets.Seed);

        lab.Find("[data-testid=run]").Click();

        lab.WaitForAssertion(() => Assert.NotNull(lab.Find("[data-testid=timing]")), Compiling);
        var timing = lab.Find("[data-testid=timing]");
        Assert.True(timing.HasAttribute("hidden"));                    // off by default
        Assert.Equal("0", timing.GetAttribute("data-compile-ms"));   // precompiled: nothing to compile
        Assert.Matches(@"compile 0\.00 s · run \d+\.\d\d s · draw \d+\.\d\d s", timing.TextContent);
        Assert.Equal("1.4910694698329305", lab.Find("tr[data-label=L] td.data").TextContent);

        await Fire(lab, () => lab.Find("[data-testid=timing-toggle]").Change(true));
        Assert.False(lab.Find("[data-testid=timing]").HasAttribute("hidden"));
    }

    [Fact]
    public void EditedCode_RunsInTheWorker_WithItsConsoleOutput()
    {
        var lab = Render("Console.WriteLine(\"hola\");\nvar a = new Value(2.0, \"a\");\na * a");

        lab.Find("[data-testid=run]").Click();

        lab.WaitForAssertion(() => Assert.Equal("hola\n", lab.Find("[data-testid=console]").TextContent.ReplaceLineEndings("\n")), Compiling);
        Assert.Equal("4", lab.Find("tr[data-label=\"*\"] td.data").TextContent);   // an unlabelled node is named by its op
    }

    [Fact]
    public void AGraphPastTheDrawingLimit_IsATableAndAMessage()
    {
        var lab = Render(Michigrad.Playground.Tests.Lab.Running.HostileSnippets.Chain(3_000));

        lab.Find("[data-testid=run]").Click();

        lab.WaitForAssertion(() => Assert.Contains("6,001", lab.Find("[data-testid=graph-too-big]").TextContent), Compiling);
        Assert.Contains("1,000", lab.Find("[data-testid=graph-too-big]").TextContent);
        Assert.Empty(lab.FindAll("svg[data-testid=graph]"));
        Assert.Equal(GraphData.TableRows, lab.FindAll("table.values tbody tr").Count);
        Assert.Equal("1", lab.Find("tr[data-label=y] td.grad").TextContent);
    }

    [Fact]
    public void AThrowingSnippet_ShowsAMessageInTheLanguage()
    {
        var lab = _context.Render<GraphLab>(p => p.Add(c => c.Code, "Value v = null!;\nvar w = v + 1;").Add(c => c.TestIds, true).Add(c => c.Language, "es"));

        lab.Find("[data-testid=run]").Click();

        lab.WaitForAssertion(() => Assert.StartsWith("ArgumentNullException: un argumento es null.", lab.Find("[data-testid=error]").TextContent), Compiling);
    }

    [Fact]
    public async Task Chips_NameEveryGraph_AndKeepTheirNamesWhenClicked()
    {
        var lab = Render("var a = new Value(2.0);\nvar b = new Value(3.0);\nShow(a * b);\nShow(a + b);\n(a * b).Tanh()");
        lab.Find("[data-testid=run]").Click();
        // The chips appear before the run has finished rendering: the click waits for the run's timing line.
        lab.WaitForAssertion(() =>
        {
            Assert.Equal(3, lab.FindAll(".chips button").Count);
            Assert.NotNull(lab.Find("[data-testid=timing]"));
        }, Compiling);

        string[] before = [.. lab.FindAll(".chips button").Select(b => b.TextContent)];
        Assert.All(before, name => Assert.DoesNotMatch(@"^#\d", name));
        Assert.Equal(["*", "+", "tanh"], before);
        await Fire(lab, () => lab.FindAll(".chips button")[0].Click());
        Assert.Equal(before, lab.FindAll(".chips button").Select(b => b.TextContent));
    }

    [Fact]
    public async Task ANewRun_StartsTheTableAfresh()
    {
        var lab = Render(Snippets.Seed);
        lab.Find("[data-testid=run]").Click();
        lab.WaitForAssertion(() => Assert.NotNull(lab.Find("[data-testid=timing]")), Compiling);
        await Fire(lab, () => lab.Find("[data-testid=table-filter]").Input("W₀"));
        Assert.Single(lab.FindAll("table.values tbody tr[data-label='W₀']"));
        Assert.Equal("W₀", lab.Find("[data-testid=table-filter]").GetAttribute("value"));

        string runs = lab.Find("[data-runs]").GetAttribute("data-runs")!;
        await Fire(lab, () => lab.Find("[data-testid=run]").Click());
        lab.WaitForAssertion(() => Assert.NotEqual(runs, lab.Find("[data-runs]").GetAttribute("data-runs")), Compiling);

        Assert.Equal("", lab.Find("[data-testid=table-filter]").GetAttribute("value") ?? "");
        Assert.Equal(10, lab.FindAll("table.values tbody tr").Count);
    }
}
