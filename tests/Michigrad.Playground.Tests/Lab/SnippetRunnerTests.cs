using Michigrad.Playground.Lab;

namespace Michigrad.Playground.Tests.Lab;

// The same compiler path the browser takes (Roslyn over the loaded assemblies' metadata, emit to memory, load),
// run here in the test process.
public sealed class SnippetRunnerTests
{
    private static readonly SnippetRunner Runner = new();

    [Fact]
    public void Run_TheSeedExample_ShowsLWithTheNotebooksNumbers()
    {
        SnippetResult result = Runner.Run(Snippets.Seed);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Value L = Assert.Single(result.Values);
        Assert.Equal("L", L.Label);
        Assert.Equal(1.4910694698329305, L.Data);   // the seed notebook's L
    }

    [Fact]
    public void Run_TheSecondDerivativeExample_ShowsCosAndMinusSin()
    {
        SnippetResult result = Runner.Run(Snippets.SecondDerivative);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["dy/dx", "d²y/dx²"], result.Values.Select(v => v.Label));
        Assert.Equal(Math.Cos(0.5), result.Values[0].Data, 1e-15);
        Assert.Equal(-Math.Sin(0.5), result.Values[1].Data, 1e-15);
        Assert.NotEmpty(result.Values[0].Children);   // a graph over x, not a number
    }

    [Fact]
    public void Run_DrawsTheLastExpressionWhenItIsAValue()
    {
        SnippetResult result = Runner.Run("var x = new Value(3.0, \"x\");\nx * x");

        Value y = Assert.Single(result.Values);
        Assert.Equal(9, y.Data);
        Assert.Equal("*", y.Op);
    }

    [Fact]
    public void Run_ReturnsAnyOtherLastExpressionAsItsResult()
    {
        SnippetResult result = Runner.Run("1 + 2");

        Assert.Empty(result.Values);
        Assert.Equal(3, result.ReturnValue);
    }

    [Fact]
    public void Run_ReportsCompileErrorsWithTheirLineAndColumn()
    {
        SnippetResult result = Runner.Run("var a = new Value(1.0);\nvar b = a * nope;");

        CompileError error = Assert.Single(result.Errors);
        Assert.Equal((2, 13, "CS0103"), (error.Line, error.Column, error.Id));
        Assert.Contains("nope", error.Message);
        Assert.Empty(result.Values);
    }

    [Fact]
    public void Run_ReportsAnExceptionTheCodeThrows()
    {
        SnippetResult result = Runner.Run("var v = new Value(1.0, \"v\");\nShow(v);\nthrow new InvalidOperationException(\"boom\");");

        Assert.False(result.Succeeded);
        Assert.Equal("boom", Assert.IsType<InvalidOperationException>(result.Exception).Message);
        Assert.Single(result.Values);   // what was shown before the throw is kept
    }

    [Fact]
    public void Run_SeesTheLibrarysNamespacesWithoutUsings()
    {
        SnippetResult result = Runner.Run("var m = new MLP(2, [3, 1]);\nm.Forward(1.0, 2.0)[0]");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Single(result.Values);
    }

    [Fact]
    public async Task WarmUp_CompilesTheEditorsCodeAhead_SoItsRunOnlyRunsIt()
    {
        var runner = new SnippetRunner();

        SnippetResult? warm = await runner.WarmUpAsync(Snippets.Seed);
        SnippetResult first = runner.Run(Snippets.Seed);
        SnippetResult second = runner.Run(Snippets.Seed);

        Assert.NotNull(warm);
        Assert.Equal(1.4910694698329305, Assert.Single(warm.Values).Data);
        Assert.Equal(TimeSpan.Zero, first.CompileTime);          // compiled while the learner read the page
        Assert.Equal(1.4910694698329305, Assert.Single(first.Values).Data);
        Assert.NotSame(warm.Values[0], first.Values[0]);          // a run of its own, not the warm-up's values
        Assert.True(second.CompileTime > TimeSpan.Zero);          // compiled ahead once only
        Assert.Contains("first compile", runner.WarmUpPhases);
        Assert.Null(await runner.WarmUpAsync(Snippets.Seed));     // once per page
    }

    [Fact]
    public async Task WarmUp_OfOtherCode_LeavesARunOfEditedCodeCorrect()
    {
        var runner = new SnippetRunner();
        await runner.WarmUpAsync(Snippets.Seed);

        SnippetResult result = runner.Run("var x = new Value(3.0, \"x\");\nx * x");

        Assert.True(result.CompileTime > TimeSpan.Zero);
        Assert.Equal(9, Assert.Single(result.Values).Data);
    }

    [Fact]
    public void Run_CompilesAgainstTheLibraryAndTheCoreLibrariesOnly()
    {
        // The compiler's own assemblies are loaded in the page but are not references: less metadata to read.
        SnippetResult result = Runner.Run("var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(\"x\");");

        Assert.Contains(result.Errors, e => e.Id == "CS0234");
        Assert.True(Runner.Run("new List<int> { 3, 1 }.OrderBy(i => i).First() + Math.Max(1, 2)").Succeeded);
    }
}
