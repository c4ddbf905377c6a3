using Michigrad.Autograd;

namespace Michigrad.Tests.Autograd;

public class TopologicalOrderTests
{
    [Fact]
    public void Of_ListsEveryNodeOnceAndChildrenBeforeParents()
    {
        var a = new Value(1, "a");
        var b = a * 2;
        var c = b + a;
        var d = (b * c).Tanh();

        List<Value> order = TopologicalOrder.Of(d);

        Assert.Equal(order.Count, order.Distinct().Count());
        Assert.Equal(6, order.Count);   // a, the constant 2, b, c, b*c, tanh: a and b are reached twice, listed once
        Assert.Same(d, order[^1]);
        for (int i = 0; i < order.Count; i++)
            foreach (Value child in order[i].Children)
                Assert.True(order.IndexOf(child) < i, $"{child} must come before {order[i]}");
    }

    [Fact]
    public void Of_IsTheSameOnEveryRun()
    {
        static List<double> Walk()
        {
            var x = new Value(1);
            var y = new Value(2);
            var z = (x * y + y.Exp()) * (x - y);
            return TopologicalOrder.Of(z).Select(v => v.Data).ToList();
        }

        Assert.Equal(Walk(), Walk());
    }

    [Fact]
    public void Of_WalksTheLeftOperandFirst()
    {
        var left = new Value(1, "left");
        var right = new Value(2, "right");
        List<Value> order = TopologicalOrder.Of(left + right);
        Assert.Equal([left, right], order.Take(2));
    }
}
