using System.Reflection;
using Michigrad.NN;
using Module = Michigrad.NN.Module;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// The notebook's second exercise: the code trains a model on XOR's four rows with the library and ends with it.
/// It passes when the model's output has the target's sign on every row and the mean squared error is under
/// <see cref="MaxLoss"/>.
/// </summary>
public sealed class XorCheck : ExerciseCheck
{
    /// <inheritdoc/>
    public override string Name => "xor";

    /// <summary>The largest mean squared error a trained model may have (targets are ±1).</summary>
    public const double MaxLoss = 0.05;

    /// <summary>XOR's rows and targets, in tanh's range: -1 for false, +1 for true.</summary>
    public static readonly (double[] X, double Y)[] Rows = [([0, 0], -1), ([0, 1], 1), ([1, 0], 1), ([1, 1], -1)];

    /// <inheritdoc/>
    protected override CheckReport Run(Assembly compiled, object? result)
    {
        if (result is not Module model) return new CheckReport { Outcome = CheckOutcome.NoResult, Detail = "model" };
        double[] predictions = [.. Rows.Select(r => model.Forward(r.X)[0].Data)];   // a model of the wrong width throws: a report
        double loss = Rows.Select((r, i) => (predictions[i] - r.Y) * (predictions[i] - r.Y)).Average();
        string table = string.Join("\n", Rows.Select((r, i) =>
            FormattableString.Invariant($"[{r.X[0]}, {r.X[1]}] → {predictions[i],8:0.0000}   ({r.Y:+0;-0})")));
        bool signs = Rows.Select((r, i) => Math.Sign(predictions[i]) == Math.Sign(r.Y)).All(ok => ok);
        return signs && loss < MaxLoss
            ? CheckReport.Pass(Rows.Length, table, loss)
            : new CheckReport { Outcome = CheckOutcome.Untrained, Cases = Rows.Length, Expected = MaxLoss, Actual = loss, Detail = table };
    }
}
