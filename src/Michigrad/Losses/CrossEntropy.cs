using static System.FormattableString;

namespace Michigrad.Losses;

public static partial class Loss
{
    /// <summary>
    /// Softmax cross-entropy of one sample, PyTorch's <c>nn.CrossEntropyLoss</c> with a class index:
    /// <c>-log softmax(z)[target] = log Σⱼ e^zⱼ - z_target</c>.
    /// </summary>
    /// <param name="logits">The raw score of each class (at least one).</param>
    /// <param name="target">The index of the true class.</param>
    /// <returns>The loss, ≥ 0.</returns>
    /// <remarks>
    /// <para>Built as one <see cref="Value.LogSumExp"/> node over the differences, <c>log Σⱼ e^(zⱼ - z_target)</c>:
    /// log-sum-exp is stable at any shift, so logits of ±1000 give a finite loss, and the differences keep the loss
    /// accurate even when it is tiny beside the logits. Only operations, no choice made from data: a compiled graph
    /// replays it exactly on any logits. ∂L/∂zⱼ = softmax(z)ⱼ - [j = target].</para>
    /// <para>NaN in any logit gives NaN.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="logits"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not a class index.</exception>
    public static Value CrossEntropy(IReadOnlyList<Value> logits, int target)
    {
        CheckValues(logits, nameof(logits));
        CheckClassIndex(target, logits.Count, nameof(target));
        return CrossEntropyOfChecked(logits, target);
    }

    /// <summary>
    /// Softmax cross-entropy of a batch: the mean over samples of <see cref="CrossEntropy(IReadOnlyList{Value}, int)"/>.
    /// </summary>
    /// <param name="logits">One list of class scores per sample, all of the same length.</param>
    /// <param name="targets">The true class index of each sample.</param>
    /// <returns>The mean loss.</returns>
    /// <remarks>See <see cref="CrossEntropy(IReadOnlyList{Value}, int)"/> for the formula and its stability.</remarks>
    /// <exception cref="ArgumentException">The batch is empty, the counts differ, or samples have different class counts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is not a class index.</exception>
    public static Value CrossEntropy(IReadOnlyList<IReadOnlyList<Value>> logits, IReadOnlyList<int> targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.Count == 0)
            throw new ArgumentException("logits must hold at least one sample, got none.", nameof(logits));
        CheckSameCount(logits.Count, nameof(logits), targets.Count, nameof(targets));

        var terms = new Value[logits.Count];
        int classes = -1;
        for (int s = 0; s < terms.Length; s++)
        {
            IReadOnlyList<Value> sample = logits[s];
            CheckValues(sample, nameof(logits), Invariant($"logits[{s}]"));
            if (classes < 0) classes = sample.Count;
            else if (sample.Count != classes)
                throw new ArgumentException(
                    Invariant($"Every sample must have the same number of classes: logits[0] has {classes} but logits[{s}] has {sample.Count}."),
                    nameof(logits));
            CheckClassIndex(targets[s], classes, Invariant($"targets[{s}]"), nameof(targets));
            terms[s] = CrossEntropyOfChecked(sample, targets[s]);
        }
        return Mean(terms);
    }

    /// <summary>
    /// Softmax cross-entropy of a batch against target probabilities, PyTorch's <c>cross_entropy</c> with class
    /// probabilities: the mean over samples of <c>log Σⱼ e^zⱼ - Σⱼ tⱼ·zⱼ</c> (for targets summing to 1).
    /// </summary>
    /// <param name="logits">One list of class scores per sample, all of the same length.</param>
    /// <param name="targets">One probability per class per sample, as values: a one-hot row gives the same loss as
    /// the class index, and a training loop can refill the rows so that one compiled graph serves every batch.</param>
    /// <returns>The mean loss.</returns>
    /// <remarks>Built from operations only, stable at any shift as <see cref="CrossEntropy(IReadOnlyList{Value}, int)"/>:
    /// with <c>dⱼ = zⱼ - z₀</c>, each sample's loss <c>Σⱼ tⱼ·(log Σₖ e^zₖ - zⱼ)</c> is written
    /// <c>(Σⱼ tⱼ)·LogSumExp(d) - Σⱼ tⱼ·dⱼ</c>. ∂L/∂zⱼ = (Σₖ tₖ)·softmax(z)ⱼ - tⱼ per sample.</remarks>
    /// <exception cref="ArgumentException">The batch is empty, the counts differ, or a sample's target row is not as
    /// wide as its logits.</exception>
    public static Value CrossEntropy(IReadOnlyList<IReadOnlyList<Value>> logits, IReadOnlyList<IReadOnlyList<Value>> targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.Count == 0)
            throw new ArgumentException("logits must hold at least one sample, got none.", nameof(logits));
        CheckSameCount(logits.Count, nameof(logits), targets.Count, nameof(targets));

        var terms = new Value[logits.Count];
        for (int s = 0; s < terms.Length; s++)
        {
            IReadOnlyList<Value> sample = logits[s], target = targets[s];
            CheckValues(sample, nameof(logits), Invariant($"logits[{s}]"));
            CheckValues(target, nameof(targets), Invariant($"targets[{s}]"));
            CheckSameCount(sample.Count, Invariant($"logits[{s}]"), target.Count, Invariant($"targets[{s}]"));

            Value[] differences = DifferencesFrom(sample, sample[0]);
            Value weight = target[0], expected = target[0] * differences[0];
            for (int j = 1; j < sample.Count; j++)
            {
                weight += target[j];
                expected += target[j] * differences[j];
            }
            terms[s] = weight * Value.LogSumExp(differences) - expected;
        }
        return Mean(terms);
    }

    private static Value CrossEntropyOfChecked(IReadOnlyList<Value> logits, int target) =>
        Value.LogSumExp(DifferencesFrom(logits, logits[target]));

    /// <summary><c>zⱼ - reference</c> for every j: nodes, so that the loss follows the logits on any replay.</summary>
    private static Value[] DifferencesFrom(IReadOnlyList<Value> logits, Value reference)
    {
        var differences = new Value[logits.Count];
        for (int j = 0; j < differences.Length; j++) differences[j] = logits[j] - reference;
        return differences;
    }

    private static void CheckClassIndex(int target, int classes, string name, string? paramName = null)
    {
        if ((uint)target >= (uint)classes)
            throw new ArgumentOutOfRangeException(paramName ?? name, target,
                Invariant($"{name} must be a class index in [0, {classes}), got {target}."));
    }
}
