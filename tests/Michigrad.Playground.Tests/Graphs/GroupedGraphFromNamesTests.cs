using Michigrad.NN;
using Michigrad.Playground.Graphs;
using Michigrad.Visualization;

namespace Michigrad.Playground.Tests.Graphs;

public sealed class GroupedGraphFromNamesTests
{
    [Fact]
    public void FromNames_AnMlpRebuiltFromData_GroupsAsTheModelDoes()
    {
        var model = new MLP(2, [4, 3, 1], seed: 2);
        IReadOnlyList<Value> nodes = NamedGraphs.Captured(model, [0.5, -1.5]);
        NodeNames.Apply(nodes, "en");   // as the page does before grouping: the names are labels now
        Value root = nodes[^1];

        GroupedGraph grouped = NamedGraphs.Grouped(root)!;
        GroupedGraph built = GroupedGraph.Build(model, [new Value(0.5, "x[0]"), new Value(-1.5, "x[1]")]);

        Assert.Equal(["x", "L0", "L1", "L2"], grouped.Layers.Select(l => l.Name));
        Assert.Equal(["x[0]", "x[1]"], grouped.Layers[0].Units.Select(u => u.Name));
        Assert.Equal(built.Layers.Select(l => l.Units.Select(u => u.Name)), grouped.Layers.Select(l => l.Units.Select(u => u.Name)));
        Assert.Equal(built.Layers.Select(l => l.NodeCount), grouped.Layers.Select(l => l.NodeCount));
        Assert.Equal(Graph.Trace(root).Nodes.Count, grouped.Layers.Sum(l => l.NodeCount));   // every node once
        Assert.Same(root, grouped.Layers[^1].Units[0].Output);
        Assert.Equal(["L1.N2.b", "L1.N2.w[0]", "L1.N2.w[1]", "L1.N2.w[2]", "L1.N2.w[3]"],
            grouped.Layers[2].Units[2].Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FromNames_AUnitsDetail_IsItsOwnPart_WithItsInputsNamedByTheUnitsTheyComeFrom()
    {
        Value root = NamedGraphs.Captured(new MLP(2, [3, 1], seed: 1), [0.5, -1.0])[^1];
        GraphUnit output = NamedGraphs.Grouped(root)!.Layers[^1].Units[0];

        Value detail = output.Detail();
        IReadOnlyList<Value> nodes = Graph.Trace(detail).Nodes;

        Assert.Equal(root.Data, detail.Data);
        Assert.Equal(root.Grad, detail.Grad);
        Assert.Equal(output.NodeCount + 3, nodes.Count);   // its own nodes and the three hidden neurons it reads
        Assert.Equal(["L0.N0", "L0.N1", "L0.N2"], nodes.Where(n => n.Label is ['L', '0', ..]).Select(n => n.Label).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FromNames_AUnitsDetail_ShowsTheGradientsOfTheStepTheLearnerIsOn()
    {
        IReadOnlyList<Value> captured = NamedGraphs.Captured(new MLP(2, [3, 1], seed: 1), [0.5, -1.0]);
        NodeNames.Apply(captured, "en");
        Value root = captured[^1];
        var stepper = new Michigrad.Playground.Lab.BackwardStepper(root, "en");   // every gradient 0
        GraphUnit neuron = NamedGraphs.Grouped(root)!.Layers[1].Units[0];
        Value weight = neuron.Parameters[0].Parameter;
        Assert.Equal(0, Graph.Trace(neuron.Detail()).Nodes.Single(n => n.Label == neuron.Parameters[0].Name).Grad);

        stepper.RunToEnd();

        Assert.NotEqual(0, weight.Grad);
        Assert.Equal(weight.Grad, Graph.Trace(neuron.Detail()).Nodes.Single(n => n.Label == neuron.Parameters[0].Name).Grad);
    }

    [Fact]
    public void FromNames_ALossOverAnMlp_IsTheHead_AndAGraphWithoutNeuronsIsNotGrouped()
    {
        var model = new MLP(2, [2, 1], seed: 4);
        foreach ((string name, Value p) in model.NamedParameters()) p.Label = ParameterNames.Short(name);
        Value y = model.Forward(1.0, 2.0)[0];
        Value loss = (y - 1.0).Pow(2);
        loss.Label = "L";

        GroupedGraph grouped = NamedGraphs.Grouped(loss)!;

        Assert.Equal(GraphLayerKind.Head, grouped.Layers[^1].Kind);
        Assert.Equal("L", grouped.Layers[^1].Name);
        Assert.Equal(Graph.Trace(loss).Nodes.Count, grouped.Layers.Sum(l => l.NodeCount));

        var a = new Value(2.0, "a");
        Assert.Null(NamedGraphs.Grouped((a * a).Tanh()));
    }

    [Fact]
    public void FromNames_ANeuronWithSeveralOutputs_LeavesTheGraphWhole()
    {
        var model = new MLP(2, [4, 1], seed: 3);
        foreach ((string name, Value p) in model.NamedParameters()) p.Label = ParameterNames.Short(name);
        double[][] xs = [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0]];
        double[] ys = [1.0, -1.0, 0.5];

        // A loss over three samples: each neuron is computed three times.
        Value loss = Value.Constant(0.0);
        for (int s = 0; s < xs.Length; s++) loss += (model.Forward(xs[s])[0] - ys[s]).Pow(2);
        Assert.Null(NamedGraphs.Grouped(loss));

        // One sample with an L2 penalty: the weights are read again outside their neuron's activation.
        Value penalized = (model.Forward(xs[0])[0] - ys[0]).Pow(2);
        foreach (Value w in model.Parameters()) penalized += w * w * 0.01;
        Assert.Null(NamedGraphs.Grouped(penalized));

        // One sample alone groups: a neuron per box.
        Value single = (model.Forward(xs[0])[0] - ys[0]).Pow(2);
        Assert.Equal(5, NamedGraphs.Grouped(single)!.Layers.Where(l => l.Kind == GraphLayerKind.Stage).Sum(l => l.Units.Count));
    }

    [Fact]
    public void FromNames_NamesThatDoNotMatchTheNodes_AreRefused()
    {
        IReadOnlyList<Value> nodes = NamedGraphs.SmallMlp();
        var e = Assert.Throws<ArgumentException>(() => GroupedGraph.FromNames(nodes, NodeNames.Of(nodes, "en")[1..]));
        Assert.Equal("names", e.ParamName);
    }
}
