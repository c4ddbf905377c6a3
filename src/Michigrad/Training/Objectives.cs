using System.Runtime.CompilerServices;
using Michigrad.Data;
using Michigrad.Losses;

namespace Michigrad.Training;

/// <summary>What each <see cref="Objective"/> needs from a model and a dataset, and how it reads the outputs.</summary>
public static class Objectives
{
    /// <summary>The number of model outputs <paramref name="objective"/> needs for <paramref name="classCount"/> classes.</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="classCount">The number of classes (at least 2).</param>
    /// <returns>1 for the binary objectives (and two-class MSE), otherwise <paramref name="classCount"/>.</returns>
    /// <exception cref="ArgumentException">There are fewer than two classes, or a binary-only objective
    /// (<see cref="Objective.Hinge"/>, <see cref="Objective.BinaryCrossEntropy"/>) is given more than two.</exception>
    public static int OutputWidth(Objective objective, int classCount)
    {
        CheckObjective(objective);
        if (classCount < 2)
            throw new ArgumentException(
                $"A classifier needs at least two classes, but the data has {classCount}.", nameof(classCount));
        return objective switch
        {
            Objective.Hinge or Objective.BinaryCrossEntropy when classCount > 2 => throw new ArgumentException(
                $"The {Name(objective)} loss separates two classes, but the data has {classCount}; use cross-entropy or MSE.",
                nameof(classCount)),
            Objective.Hinge or Objective.BinaryCrossEntropy => 1,
            Objective.MeanSquaredError => classCount == 2 ? 1 : classCount,
            _ => classCount,
        };
    }

    /// <summary>Reads one output vector as a class and a score (see <see cref="Prediction.Score"/>).</summary>
    /// <param name="objective">The objective the model was trained with.</param>
    /// <param name="outputs">The model's outputs for one input.</param>
    /// <returns>The predicted class and its score.</returns>
    /// <exception cref="ArgumentException">The number of outputs does not suit <paramref name="objective"/>.</exception>
    [MethodImpl(Tiering.HotLoop)]
    public static Prediction Decide(Objective objective, IReadOnlyList<double> outputs)
    {
        int decided = DecideClass(objective, outputs);
        switch (objective)
        {
            case Objective.Hinge:
                return new Prediction(decided, outputs[0]);
            case Objective.BinaryCrossEntropy:
                return new Prediction(decided, OpRules.Sigmoid(outputs[0]));
            case Objective.MeanSquaredError:
                return new Prediction(decided, outputs[outputs.Count == 1 ? 0 : decided]);
            default:
                // Softmax probability of the winner: e^(o_winner - log Σ e^oⱼ), by the op table's log-sum-exp.
                double[] all = outputs as double[] ?? outputs.ToArray();
                return new Prediction(decided, OpRules.Exp(outputs[decided] - OpRules.LogSumExp(all)));
        }
    }

