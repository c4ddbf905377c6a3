using System.Globalization;
using System.Reflection;
using Michigrad.NN;
using Module = Michigrad.NN.Module;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// The notebook's fourth exercise: the learner's model as a list of modules, the code's last expression
/// <c>new Sequential(new Linear(2, 4), new Linear(4, 4, bias: false), new Linear(4, 3), new Tanh(3))</c> built from
/// their own classes. Checked against Michigrad's same model: 43 parameters, three outputs with the same numbers and
/// gradients, and a short training run whose loss matches Michigrad's at every step.
/// </summary>
public sealed class ModuleListCheck : ExerciseCheck
{
    /// <inheritdoc/>
    public override string Name => "module-list";

    /// <summary>The model the notebook asks for, as C#.</summary>
    public const string ModelCode = "new Sequential(new Linear(2, 4), new Linear(4, 4, bias: false), new Linear(4, 3), new Tanh(3))";

    /// <summary>Steps of the training run.</summary>
    public const int Steps = 10;

    private const double LearningRate = 0.1;

    // Six points of three classes, targets one-hot in tanh's range.
    private static readonly (double[] X, double[] Y)[] s_points =
    [
        ([1.0, 0.2], [1, -1, -1]), ([0.8, -0.3], [1, -1, -1]),
        ([-0.9, 0.6], [-1, 1, -1]), ([-0.4, 1.0], [-1, 1, -1]),
        ([0.1, -1.0], [-1, -1, 1]), ([-0.5, -0.7], [-1, -1, 1]),
    ];

    /// <summary>Michigrad's model of the exercise.</summary>
    public static Module Reference() => new Sequential(new Linear(2, 4), new Linear(4, 4, bias: false), new Linear(4, 3), new NN.Tanh(3));

    /// <inheritdoc/>
    protected override CheckReport Run(Assembly compiled, object? result)
    {
        if (result is null or Module or string or ValueType) return new CheckReport { Outcome = CheckOutcome.NoResult, Detail = ModelCode };
        LearnerModule mine = LearnerModule.Wrap(result, ModelCode);
        Module theirs = Reference();
        CheckReport? failure = ModuleComparison.SetSameParameters(mine, theirs, seed: 1)
            ?? ModuleComparison.Compare(mine, theirs, [0.5, -1.0]);
        if (failure is not null) return failure with { Case = 1, Cases = 2 };
        if (Train(mine, theirs) is { } drift) return drift with { Case = 2, Cases = 2 };
        return CheckReport.Pass(2);
    }

    /// <summary>Trains both models the same way (mean squared error over the points, plain gradient descent) and
    /// compares the loss at every step.</summary>
    private static CheckReport? Train(LearnerModule mine, Module theirs)
    {
        Value[] myParameters = mine.Parameters();
        Value[] theirParameters = [.. theirs.Parameters()];
        for (int step = 1; step <= Steps; step++)
        {
            Value myLoss = Loss(x => mine.Forward(x)), theirLoss = Loss(x => [.. theirs.Forward(x)]);
            if (!Tolerance.Agrees(theirLoss.Data, myLoss.Data))
                return new CheckReport
                {
                    Outcome = CheckOutcome.Training, Node = step.ToString(CultureInfo.InvariantCulture),
                    Expected = theirLoss.Data, Actual = myLoss.Data, Expression = TrainingCode(),
                };
            foreach (Value p in myParameters) p.Grad = 0;
            foreach (Value p in theirParameters) p.Grad = 0;
            myLoss.Backward();
            theirLoss.Backward();
            foreach (Value p in myParameters) p.Data -= LearningRate * p.Grad;
            foreach (Value p in theirParameters) p.Data -= LearningRate * p.Grad;
        }
        return null;
    }

    private static Value Loss(Func<Value[], Value[]> forward)
    {
        Value total = 0.0;
        foreach ((double[] x, double[] y) in s_points)
        {
            Value[] output = forward([.. x.Select(v => (Value)v)]);
            for (int j = 0; j < y.Length; j++) total += (output[j] - y[j]).Pow(2);
        }
        return total / s_points.Length;
    }

    private static string TrainingCode() =>
        $"var model = {ModelCode};\n" +
        $"for (int step = 1; step <= {Steps}; step++)\n{{\n" +
        $"    // loss = Σ over {s_points.Length} points and three outputs of (y − target)², over {s_points.Length}\n" +
        "    foreach (var p in model.Parameters()) p.Grad = 0;\n" +
        "    loss.Backward();\n" +
        $"    foreach (var p in model.Parameters()) p.Data -= {LearningRate.ToString(CultureInfo.InvariantCulture)} * p.Grad;\n}}";
}
