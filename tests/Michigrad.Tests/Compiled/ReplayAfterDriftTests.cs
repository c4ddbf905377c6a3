using Michigrad.Compiled;
using Michigrad.Losses;
using Michigrad.NN;

namespace Michigrad.Tests.Compiled;

/// <summary>
/// A graph compiled at one set of data and replayed at very different data gives what a graph built at the new data
/// gives: every library loss, every op, and an MLP under each loss.
/// </summary>
public class ReplayAfterDriftTests
{
    /// <summary>Builds a graph over the given leaves (the same builder serves both the compile and the rebuild).</summary>
    public delegate Value Builder(Value[] leaves);

    public static TheoryData<string> Losses() =>
    [
        "mse", "mse-values", "hinge", "hinge-values", "bce", "bce-values", "bce-logits", "bce-logits-values",
        "ce", "ce-batch", "ce-probabilities", "l2",
    ];

    private static Builder LossBuilder(string name) => name switch
    {
        "mse" => x => Loss.MeanSquaredError(x[..3], [0.5, -1, 2]),
        "mse-values" => x => Loss.MeanSquaredError(x[..3], x[3..6]),
        "hinge" => x => Loss.Hinge(x[..3], [1, -1, 1]),
        "hinge-values" => x => Loss.Hinge(x[..2], [x[2], x[3]]),
        "bce" => x => Loss.BinaryCrossEntropy(x[..3].Select(v => v.Sigmoid()).ToArray(), [1, 0, 0.3]),
        "bce-values" => x => Loss.BinaryCrossEntropy(x[..3].Select(v => v.Sigmoid()).ToArray(), [x[3], x[4], x[5]]),
        "bce-logits" => x => Loss.BinaryCrossEntropyWithLogits(x[..3], [1, 0, 0.3]),
        "bce-logits-values" => x => Loss.BinaryCrossEntropyWithLogits(x[..3], [x[3], x[4], x[5]]),
        "ce" => x => Loss.CrossEntropy(x[..3], 1),
        "ce-batch" => x => Loss.CrossEntropy([x[..3], x[3..6]], [2, 0]),
        "ce-probabilities" => x => Loss.CrossEntropy([x[..3]], [new[] { x[3], x[4], x[5] }]),
        "l2" => x => Loss.L2Penalty(x, 0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    // Where each graph is built, then the data it is replayed at: sign flips, logits shifted by ±1000, sigmoids
    // saturated to exactly 0 and 1, and targets that change.
    private static readonly double[] BuiltAt = [0.2, -0.4, 0.1, 1.0, 0.0, 0.0];
    private static readonly double[][] ReplayedAt =
    [
        [-1.5, 2.5, -0.3, 0.0, 1.0, 1.0],
        [800.0, 0.0, -3.0, 0.0, 1.0, 0.0],
        [1000.5, 999.0, 1001.0, 0.2, 0.3, 0.5],
        [-1000.0, -1000.0, -999.5, 1.0, 0.0, 0.0],
        [-800.0, 800.0, 40.0, 1.0, 1.0, 0.0],
    ];

    [Theory]
    [MemberData(nameof(Losses))]
    public void EveryLoss_ReplaysTheRebuiltGraph(string name) => AssertReplaysAfterDrift(LossBuilder(name));

    [Fact]
    public void CrossEntropy_CompiledAtZeroAndReplayedAt800_IsZeroNotInfinity()
    {
        // The shape a data-derived shift got wrong: compiled at logits [0, 0], replayed at [800, 0].
        Value[] z = [new(0.0), new(0.0)];
        CompiledGraph compiled = Loss.CrossEntropy(z, 0).Compile();
        z[0].Data = 800;
        compiled.Forward();
        Assert.Equal(0.0, compiled.Output);
    }

    public static TheoryData<string> OpNames() =>
    [
        "+", "-", "*", "/", "neg", "**2", "**0.5", "pow", "exp", "log", "tanh", "relu", "sigmoid",
        "abs", "sqrt", "sin", "cos", "softplus", "max", "min", "logsumexp",
    ];

    private static Value ApplyOp(string op, Value a, Value b) => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        "neg" => -a,
        "**2" => a.Pow(2),
        "**0.5" => a.Pow(0.5),
        "pow" => a.Pow(b),
        "exp" => a.Exp(),
        "log" => a.Log(),
        "tanh" => a.Tanh(),
        "relu" => a.Relu(),
        "sigmoid" => a.Sigmoid(),
        "abs" => a.Abs(),
        "sqrt" => a.Sqrt(),
        "sin" => a.Sin(),
        "cos" => a.Cos(),
        "softplus" => a.Softplus(),
        "max" => Value.Max(a, b),
        "min" => Value.Min(a, b),
        "logsumexp" => Value.LogSumExp([a, b]),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    [Theory]
    [MemberData(nameof(OpNames))]
    public void EveryOp_ReplaysTheRebuiltGraph(string op) =>
        AssertReplaysAfterDrift(x => ApplyOp(op, x[0], x[1]) * x[2] + ApplyOp(op, x[1], x[0]));

    [Theory]
    [MemberData(nameof(Losses))]
    public void AnMlpUnderEachLoss_ReplaysTheRebuiltGraph(string name)
    {
        var model = new MLP(2, [4, 3], seed: 9);
        Builder loss = LossBuilder(name);
        AssertReplaysAfterDrift(x =>
        {
            IReadOnlyList<Value> outputs = model.Forward([x[0], x[1]]);
            return loss([.. outputs, x[3], x[4], x[5]]);
        });
    }

    /// <summary>Compiles the graph at <see cref="BuiltAt"/>, then at each drifted point compares the replay (output and
    /// every leaf's gradient) with a graph built there, and checks that <see cref="CompiledGraph.Verify"/> agrees.</summary>
    private static void AssertReplaysAfterDrift(Builder build)
    {
        Value[] leaves = BuiltAt.Select(v => new Value(v)).ToArray();
        CompiledGraph compiled = build(leaves).Compile();
        foreach (double[] point in ReplayedAt)
        {
            for (int i = 0; i < leaves.Length; i++) leaves[i].Data = point[i];
            List<Value> all = Agreement.LeavesOf(build(leaves));

            foreach (Value leaf in all) leaf.Grad = 0;
            Value rebuilt = build(leaves);
            rebuilt.Backward();
            double[] expected = leaves.Select(v => v.Grad).ToArray();

            foreach (Value leaf in all) leaf.Grad = 0;
            compiled.Forward();
            compiled.Backward();

            string at = string.Join(", ", point);
            Agreement.Close(rebuilt.Data, compiled.Output, $"output at ({at})");
            for (int i = 0; i < leaves.Length; i++) Agreement.Close(expected[i], leaves[i].Grad, $"grad of leaf {i} at ({at})");
            compiled.Verify(() => build(leaves));
        }
    }
}
