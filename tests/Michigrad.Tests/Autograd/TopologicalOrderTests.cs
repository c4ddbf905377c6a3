using System.Runtime.CompilerServices;
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

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Build_ListsTheSameOrderAsMicrogradsRecursiveWalk(int seed)
    {
        // Random graphs with shared nodes, unary ops, constant exponents and spines deeper than the walk's buffer on
        // the thread's stack, walked one after another on one thread (so a kept deep path is reused).
        var random = new Random(seed);
        for (int graph = 0; graph < 50; graph++)
        {
            Value root = RandomGraph(random);
            List<Value> expected = RecursivePostOrder(root);

            Assert.Equal(expected, TopologicalOrder.Of(root));

            foreach (Value node in expected) node.Grad = 7;
            var forBackward = new List<Value>();
            TopologicalOrder.Build(root, forBackward, forBackward: true);
            Assert.Equal(expected.Where(v => v.Children.Count > 0), forBackward);
            Assert.All(forBackward, v => Assert.Equal(0, v.Grad));
            Assert.All(expected.Where(v => v.Children.Count == 0), v => Assert.Equal(7, v.Grad));
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Build_ForBackward_ListsTheNodesThatNeedAGradientInMicrogradsOrder(int seed)
    {
        // As above with some leaves constants: the walk skips what needs no gradient and lists the rest in the same
        // order, whether a node is listed where it is met (no child left to enter) or after coming back to it.
        var random = new Random(seed);
        for (int graph = 0; graph < 50; graph++)
        {
            Value root = RandomGraph(random, constants: true);
            if (!root.RequiresGrad) continue;
            var forBackward = new List<Value>();
            TopologicalOrder.Build(root, forBackward, forBackward: true);
            Assert.Equal(RecursivePostOrder(root).Where(v => v.Children.Count > 0 && v.RequiresGrad), forBackward);
        }
    }

    [Fact]
    public void Build_KeepsNoReferenceToADeepGraphAfterTheWalk()
    {
        // A path deeper than the stack buffer moves to an array kept for the thread's next walk; the nodes on it must
        // not stay reachable from there.
        WeakReference graph = WalkADeepGraph();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(graph.IsAlive);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WalkADeepGraph()
    {
        Value root = new Value(1);
        for (int i = 0; i < 5_000; i++) root = (root + 1).Tanh();
        root.Backward();
        return new WeakReference(root);
    }

    /// <summary>micrograd's <c>build_topo</c>: recursive, left operand first, each node listed after its children.</summary>
    private static List<Value> RecursivePostOrder(Value root)
    {
        var order = new List<Value>();
        var visited = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        void Visit(Value node)
        {
            if (!visited.Add(node)) return;
            foreach (Value child in node.Children) Visit(child);
            order.Add(node);
        }
        Visit(root);
        return order;
    }

    /// <summary>A random expression over a few leaves whose operands are drawn from everything built so far, so
    /// nodes are shared; now and then a long chain makes the graph deep.</summary>
    private static Value RandomGraph(Random random, bool constants = false)
    {
        var pool = new List<Value>();
        for (int i = random.Next(1, 5); i > 0; i--)
            pool.Add(constants && random.Next(2) == 0 ? Value.Constant(random.NextDouble()) : new Value(random.NextDouble()));
        Value Pick() => pool[random.Next(pool.Count)];

        for (int n = random.Next(1, 60); n > 0; n--)
        {
            Value a = Pick();
            pool.Add(random.Next(8) switch
            {
                0 => a + Pick(),
                1 => Pick() * a,
                2 => a - Pick(),
                3 => a.Pow(2),
                4 => a.Tanh(),
                5 => -a,
                6 => a + a,
                _ => Chain(a),
            });
        }
        return pool[^1] + Pick();

        Value Chain(Value start)
        {
            Value sum = start;
            for (int i = random.Next(1, 1_500); i > 0; i--)
                sum = random.Next(3) == 0 ? Pick() + sum : sum + Pick();   // both spines grow: left and right
            return sum;
        }
    }
}
