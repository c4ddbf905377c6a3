using Michigrad.NN;
using Michigrad.Playground.Lab;
using Michigrad.Playground.Lab.Running;

namespace Michigrad.Playground.Tests.Lab.Running;

public sealed class ModelParameterNamesTests
{
    private static readonly SnippetRunner Runner = new() { UsePrecompiled = false };

    private static IReadOnlyList<Value> RunGraph(string code)
    {
        RunReply reply = Runner.Run(new RunRequest(code, "en"));
        Assert.True(reply.Succeeded, string.Join("\n", reply.Errors) + reply.Failure);
        return GraphRebuilder.Rebuild(Assert.Single(reply.Graphs).Nodes!);
    }

    [Fact]
    public void Run_AnMlpsGraph_CrossesWithEveryParameterNamedShort()
    {
        IReadOnlyList<Value> nodes = RunGraph("var model = new MLP(2, [3, 1], seed: 1);\nvar y = model.Forward(0.5, -1.0)[0];\ny.Backward();\ny");

        var parameters = nodes.Where(n => n.Children.Count == 0 && n.RequiresGrad).Select(n => n.Label).ToList();
        Assert.Equal(13, parameters.Count);   // 3·(2+1) + (3+1)
        Assert.Contains("L0.N2.w[1]", parameters);
        Assert.Contains("L1.N0.b", parameters);
        Assert.All(parameters, Assert.NotNull);
    }

    [Fact]
    public void Run_LeavesTheScriptsOwnValuesUnlabelled()
    {
        // The names travel in the graph's data; the model's parameters themselves are not relabelled.
        RunReply reply = Runner.Run(new RunRequest("var n = new Neuron(2, seed: 1);\nvar y = n.Forward(1.0, 2.0)[0];\nn.Weights[0].Label ?? \"none\"", "en"));
        Assert.Equal("none", reply.Result);
    }

    [Fact]
    public void Of_PrefersTheContainersName_WhenALayerIsHeldToo()
    {
        var model = new MLP(2, [3, 1], seed: 1);
        var names = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        ModelParameterNames.Add(names, model.Layers[0]);
        ModelParameterNames.Add(names, model);
        ModelParameterNames.Add(names, model.Layers[0]);

        Assert.Equal("L0.N1.w[0]", names[model.Layers[0].Neurons[1].Weights[0]]);
        Assert.Equal(13, names.Count);
    }

    [Fact]
    public void Of_NoScript_NamesNothing() => Assert.Empty(ModelParameterNames.Of(null));
    // A learner's module whose NamedParameters misbehaves: its run still answers, with the graph unnamed.
    private static string CustomModule(string namedParameters) => $$"""
        class Odd : Module
        {
            public Value W = new Value(2.0);
            public override int? InputSize => 1;
            public override int? OutputSize => 1;
            public override IReadOnlyList<Value> Forward(IReadOnlyList<Value> x) => [W * x[0]];
            public override IEnumerable<(string Name, Value Parameter)> NamedParameters() { {{namedParameters}} }
        }
        var m = new Odd();
        var y = m.W * 3.0;
        y.Backward();
        y
        """;

    [Fact]
    public void Run_AModuleWhoseNamedParametersThrows_StillRepliesWithItsGraph()
    {
        RunReply reply = Runner.Run(new RunRequest(CustomModule("throw new InvalidOperationException(\"no names\");"), "en"));

        Assert.True(reply.Succeeded, string.Join("\n", reply.Errors) + reply.Failure);
        IReadOnlyList<Value> nodes = GraphRebuilder.Rebuild(Assert.Single(reply.Graphs).Nodes!);
        Assert.Equal(6.0, nodes.Single(n => n.Children.Count == 2).Data);
    }

    [Fact]
    public void Run_AModuleWhoseNamedParametersLoops_EndsByTheBudget()
    {
        var runner = new SnippetRunner { Limits = BudgetLimits.Default with { Time = TimeSpan.FromSeconds(0.5) }, UsePrecompiled = false };

        RunReply reply = runner.Run(new RunRequest(CustomModule("while (true) { }"), "en"));

        Assert.Empty(reply.Errors);
        Assert.Equal(new RunFailure(RunFailureKind.Budget, Budget: BudgetKind.Time), reply.Failure);
        Assert.Single(reply.Graphs);
    }
}
