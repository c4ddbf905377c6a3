using Michigrad.Visualization;

namespace Michigrad.Tests.Visualization;

public class GraphTraceTests
{
    [Fact]
    public void Trace_ListsEveryValueOnceWithChildrenBeforeParents()
    {
        Value loss = SampleGraphs.SeedNeuron();

        GraphTrace trace = Graph.Trace(loss);

        Assert.Equal(10, trace.Nodes.Count);
        Assert.Equal(9, trace.Edges.Count);
        Assert.Same(loss, trace.Nodes[^1]);
        Assert.Equal(trace.Nodes.Count, trace.Nodes.Distinct(ReferenceEqualityComparer.Instance).Count());
        var position = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < trace.Nodes.Count; i++)
            position.Add(trace.Nodes[i], i);
        Assert.All(trace.Edges, edge => Assert.True(position[edge.Child] < position[edge.Parent]));
    }

    [Fact]
    public void Trace_KeepsBothEdgesOfASquare()
    {
        var x = new Value(3, "x");
        Value square = x * x;

        GraphTrace trace = Graph.Trace(square);

        Assert.Equal([x, square], trace.Nodes);
        Assert.Equal([(x, square), (x, square)], trace.Edges);
    }

    [Fact]
    public void Trace_CountsASharedSubExpressionOnce()
    {
        var a = new Value(1, "a");
        Value b = a * 2;
        Value c = b + 1;
        Value d = b * 3;
        Value e = c + d;

        GraphTrace trace = Graph.Trace(e);

        // a, 2, b, 1, c, 3, d, e: b is reached twice but listed once.
        Assert.Equal(8, trace.Nodes.Count);
        Assert.Single(trace.Nodes, node => ReferenceEquals(node, b));
        Assert.Equal(8, trace.Edges.Count);
        Assert.Equal(2, trace.Edges.Count(edge => ReferenceEquals(edge.Child, b)));
    }

    [Fact]
    public void Trace_ListsEdgesInOperandOrder()
    {
        var a = new Value(5, "a");
        var b = new Value(2, "b");
        Value difference = a - b;

        GraphTrace trace = Graph.Trace(difference);

        Assert.Equal([(a, difference), (b, difference)], trace.Edges);
    }

    [Fact]
    public void Trace_LeavesOutTheConstantExponentOfPow()
    {
        var x = new Value(3, "x");
        Value cube = x.Pow(3);

        GraphTrace trace = Graph.Trace(cube);

        Assert.Equal([x, cube], trace.Nodes);
        Assert.Equal([(x, cube)], trace.Edges);
    }

    [Fact]
    public void Trace_DrawsAnEdgeFromEveryTermOfALogSumExp()
    {
        var a = new Value(1, "a");
        var b = new Value(2, "b");
        Value ab = a * b;
        Value y = Value.LogSumExp([a, ab, b, a]);

        GraphTrace trace = Graph.Trace(y);

        Assert.Equal([a, b, ab, y], trace.Nodes);
        Assert.Equal([(a, ab), (b, ab), (a, y), (ab, y), (b, y), (a, y)], trace.Edges);
        string dot = Graph.ToDot(y);
        Assert.Contains("[label=\"logsumexp\"]", dot);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(dot, "-> \"n3logsumexp\""));
    }

    [Fact]
    public void Trace_OfALeaf_IsThatLeafAlone()
    {
        var leaf = new Value(1, "leaf");

        GraphTrace trace = Graph.Trace(leaf);

        Assert.Equal([leaf], trace.Nodes);
        Assert.Empty(trace.Edges);
    }

    [Fact]
    public void Trace_WalksAMillionAdditionChainWithoutRecursion()
    {
        const int additions = 1_000_000;
        Value sum = SampleGraphs.AdditionChain(additions);

        GraphTrace trace = Graph.Trace(sum);

        Assert.Equal(additions + 2, trace.Nodes.Count);
        Assert.Equal(2 * additions, trace.Edges.Count);
        Assert.Same(sum, trace.Nodes[^1]);
    }

    [Fact]
    public void Trace_NullRoot_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Graph.Trace(null!));
    }
}
