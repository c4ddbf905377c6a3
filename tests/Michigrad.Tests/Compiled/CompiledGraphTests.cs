using Michigrad.Compiled;

namespace Michigrad.Tests.Compiled;

public class CompiledGraphTests
{
    [Fact]
    public void SharedSubExpression_IsCountedOnce()
    {
        var a = new Value(1, "a");
        var b = a * 2;
        var c = b + 1;
        var d = b * 3;
        var e = c + d;
        CompiledGraph compiled = Compiler.Compile(e);
        compiled.Backward();
        Assert.Equal(9, compiled.Output);
        Assert.Equal(8, a.Grad);
    }

    [Fact]
    public void RepeatedBackward_AccumulatesInLeavesLikeValueBackward()
    {
        Value Build(out Value x, out Value y)
        {
            x = new Value(0.7);
            y = new Value(-1.3);
            return (x * y + x.Tanh() * y + y).Sigmoid() * x;
        }

        Value objectRoot = Build(out Value ox, out Value oy);
        objectRoot.Backward();
        objectRoot.Backward();
        objectRoot.Backward();

        Value root = Build(out Value cx, out Value cy);
        CompiledGraph compiled = Compiler.Compile(root);
        compiled.Backward();
        compiled.Backward();
        compiled.Backward();

        Assert.Equal(ox.Grad, cx.Grad);
        Assert.Equal(oy.Grad, cy.Grad);
    }

    [Fact]
    public void Forward_AfterALeafChanges_Recomputes()
    {
        var x = new Value(2);
        var w = new Value(3);
        Value root = (w * x + 1).Tanh() + x.Pow(2);
        CompiledGraph compiled = Compiler.Compile(root);

        x.Data = -0.5;
        w.Data = 0.25;
        compiled.Forward();
        compiled.Backward();

        var x2 = new Value(-0.5);
        var w2 = new Value(0.25);
        Value expected = (w2 * x2 + 1).Tanh() + x2.Pow(2);
        expected.Backward();
        Assert.Equal(expected.Data, compiled.Output);
        Assert.Equal(x2.Grad, x.Grad);
        Assert.Equal(w2.Grad, w.Grad);
    }

    [Fact]
    public void Neuron_SumOfProducts_BecomesOneDotNode()
    {
        var inputs = Enumerable.Range(0, 16).Select(i => new Value(i * 0.1 - 0.7)).ToArray();
        var weights = Enumerable.Range(0, 16).Select(i => new Value(Math.Sin(i))).ToArray();
        Value sum = new Value(0.3, "b");
        for (int i = 0; i < 16; i++) sum = sum + weights[i] * inputs[i];
        CompiledGraph compiled = Agreement.AssertCompiledMatches(sum.Relu());

        CompileStatistics stats = compiled.Statistics;
        Assert.Equal(33 + 32 + 1, stats.OriginalNodeCount);
        Assert.Equal(33, stats.LeafCount);
        Assert.Equal(1, stats.TapeNodeCount);   // one dot node, relu included
        Assert.Equal(1, stats.DotNodeCount);
        Assert.Equal(32, stats.FusedNodeCount);   // 16 additions and 16 products
        Assert.Equal(34, stats.OperandCount);   // 16 pairs and the bias paired with 1
    }

    [Fact]
    public void ChainOfAdditions_BecomesOneSumNode()
    {
        var leaves = Enumerable.Range(0, 10).Select(i => new Value(i)).ToArray();
        Value sum = leaves[0];
        for (int i = 1; i < leaves.Length; i++) sum = sum + leaves[i];
        CompiledGraph compiled = Agreement.AssertCompiledMatches(sum);
        Assert.Equal(1, compiled.Statistics.TapeNodeCount);
        Assert.Equal(1, compiled.Statistics.SumNodeCount);
        Assert.Equal(10, compiled.Statistics.OperandCount);
    }

