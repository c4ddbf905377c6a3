using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Playground.Graphs;
using Michigrad.Visualization;

namespace Michigrad.Playground.Tests.Graphs;

public sealed class GroupedGraphTests
{
    private static Value[] Inputs() => [new Value(0.5, "x[0]"), new Value(-1.5, "x[1]")];

    [Fact]
    public void AnMlp_IsGroupedIntoItsInputsLayersAndNeurons_EveryNodeOnce()
    {
        var model = new MLP(2, [16, 16, 1], seed: 2);

        GroupedGraph graph = GroupedGraph.Build(model, Inputs());

        Assert.Equal(["x", "L0", "L1", "L2"], graph.Layers.Select(l => l.Name));
        Assert.Equal([2, 16, 16, 1], graph.Layers.Select(l => l.Units.Count));
        Assert.Equal(Graph.Trace(graph.Root).Nodes.Count, graph.NodeCount);
        Assert.Equal(graph.NodeCount, graph.Layers.Sum(l => l.NodeCount));
        Assert.Equal(35, graph.Layers.Sum(l => l.Units.Count));   // boxes instead of the graph's nodes
        Assert.True(graph.NodeCount > 900);
    }

    [Fact]
    public void TheGraphIsTheModelsOwn_ForwardGivesTheSameOutput()
    {
        var model = new MLP(2, [4, 3], seed: 5);
        Value[] x = Inputs();

        GroupedGraph graph = GroupedGraph.Build(model, x, outputs => outputs[2]);

        Assert.Equal(model.Forward(x)[2].Data, graph.Root.Data);
        Assert.Same(graph.Layers[^1].Units[2].Output, graph.Root);
        Assert.Equal([false, false, true], graph.Layers[^1].Units.Select(u => u.InGraph));   // the other classes' outputs
    }

    [Fact]
    public void Units_AreNamedAsTheirParameters_ByNamedParametersShortened()
    {
        var model = new MLP(2, [3, 1], seed: 1);

        GraphUnit unit = GroupedGraph.Build(model, Inputs()).Layers[1].Units[2];

        Assert.Equal("L0.N2", unit.Name);
        Assert.Equal(["L0.N2.w[0]", "L0.N2.w[1]", "L0.N2.b"], unit.Parameters.Select(p => p.Name));
        var byName = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        Assert.Same(byName["layers.0.neurons.2.w[1]"], unit.Parameters[1].Parameter);
        Assert.Equal("L0.N2.w[1]", byName["layers.0.neurons.2.w[1]"].Label);
    }

    [Fact]
    public void AUnitsDetail_IsItsPartOfTheGraph_WithTheSameDataAndGradients_AndItsInputsAsLeaves()
    {
        var model = new MLP(2, [5, 4, 1], seed: 3);
        GroupedGraph graph = GroupedGraph.Build(model, Inputs());
        graph.Root.Backward();
        GraphUnit unit = graph.Layers[2].Units[1];   // L1.N1, fed by L0's five neurons

        Value detail = unit.Detail();

        Assert.Equal(unit.Output.Data, detail.Data);
        Assert.Equal(unit.Output.Grad, detail.Grad);
        Assert.NotEqual(0, detail.Grad);
        IReadOnlyList<Value> nodes = Graph.Trace(detail).Nodes;
        Assert.Equal(unit.NodeCount + 5, nodes.Count);   // its own nodes, and one leaf per input
        foreach (GraphUnit from in graph.Layers[1].Units)
        {
            Value leaf = Assert.Single(nodes, n => n.Label == from.Name);
            Assert.Equal((from.Output.Data, from.Output.Grad), (leaf.Data, leaf.Grad));
            Assert.Empty(leaf.Children);
        }
        foreach ((_, Value p) in unit.Parameters) Assert.Contains(p, nodes);
        Assert.Same(detail, unit.Detail());   // built once
    }

    [Fact]
    public void AnInput_HasNoDetail()
    {
        GraphUnit input = GroupedGraph.Build(new MLP(2, [1], seed: 1), Inputs()).Layers[0].Units[0];

        Assert.False(input.HasDetail);
        Assert.Equal("x[0]", input.Name);
        Assert.Throws<InvalidOperationException>(() => input.Detail());
    }

    [Fact]
    public void ASequentialWithALossHead_GetsAHeadColumn_AndItsStagesNamedByIndex()
    {
        var model = new Sequential(new Linear(2, 4, seed: 1), new Tanh(4), new Linear(4, 3, seed: 2));
        Value[] x = Inputs();

        GroupedGraph graph = GroupedGraph.Build(model, x, outputs =>
        {
            Value loss = Loss.CrossEntropy(outputs, 1);
            loss.Label = "loss";
            return loss;
        });
        graph.Root.Backward();

        Assert.Equal(["x", "0", "1", "2", "loss"], graph.Layers.Select(l => l.Name));
        Assert.Equal(GraphLayerKind.Head, graph.Layers[^1].Kind);
        Assert.Equal("0[3]", graph.Layers[1].Units[3].Name);
        Assert.Equal(["0.weight[3,0]", "0.weight[3,1]", "0.bias[3]"], graph.Layers[1].Units[3].Parameters.Select(p => p.Name));
        Assert.Equal(Graph.Trace(graph.Root).Nodes.Count, graph.Layers.Sum(l => l.NodeCount));
        Value head = graph.Layers[^1].Units[0].Detail();
        Assert.Equal(graph.Root.Data, head.Data, 12);
        Assert.Equal(1, head.Grad);
    }

    [Theory]
    [InlineData("layers.0.neurons.2.w[1]", "L0.N2.w[1]")]
    [InlineData("layers.11.neurons.0.b", "L11.N0.b")]
    [InlineData("neurons.3.w[0]", "N3.w[0]")]
    [InlineData("0.weight[2,1]", "0.weight[2,1]")]
    [InlineData("w[0]", "w[0]")]
    public void ParameterNames_AreShortenedLayerByLayer(string name, string expected) =>
        Assert.Equal(expected, ParameterNames.Short(name));
}
