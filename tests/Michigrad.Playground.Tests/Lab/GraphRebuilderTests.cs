using Michigrad.Playground.Lab;
using Michigrad.Playground.Lab.Running;
using Michigrad.Visualization;

namespace Michigrad.Playground.Tests.Lab;

public sealed class GraphRebuilderTests
{
    [Fact]
    public void Rebuild_GivesBackEveryOpNumberGradientAndLabel_AndTheSameBackward()
    {
        var a = new Value(0.7, "a");
        var b = new Value(-1.3, "b");
        var c = Value.Constant(2.0, "c");
        Value v = (a + b) * (a - b) / c + (-a).Exp() + b.Abs().Log() + a.Tanh() + b.Relu() + a.Sigmoid() + a.Pow(2) + a.Pow(c)
                  + c.Sqrt() + b.Sin() + a.Cos() + b.Softplus() + Value.Max(a, b) + Value.Min(a, b) + Value.LogSumExp([a, b, c]);
        v.Label = "v";
        v.Backward();

        GraphData data = GraphData.Of(v);
        IReadOnlyList<Value> rebuilt = GraphRebuilder.Rebuild(data.Nodes!);
        IReadOnlyList<Value> original = Graph.Trace(v).Nodes;

        Assert.Equal(original.Count, rebuilt.Count);
        Assert.Equal(original.Select(n => (n.Op, n.Data, n.Grad, n.Label, n.RequiresGrad, n.Children.Count)),
                     rebuilt.Select(n => (n.Op, n.Data, n.Grad, n.Label, n.RequiresGrad, n.Children.Count)));
        Assert.Equal(original.Select(n => n.Op), Graph.Trace(rebuilt[^1]).Nodes.Select(n => n.Op));

        // Backward over the rebuilt graph gives the same gradients.
        foreach (Value n in rebuilt) n.Grad = 0;
        rebuilt[^1].Backward();
        Assert.Equal(original.Select(n => n.Grad), rebuilt.Select(n => n.Grad));
    }

    [Fact]
    public void Rebuild_KeepsANumberChangedAfterBuilding()
    {
        var w = new Value(1.0, "w");
        Value y = w * 3;
        w.Data = 5;   // an update step after the forward pass: y still holds 3

        IReadOnlyList<Value> rebuilt = GraphRebuilder.Rebuild(GraphData.Of(y).Nodes!);

        Assert.Equal(5, rebuilt.Single(n => n.Label == "w").Data);
        Assert.Equal(3, rebuilt[^1].Data);
    }
}
