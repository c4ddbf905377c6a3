using Michigrad.Playground.Lab.Running;

namespace Michigrad.Playground.Tests.Lab.Running;

// The hostile snippets the budget ends, run in this process with a short time limit: each ends with the right kind of
// failure, and the runner still runs good code afterwards.
public sealed class BudgetTests
{
    private static readonly BudgetLimits Short = BudgetLimits.Default with { Time = TimeSpan.FromSeconds(0.5) };
    private static readonly SnippetRunner Runner = new() { Limits = Short, UsePrecompiled = false };

    private static RunReply Run(string code) => Runner.Run(new RunRequest(code, "en"));

    [Theory]
    [InlineData(HostileSnippets.EndlessWhile)]
    [InlineData(HostileSnippets.EndlessFor)]
    [InlineData(HostileSnippets.EndlessGoto)]
    [InlineData(HostileSnippets.SwallowingLoop)]
    [InlineData(HostileSnippets.EndlessInAMethod)]
    public void EndlessLoops_EndAtTheTimeLimit(string code)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RunReply reply = Run(code);

        Assert.True(reply.Errors.Count == 0, string.Join("\n", reply.Errors));
        Assert.Equal(new RunFailure(RunFailureKind.Budget, Budget: BudgetKind.Time), reply.Failure);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.5, 30);
        Assert.True(Run("1 + 1").Succeeded);
    }

    [Theory]
    [InlineData(HostileSnippets.DeepRecursion)]
    [InlineData(HostileSnippets.MutualRecursion)]
    [InlineData(HostileSnippets.RecursiveProperty)]
    [InlineData(HostileSnippets.RecursiveOperator)]
    public void EndlessRecursion_EndsAtTheDepthLimit(string code)
    {
        RunReply reply = Run(code);

        Assert.True(reply.Errors.Count == 0, string.Join("\n", reply.Errors));
        Assert.Equal(new RunFailure(RunFailureKind.Budget, Budget: BudgetKind.Depth), reply.Failure);
    }

    [Fact]
    public void RecursionWithinTheLimit_Runs()
    {
        RunReply reply = Run("int Sum(int n) => n == 0 ? 0 : n + Sum(n - 1);\nSum(900)");

        Assert.True(reply.Succeeded, reply.Failure?.ToString());
        Assert.Equal("405450", reply.Result);
    }

    [Fact]
    public void GrowingMemory_EndsAtTheMemoryLimit()
    {
        var runner = new SnippetRunner { Limits = Short with { MaxMemoryBytes = 200L << 20 }, UsePrecompiled = false };

        RunReply reply = runner.Run(new RunRequest(HostileSnippets.GrowingMemory, "en"));

        Assert.Equal(new RunFailure(RunFailureKind.Budget, Budget: BudgetKind.Memory), reply.Failure);
    }

    [Fact]
    public void EveryKindOfBody_IsCountedAndStillCompiles()
    {
        // Expression-bodied members of every kind, iterators, async and void members, indexers, accessors: the rewrite
        // keeps each compiling and meaning the same.
        RunReply reply = Run("""
            class C
            {
                private int _x = 1;
                public C() => _x = 2;
                public int X { get => _x; set => _x = value; }
                public int Twice => _x * 2;
                public int this[int i] => i + _x;
                public static C operator +(C a, C b) => new C { X = a.X + b.X };
                public static implicit operator int(C c) => c.X;
                public void Bump() => _x++;
                public int Todo() => throw new NotImplementedException("Todo");
                public void Never() => throw new InvalidOperationException();
                public IEnumerable<int> Up() { for (int i = 0; i < 3; i++) yield return i; }
                public async System.Threading.Tasks.Task Nothing() => await System.Threading.Tasks.Task.CompletedTask;
                public async System.Threading.Tasks.Task<int> One() => await System.Threading.Tasks.Task.FromResult(1);
            }
            var c = new C() + new C();
            c.Bump();
            int Local(int k) => k * 10;
            Func<int, int> block = k => { return k + 1; };
            Action act = delegate { c.Bump(); };
            act();
            (int)c + c.Twice + c[1] + c.Up().Sum() + Local(1) + block(1) + c.One().Result
            """);

        Assert.True(reply.Succeeded, string.Join("\n", reply.Errors) + reply.Failure);
        // c.X = 2 + 2, bumped twice: 6; 6 + 12 + 7 + 3 + 10 + 2 + 1
        Assert.Equal("41", reply.Result);
    }

    [Fact]
    public void CatchClausesStillCatchTheLearnersOwnExceptions()
    {
        RunReply reply = Run("""
            int caught = 0;
            try { throw new InvalidOperationException("a"); } catch (InvalidOperationException) { caught++; }
            try { throw new ArgumentException("b"); } catch (ArgumentException e) when (e.Message.StartsWith("b")) { caught++; }
            try { throw new Exception("c"); } catch { caught++; }
            caught
            """);

        Assert.True(reply.Succeeded, string.Join("\n", reply.Errors) + reply.Failure);
        Assert.Equal("3", reply.Result);
    }

    [Theory]
    [InlineData(45_000)]
    [InlineData(100_000)]
    public void BigGraphs_AreComputedButNotSentWhole(int ops)
    {
        RunReply reply = Run(HostileSnippets.Chain(ops / 2));

        Assert.True(reply.Succeeded, string.Join("\n", reply.Errors) + reply.Failure);
        GraphData graph = Assert.Single(reply.Graphs);
        Assert.False(graph.Drawable);
        Assert.Equal(ops + 1, graph.NodeCount);   // each step: the product and its constant
        Assert.Equal(GraphData.TableRows, graph.Rows.Count);
        Assert.Equal("y", graph.Rows[^1].Label);
        Assert.Equal(1, graph.Rows[^1].Grad);
    }

    [Fact]
    public void TheBudgetsExceptionCannotBeCaughtByTheSnippet()
    {
        RunReply reply = Run("int n = 0;\ntry { while (true) n++; } catch (Exception) { }\nn");

        Assert.Equal(RunFailureKind.Budget, reply.Failure?.Kind);
    }
}
