using Michigrad.Compiled;
using Michigrad.Losses;
using Michigrad.NN;

namespace Michigrad.Tests.Compiled;

/// <summary>
/// Dots whose operands sit in runs of adjacent slots are streamed with SIMD: the compiler lays a neuron's weights and
/// a sample's inputs side by side, and the sweeps give the object graph's numbers to rounding.
/// </summary>
public class StreamedDotTests
{
    private static (MLP Model, Value[][] Rows, Value Loss) Classifier(bool inputsRequireGrad, int seed = 2)
    {
        var model = new MLP(40, [20, 5], seed: seed);
        var random = new Random(seed);
        Value[][] rows = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 40)
            .Select(_ => inputsRequireGrad ? new Value(random.NextDouble()) : Value.Constant(random.NextDouble())).ToArray()).ToArray();
        Value loss = Loss.CrossEntropy(rows.Select(r => model.Forward(r)).ToArray(), [0, 1, 2, 3, 4, 0]);
        return (model, rows, loss);
    }

    [Fact]
    public void MlpBatch_EveryNeuronsDotIsStreamed()
    {
        (_, _, Value loss) = Classifier(inputsRequireGrad: false);

        CompileStatistics statistics = loss.Compile().Statistics;

        Assert.Equal(6 * (20 + 5), statistics.DotNodeCount);
        Assert.Equal(statistics.DotNodeCount, statistics.StreamedDotCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MlpBatch_GradientsAreTheObjectGraphsToRounding(bool inputsRequireGrad)
    {
        (MLP model, Value[][] rows, Value loss) = Classifier(inputsRequireGrad);
        Value[] leaves = [.. model.Parameters(), .. rows.SelectMany(r => r)];
        loss.Backward();
        double[] expected = leaves.Select(v => v.Grad).ToArray();
        foreach (Value leaf in leaves) leaf.Grad = 0;

        CompiledGraph compiled = loss.Compile();
        compiled.Backward();

        // Sums of 40 and 20 products in SIMD order: rounding of a few ulps of each sum, far below 1e-12 relative.
        Assert.Equal(loss.Data, compiled.Output, 1e-12 * Math.Abs(loss.Data));
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < leaves.Length; i++) Assert.Equal(expected[i], leaves[i].Grad, 1e-12 * scale);
        if (!inputsRequireGrad) Assert.All(rows.SelectMany(r => r), x => Assert.Equal(0, x.Grad));
        else Assert.Contains(rows.SelectMany(r => r), x => x.Grad != 0);
    }

    [Fact]
    public void DotsWhoseOperandsAreNotAdjacent_AreGatheredAndStillRight()
    {
        // The second row reads the weights in another order than the first laid them out: no run, the gathering path.
        var random = new Random(9);
        Value[] w = Enumerable.Range(0, 12).Select(_ => new Value(random.NextDouble() - 0.5)).ToArray();
        Value[] x1 = Enumerable.Range(0, 12).Select(_ => Value.Constant(random.NextDouble())).ToArray();
        Value[] x2 = Enumerable.Range(0, 12).Select(_ => Value.Constant(random.NextDouble())).ToArray();
        int[] shuffled = [3, 0, 7, 1, 11, 5, 2, 9, 4, 10, 6, 8];
        Value first = w[0] * x1[0], second = w[shuffled[0]] * x2[0];
        for (int i = 1; i < 12; i++)
        {
            first += w[i] * x1[i];
            second += w[shuffled[i]] * x2[i];
        }
        Value loss = first.Tanh() * second.Sigmoid();
        loss.Backward();
        double[] expected = w.Select(v => v.Grad).ToArray();
        foreach (Value v in w) v.Grad = 0;

        CompiledGraph compiled = loss.Compile();
        compiled.Backward();

        Assert.Equal(2, compiled.Statistics.DotNodeCount);
        Assert.Equal(1, compiled.Statistics.StreamedDotCount);
        Assert.Equal(loss.Data, compiled.Output, 1e-15);
        for (int i = 0; i < w.Length; i++) Assert.Equal(expected[i], w[i].Grad, 1e-15);
    }

    [Fact]
    public void Replay_AfterTheDataChanges_FollowsIt()
    {
        (MLP model, Value[][] rows, Value loss) = Classifier(inputsRequireGrad: false);
        CompiledGraph compiled = loss.Compile();
        var random = new Random(4);
        foreach (Value x in rows.SelectMany(r => r)) x.Data = random.NextDouble() * 3 - 1;
        foreach (Value p in model.Parameters()) p.Data *= 1.5;

        compiled.Forward();
        Value rebuilt = Loss.CrossEntropy(rows.Select(r => model.Forward(r)).ToArray(), [0, 1, 2, 3, 4, 0]);

        Assert.Equal(rebuilt.Data, compiled.Output, 1e-12 * Math.Abs(rebuilt.Data));
    }
}