    /// <summary>The class <see cref="Decide"/> reads from <paramref name="outputs"/>, without its score: what counting
    /// correct rows needs (a cross-entropy score costs a softmax).</summary>
    /// <exception cref="ArgumentException">The number of outputs does not suit <paramref name="objective"/>.</exception>
    [MethodImpl(Tiering.HotLoop)]
    internal static int DecideClass(Objective objective, IReadOnlyList<double> outputs)
    {
        CheckObjective(objective);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0) throw new ArgumentException("outputs is empty.", nameof(outputs));
        switch (objective)
        {
            case Objective.Hinge:
            case Objective.BinaryCrossEntropy:
                RequireOne(objective, outputs);
                return outputs[0] > 0 ? 1 : 0;
            case Objective.MeanSquaredError:
                return outputs.Count == 1 ? (outputs[0] > 0 ? 1 : 0) : ArgMax(outputs);
            default:
                if (outputs.Count < 2)
                    throw new ArgumentException("Cross-entropy needs one output per class (at least two).", nameof(outputs));
                return ArgMax(outputs);
        }
    }

    /// <summary>Creates one row's target leaves: as many as the model has outputs (one for the binary objectives).</summary>
    /// <param name="outputWidth">The model's output width.</param>
    /// <returns>Constant leaves (<see cref="Value.RequiresGrad"/> false) holding 0, to be filled by <see cref="WriteTargets"/>.</returns>
    public static Value[] NewTargets(int outputWidth)
    {
        var targets = new Value[outputWidth];
        for (int j = 0; j < targets.Length; j++) targets[j] = Value.Constant(0.0);
        return targets;
    }

    /// <summary>Writes a row's label into its target leaves: ±1 for hinge and binary squared error, 0/1 for the
    /// logistic loss, one-hot for cross-entropy and multi-class squared error.</summary>
    /// <param name="objective">The objective whose target encoding to write.</param>
    /// <param name="label">The row's class.</param>
    /// <param name="targets">The row's target leaves, from <see cref="NewTargets"/>.</param>
    public static void WriteTargets(Objective objective, int label, Value[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Span<double> numbers = targets.Length <= 256 ? stackalloc double[targets.Length] : new double[targets.Length];
        WriteTargetNumbers(objective, label, numbers);
        for (int j = 0; j < targets.Length; j++) targets[j].Data = numbers[j];
    }

    /// <summary>Writes a row's label as numbers, as <see cref="WriteTargets(Objective, int, Value[])"/> writes it
    /// into leaves.</summary>
    [MethodImpl(Tiering.HotLoop)]
    internal static void WriteTargetNumbers(Objective objective, int label, Span<double> targets)
    {
        if (targets.Length == 1)
            targets[0] = objective == Objective.BinaryCrossEntropy ? label : label == 1 ? 1.0 : -1.0;
        else
            for (int j = 0; j < targets.Length; j++) targets[j] = label == j ? 1.0 : 0.0;
    }

    /// <summary>Builds the objective's mean loss over a batch of model outputs.</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="outputs">One output vector per row, each as wide as <see cref="OutputWidth"/> says.</param>
    /// <param name="targets">One row of target leaves per output row (see <see cref="WriteTargets"/>): leaves, so
    /// that a compiled graph can be refilled with another batch's labels.</param>
    /// <returns>The loss node, ready for <see cref="Value.Backward"/>.</returns>
    public static Value Loss(Objective objective, IReadOnlyList<IReadOnlyList<Value>> outputs, IReadOnlyList<Value[]> targets)
    {
        switch (objective)
        {
            case Objective.Hinge:
                return Losses.Loss.Hinge(Column0(outputs), Column0(targets));
            case Objective.BinaryCrossEntropy:
                return Losses.Loss.BinaryCrossEntropyWithLogits(Column0(outputs), Column0(targets));
            case Objective.MeanSquaredError:
                // The mean runs over every output of every row, as PyTorch's MSELoss does.
                return Losses.Loss.MeanSquaredError(outputs.SelectMany(row => row).ToArray(), targets.SelectMany(row => row).ToArray());
            default:
                return Losses.Loss.CrossEntropy(outputs, targets);
        }
    }

    /// <summary>Throws unless <paramref name="data"/> can train a classifier with <paramref name="objective"/>:
    /// at least two classes that each have a row, and a class count the objective handles.</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="data">The whole training set.</param>
    /// <exception cref="ArgumentException">The data has a single class, or too many for the objective.</exception>
    public static void CheckData(Objective objective, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] counts = data.CountsPerClass();
        int present = counts.Count(c => c > 0);
        if (present < 2)
        {
            string only = data.ClassNames is { } names ? $"'{names[Array.FindIndex(counts, c => c > 0)]}'" : "one class";
            throw new ArgumentException(
                $"Every row of the data has the same label ({only}); a classifier needs at least two classes.", nameof(data));
        }
        OutputWidth(objective, data.ClassCount);
    }

    /// <summary>The objective's short name, as the command line spells it.</summary>
    /// <param name="objective">The objective.</param>
    /// <returns><c>hinge</c>, <c>mse</c>, <c>bce</c> or <c>ce</c>.</returns>
    public static string Name(Objective objective) => objective switch
    {
        Objective.Hinge => "hinge",
        Objective.MeanSquaredError => "mse",
        Objective.BinaryCrossEntropy => "bce",
        Objective.CrossEntropy => "ce",
        _ => objective.ToString(),
    };

    private static Value[] Column0(IReadOnlyList<IReadOnlyList<Value>> outputs)
    {
        var column = new Value[outputs.Count];
        for (int i = 0; i < column.Length; i++) column[i] = outputs[i][0];
        return column;
    }

    private static void RequireOne(Objective objective, IReadOnlyList<double> outputs)
    {
        if (outputs.Count != 1)
            throw new ArgumentException(
                $"The {Name(objective)} objective reads one output, but got {outputs.Count}.", nameof(outputs));
    }

    private static int ArgMax(IReadOnlyList<double> values)
    {
        int best = 0;
        for (int j = 1; j < values.Count; j++)
            if (values[j] > values[best]) best = j;
        return best;
    }

    private static void CheckObjective(Objective objective)
    {
        if (!Enum.IsDefined(objective))
            throw new ArgumentOutOfRangeException(nameof(objective), objective, $"Unknown objective {objective}.");
    }
}
