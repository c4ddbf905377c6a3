using Michigrad.Playground.Lab;
using Michigrad.Playground.Lab.Running;

namespace Michigrad.Playground.Tests.Lab.Running;

// The same compiler path the browser's worker takes (Roslyn over the loaded assemblies' metadata, the budget's calls
// written in, emit to memory, load), run here in the test process.
public sealed class SnippetRunnerTests
{
    private static readonly SnippetRunner Runner = new() { UsePrecompiled = false };

    private static RunReply Run(string code, string language = "en") => Runner.Run(new RunRequest(code, language));

    private static Value Root(GraphData graph) => GraphRebuilder.Rebuild(graph.Nodes!)[^1];

    [Fact]
    public void Run_TheSeedExample_ShowsLWithTheNotebooksNumbers()
    {
        RunReply reply = Run(Snippets.Seed);

        Assert.True(reply.Succeeded, string.Join("\n", reply.Errors));
        Value L = Root(Assert.Single(reply.Graphs));
        Assert.Equal("L", L.Label);
        Assert.Equal(1.4910694698329305, L.Data);   // the seed notebook's L
        Assert.True(reply.CompileMs > 0);
    }

    [Fact]
    public void Run_TheSecondDerivativeExample_ShowsCosAndMinusSin()
    {
        RunReply reply = Run(Snippets.SecondDerivative);

        Assert.True(reply.Succeeded, string.Join("\n", reply.Errors));
        Value[] roots = reply.Graphs.Select(Root).ToArray();
        Assert.Equal(["dy/dx", "d²y/dx²"], roots.Select(v => v.Label));
        Assert.Equal(Math.Cos(0.5), roots[0].Data, 1e-15);
        Assert.Equal(-Math.Sin(0.5), roots[1].Data, 1e-15);
        Assert.NotEmpty(roots[0].Children);   // a graph over x, not a number
    }

    [Fact]
    public void Run_DrawsTheLastExpressionWhenItIsAValue_OrEachValueOfAList()
    {
        Value y = Root(Assert.Single(Run("var x = new Value(3.0, \"x\");\nx * x").Graphs));
        Assert.Equal(9, y.Data);
        Assert.Equal("*", y.Op);

        RunReply layer = Run("new Layer(2, 3, seed: 1).Forward(0.5, -1.0)");
        Assert.True(layer.Succeeded, string.Join("\n", layer.Errors));
        Assert.Equal(3, layer.Graphs.Count);
    }

    [Fact]
    public void Run_ReturnsAnyOtherLastExpressionAsText()
    {
        RunReply reply = Run("1 + 2");

        Assert.Empty(reply.Graphs);
        Assert.Equal("3", reply.Result);
        Assert.Equal("[1, 2.5]", Run("new[] { 1.0, 2.5 }").Result);
    }

    [Fact]
    public void Run_ReportsCompileErrorsWhereTheLearnerWroteThem()
    {
        // The error sits on a line the budget's rewrite changes (a loop body gains a tick): its column is still the
        // learner's.
        RunReply reply = Run("var a = new Value(1.0);\nfor (int i = 0; i < 3; i++) a = a * nope;");

        CompileError error = Assert.Single(reply.Errors);
        Assert.Equal((2, 37, "CS0103"), (error.Line, error.Column, error.Id));
        Assert.Contains("nope", error.Message);
        Assert.Empty(reply.Graphs);
    }

    [Fact]
    public void Run_ReportsAnExceptionTheCodeThrows_InTheLearnersOwnWords()
    {
        RunReply reply = Run("var v = new Value(1.0, \"v\");\nShow(v);\nthrow new InvalidOperationException(\"boom\");");

        Assert.False(reply.Succeeded);
        Assert.Equal(new RunFailure(RunFailureKind.Exception, "System.InvalidOperationException", "boom", FromSnippet: true), reply.Failure);
        Assert.Single(reply.Graphs);   // what was shown before the throw is kept
    }

    [Fact]
    public void Run_SeesTheUsualNamespacesWithoutUsings()
    {
        RunReply reply = Run("var m = new MLP(2, [3, 1]);\nvar sb = new StringBuilder(\"x\");\nm.Forward(1.0, 2.0)[0]");

        Assert.True(reply.Succeeded, string.Join("\n", reply.Errors));
        Assert.Single(reply.Graphs);
    }

    [Fact]
    public void ConsoleWriteAndWriteLine_GoToTheReply()
    {
        RunReply reply = Run("""
            Console.WriteLine("hola");
            Console.Write(1.5);
            Console.Write(' ');
            var a = new Value(2.0, "a");
            Console.WriteLine(a * a);
            """);

        Assert.True(reply.Succeeded, string.Join("\n", reply.Errors));
        Assert.Equal("hola\n1.5 Value(data=4, grad=0, op=*, label=)\n".ReplaceLineEndings(), reply.Console.ReplaceLineEndings());
    }

    [Fact]
    public void ConsoleOutput_IsCutPastItsLimit()
    {
        RunReply reply = Run("for (int i = 0; i < 30_000; i++) Console.WriteLine(\"0123456789\");");

        Assert.True(reply.Succeeded);
        Assert.True(reply.Console.Length < ConsoleCapture.MaxChars + 100);
        Assert.EndsWith("+]", reply.Console);
    }

    [Fact]
    public void Run_CompilesAgainstTheLibraryAndTheCoreLibrariesOnly()
    {
        // The compiler's own assemblies are loaded in the page but are not references: less metadata to read.
        RunReply reply = Run("var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(\"x\");");

        Assert.Contains(reply.Errors, e => e.Id == "CS0234");
        Assert.True(Run("new List<int> { 3, 1 }.OrderBy(i => i).First() + Math.Max(1, 2)").Succeeded);
    }

    [Fact]
    public void Reply_CrossesAsJsonWithEveryNumberExact()
    {
        RunReply reply = Run("var a = new Value(0.1, \"a\");\nvar b = a.Log() * double.NaN + 1.0 / 3; b.Backward(); Console.Write(\"é\"); b");

        string json = System.Text.Json.JsonSerializer.Serialize(reply, RunJson.Default.RunReply);
        RunReply back = System.Text.Json.JsonSerializer.Deserialize(json, RunJson.Default.RunReply)!;

        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back, RunJson.Default.RunReply));
        Assert.Equal(reply.Graphs[0].Nodes!.Select(n => (n.Op, n.Data, n.Grad, n.Label)), back.Graphs[0].Nodes!.Select(n => (n.Op, n.Data, n.Grad, n.Label)));
        Assert.Equal("é", back.Console);
    }

    [Fact]
    public void TheReplyTheWorkersPageSideMakes_WhenThereIsNoWorkerReply_ReadsAsAFailureWithNothingElse()
    {
        // playground.js answers a run the worker could not finish with {"Failure":{"Kind":...}} alone.
        RunReply reply = System.Text.Json.JsonSerializer.Deserialize("{\"Failure\":{\"Kind\":\"Crashed\"}}", RunJson.Default.RunReply)!;

        Assert.Equal(new RunFailure(RunFailureKind.Crashed), reply.Failure);
        Assert.Empty(reply.Graphs);
        Assert.Empty(reply.Errors);
        Assert.Equal("", reply.Console);
    }
}
