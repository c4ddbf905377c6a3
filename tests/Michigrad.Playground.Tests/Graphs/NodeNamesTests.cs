using System.Text.RegularExpressions;
using Michigrad.NN;
using Michigrad.Playground.Graphs;
using Michigrad.Visualization;

namespace Michigrad.Playground.Tests.Graphs;

public sealed class NodeNamesTests
{
    [Fact]
    public void Of_AnMlp_NamesParametersInputsAndOpsByTheirNeuron_NeverByANumber()
    {
        IReadOnlyList<Value> nodes = NamedGraphs.SmallMlp();
        NodeName[] names = NodeNames.Of(nodes, "en");

        Assert.Contains(names, n => n is { Text: "L0.N2.w[1]", Unit: "L0.N2", IsParameter: true });
        Assert.Contains(names, n => n is { Text: "x[0]", IsInput: true });
        Assert.Contains(names, n => n is { Text: "x[1]", IsInput: true });
        Assert.Contains(names, n => n.Text == "L0.N1:relu");   // the default hidden activation
        Assert.Equal("L1.N0:+₃", names[^1].Text);   // the output neuron's last node: b + w·h over its 3 inputs
        Assert.Equal(names.Length, names.Select(n => n.Text).Distinct().Count());
        Assert.All(names, n => Assert.DoesNotMatch(@"#\d|^[−\-]?\d", n.Text));
    }

    [Fact]
    public void Of_KeepsLabels_AndNamesALossOverSeveralOutputsByItsOpAlone()
    {
        var layer = new Layer(2, 2, seed: 3);
        foreach ((string name, Value p) in layer.NamedParameters()) p.Label = ParameterNames.Short(name);
        var outputs = layer.Forward(1.0, 2.0);
        var target = new Value(0.5, "y");
        Value loss = (outputs[0] - target).Pow(2) + outputs[1];
        IReadOnlyList<Value> nodes = Graph.Trace(loss).Nodes;

        NodeName[] names = NodeNames.Of(nodes, "en");

        Assert.Equal("y", names[Index(nodes, target)].Text);
        Assert.Equal("N1", names[Index(nodes, outputs[1])].Unit);
        Assert.Equal("N1:relu", names[Index(nodes, outputs[1])].Text);
        Assert.Equal("+", names[^1].Text);   // the loss belongs to no neuron
        Assert.Null(names[^1].Unit);
        Assert.Equal("**2", names[Index(nodes, loss.Children[0])].Text);
    }

    [Fact]
    public void Of_TheSameInputOfSeveralSamples_IsToldApartBySample_AndStaysAnInputOnceLabelled()
    {
        var neuron = new Neuron(2, seed: 3);
        foreach ((string name, Value p) in neuron.NamedParameters()) p.Label = name;
        Value loss = neuron.Forward(1.0, 2.0)[0] + neuron.Forward(3.0, 4.0)[0];
        IReadOnlyList<Value> nodes = Graph.Trace(loss).Nodes;

        string[] inputs = [.. NodeNames.Of(nodes, "en").Where(n => n.IsInput).Select(n => n.Text)];
        Assert.Equal(["x₁[0]", "x₁[1]", "x₂[0]", "x₂[1]"], inputs.Order(StringComparer.Ordinal));
        Assert.Equal([1.0, 2.0], nodes.Where((n, i) => NodeNames.Of(nodes, "en")[i].Text.StartsWith("x₁", StringComparison.Ordinal)).Select(n => n.Data).Order());

        NodeNames.Apply(nodes, "en");
        Assert.Equal(inputs, NodeNames.Of(nodes, "en").Where(n => n.IsInput).Select(n => n.Text));
    }

    [Fact]
    public void Of_UnnamedLeavesThatNeedAGradient_AreNumberedLeaves_AndConstantsSayTheirValue()
    {
        var a = new Value(1.0);
        var b = new Value(2.0);
        IReadOnlyList<Value> nodes = Graph.Trace(a * b + 0.5).Nodes;

        NodeName[] names = NodeNames.Of(nodes, "en");

        Assert.Equal(["leaf₁", "leaf₂", "*", "const 0.5", "+"], names.Select(n => n.Text));
    }

    [Fact]
    public void Of_InSpanish_NamesLeavesInSpanish_InTheNamesAndTheStepsAlike()
    {
        var a = new Value(1.0);
        var b = new Value(2.0);
        Value y = a * b + new Value(3.0);
        IReadOnlyList<Value> nodes = Graph.Trace(y).Nodes;

        string[] names = [.. NodeNames.Of(nodes, "es").Select(n => n.Text)];
        Assert.Equal(["hoja₁", "hoja₂", "*", "hoja₃", "+"], names);

        var stepper = new Michigrad.Playground.Lab.BackwardStepper(y, "es");
        List<string> lines = Michigrad.Playground.Tests.Lab.BackwardStepperTests.EveryLine(stepper);
        Assert.Contains(lines, l => l.StartsWith("hoja₃.grad += ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("leaf", StringComparison.Ordinal));
        stepper.Language = "en";
        Assert.Contains(stepper.Names, n => n.Text == "leaf₁");
    }

    [Fact]
    public void Of_ASequentialsLinearWeights_NameTheirRowsUnit()
    {
        IReadOnlyList<Value> nodes = NamedGraphs.Captured(new Sequential(new Linear(2, 2), new Tanh(2)), [1.0, -1.0], output: 1);
        NodeName[] names = NodeNames.Of(nodes, "en");

        Assert.Contains(names, n => n is { Text: "0.weight[1,0]", Unit: "0[1]" });
        Assert.Contains(names, n => n is { Text: "x[1]", IsInput: true });
        Assert.DoesNotContain(names, n => n.Text.Contains("0[0]", StringComparison.Ordinal));   // output 1 only
    }

    [Fact]
    public void Apply_LabelsOnlyTheUnlabelled()
    {
        var a = new Value(2.0, "a");
        Value y = (a * 3).Tanh();
        IReadOnlyList<Value> nodes = Graph.Trace(y).Nodes;

        NodeNames.Apply(nodes, "en");

        Assert.Equal(["a", "const 3", "*", "tanh"], nodes.Select(n => n.Label));
    }

    private static int Index(IReadOnlyList<Value> nodes, Value v) => nodes.ToList().FindIndex(n => ReferenceEquals(n, v));
}