    [Fact]
    public void ReluOfAChainOfAdditions_BecomesOneNode()
    {
        var leaves = Enumerable.Range(0, 5).Select(i => new Value(i - 2.5)).ToArray();
        Value sum = leaves[0];
        for (int i = 1; i < leaves.Length; i++) sum = sum + leaves[i];
        Value root = sum.Relu() + sum.Relu();   // two relus over one chain: the chain is not fused into either
        Value single = (leaves[0] + leaves[1] + leaves[2]).Relu();

        Assert.Equal(4, Agreement.AssertCompiledMatches(root).Statistics.TapeNodeCount);   // sum, two relus, the addition
        CompiledGraph compiled = Agreement.AssertCompiledMatches(single);
        Assert.Equal(1, compiled.Statistics.TapeNodeCount);
        Assert.Equal(1, compiled.Statistics.SumNodeCount);
        Assert.Equal(0, compiled.Output);
    }

    [Fact]
    public void NodeWithTwoConsumers_IsNotFused()
    {
        var a = new Value(1.5);
        var b = new Value(-2);
        Value product = a * b;   // used by two additions: its gradient is needed on its own
        Value inner = a + b;     // used twice by one node
        Value root = (product + a) * (product + inner * inner);
        CompiledGraph compiled = Agreement.AssertCompiledMatches(root);
        Assert.Equal(1, compiled.Statistics.FusedNodeCount);   // only inner * inner, a product used once
        Assert.Equal(5, compiled.Statistics.TapeNodeCount);
    }

    [Fact]
    public void DemoGraph_MatchesTheObjectGraph()
    {
        DemoGraph demo = DemoGraph.Build();
        CompiledGraph compiled = Agreement.AssertCompiledMatches(demo.Loss);
        CompileStatistics stats = compiled.Statistics;
        Assert.InRange(stats.OriginalNodeCount, 60_000, 70_000);
        Assert.True(stats.BytesPerOriginalNode <= 40, $"{stats.BytesPerOriginalNode} bytes per node");
    }

    [Fact]
    public void DemoGraph_GradientsAreTheObjectGraphsToRounding()
    {
        // The 16-input neurons' dots are streamed: their SIMD sums add the same products in another order, so the
        // numbers agree to rounding, not bit for bit. A sum of 16 products is off by at most about 16·2⁻⁵³ of the sum of
        // their sizes; through two more layers and the loss that stays far below 1e-12 of each gradient's scale.
        DemoGraph demo = DemoGraph.Build();
        List<Value> leaves = Agreement.LeavesOf(demo.Loss);
        demo.Loss.Backward();
        double[] expected = leaves.Select(v => v.Grad).ToArray();
        foreach (Value leaf in leaves) leaf.Grad = 0;

        CompiledGraph compiled = Compiler.Compile(demo.Loss);
        compiled.Backward();

        Assert.True(compiled.Statistics.StreamedDotCount > 0);
        Assert.Equal(demo.Loss.Data, compiled.Output, 1e-14);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < leaves.Count; i++) Assert.Equal(expected[i], leaves[i].Grad, 1e-12 * scale);
    }

    [Fact]
    public void ShortDots_GradientsAreTheObjectGraphsToTheLastBit()
    {
        // Dots shorter than a streamed run keep the chain's left-to-right sums: every bit agrees.
        var model = new Michigrad.NN.MLP(2, [Compiler.MinRunLength - 1, Compiler.MinRunLength - 1, 1], seed: 3);
        var data = Michigrad.Data.Datasets.Moons(n: 40, noise: 0.1, seed: 5);
        Value loss = Michigrad.Losses.Loss.Hinge(
            Enumerable.Range(0, data.Count).Select(i => model.Forward(data.Inputs(i))[0]).ToArray(), data.SignedLabels());
        loss.Backward();
        long[] expected = model.Parameters().Select(v => BitConverter.DoubleToInt64Bits(v.Grad)).ToArray();
        model.ZeroGrad();

        CompiledGraph compiled = Compiler.Compile(loss);
        compiled.Backward();

        Assert.Equal(0, compiled.Statistics.StreamedDotCount);
        Assert.Equal(loss.Data, compiled.Output);
        Assert.Equal(expected, model.Parameters().Select(v => BitConverter.DoubleToInt64Bits(v.Grad)).ToArray());
    }

    [Fact]
    public void DeadRelu_WithAnInfiniteWeight_StillGivesNaN()
    {
        // relu(b + w·x) with w = ∞ and x = -1 is dead, so its gradient is 0, and 0·∞ makes x's gradient NaN.
        var w = new Value(double.PositiveInfinity);
        var x = new Value(-1);
        var b = new Value(0.5);
        Value root = (b + w * x).Relu() + x;
        Agreement.AssertCompiledMatches(root);
        Assert.True(double.IsNaN(x.Grad));
    }

    [Fact]
    public void ZeroGradient_OnALeafHoldingNegativeZero_MatchesValue()
    {
        // Adding +0 turns -0 into +0: the one case where skipping a zero gradient would show.
        var w = new Value(-2);
        var x = new Value(1);
        Value root = (new Value(0.5) + w * x).Relu();   // dead: every contribution is 0·something
        Agreement.AssertCompiledMatches(root, initialLeafGrad: -0.0);
        Assert.False(double.IsNegative(w.Grad));   // -0 + 0·1 = +0
        Assert.True(double.IsNegative(x.Grad));    // -0 + 0·(-2) = -0
    }

    [Fact]
    public void SkippingZeroGradients_ChangesNoBit()
    {
        DemoGraph demo = DemoGraph.Build();
        CompiledGraph skipping = Compiler.Compile(demo.Loss);
        CompiledGraph dense = Compiler.Compile(demo.Loss);
        dense.SkipZeroGradients = false;

        skipping.Backward();
        long[] skipped = demo.Parameters.Select(p => BitConverter.DoubleToInt64Bits(p.Grad)).ToArray();
        foreach (Value p in demo.Parameters) p.Grad = 0;
        dense.Backward();
        Assert.Equal(skipped, demo.Parameters.Select(p => BitConverter.DoubleToInt64Bits(p.Grad)).ToArray());
    }

    [Fact]
    public void DemoGraph_AfterOptimizerSteps_MatchesARebuiltGraph()
    {
        DemoGraph demo = DemoGraph.Build();
        CompiledGraph compiled = Compiler.Compile(demo.Loss);
        for (int step = 0; step < 3; step++)
        {
            foreach (Value p in demo.Parameters) p.Grad = 0;
            compiled.Forward();
            compiled.Backward();
            foreach (Value p in demo.Parameters) p.Data -= 0.05 * p.Grad;
        }
        foreach (Value p in demo.Parameters) p.Grad = 0;
        compiled.Forward();
        compiled.Backward();

        DemoGraph rebuilt = DemoGraph.Build(weights: demo.Parameters.Select(p => p.Data).ToArray());
        rebuilt.Loss.Backward();
        Agreement.Close(rebuilt.Loss.Data, compiled.Output, "loss");
        for (int i = 0; i < demo.Parameters.Count; i++)
            Agreement.Close(rebuilt.Parameters[i].Grad, demo.Parameters[i].Grad, $"grad of parameter {i}");
    }

    [Fact]
    public void ForwardAndBackward_DoNotAllocate()
    {
        DemoGraph demo = DemoGraph.Build(samples: 10);
        CompiledGraph compiled = Compiler.Compile(demo.Loss);
        for (int i = 0; i < 3; i++)
        {
            compiled.Forward();
            compiled.Backward();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            compiled.Forward();
            compiled.Backward();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WriteBack_ShowsTheObjectGraphsNumbersOnInteriorNodes()
    {
        DemoGraph demo = DemoGraph.Build(samples: 5);
        List<Value> nodes = Michigrad.Autograd.TopologicalOrder.Of(demo.Loss);
        demo.Loss.Backward();
        double[] data = nodes.Select(v => v.Data).ToArray();
        double[] grads = nodes.Select(v => v.Grad).ToArray();
        foreach (Value v in nodes)
        {
            v.Grad = 0;
            if (v.Code != OpCode.Leaf) v.Data = double.NaN;
        }

        CompiledGraph compiled = Compiler.Compile(demo.Loss);
        compiled.Backward();
        compiled.WriteBack();
        for (int i = 0; i < nodes.Count; i++)
        {
            Agreement.Close(data[i], nodes[i].Data, $"data of node {i}");
            Agreement.Close(grads[i], nodes[i].Grad, $"grad of node {i}");
        }
    }
}
