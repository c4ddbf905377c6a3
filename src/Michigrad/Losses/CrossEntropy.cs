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
    /// <para>Computed as <c>log Σⱼ e^(zⱼ - m) - (z_target - m)</c> with <c>m = maxⱼ zⱼ</c>, so that no exponent is
    /// positive and logits of 1000 give a finite loss. The shift m is subtracted as a constant (its data only): the
    /// loss does not depend on it, so neither does the gradient, ∂L/∂zⱼ = softmax(z)ⱼ - [j = target].</para>
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
    /// <remarks>Stable as <see cref="CrossEntropy(IReadOnlyList{Value}, int)"/>: the largest logit is subtracted as a
    /// constant, which cancels since the targets sum to 1. ∂L/∂zⱼ = softmax(z)ⱼ - tⱼ per sample.</remarks>
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

            Value logSumExp = ShiftedLogSumExp(sample, out double max);
            Value expected = target[0] * (sample[0] - max);
            for (int j = 1; j < sample.Count; j++) expected += target[j] * (sample[j] - max);
            terms[s] = logSumExp - expected;
        }
        return Mean(terms);
    }

    private static Value CrossEntropyOfChecked(IReadOnlyList<Value> logits, int target) =>
        ShiftedLogSumExp(logits, out double max) - (logits[target] - max);

    /// <summary><c>log Σⱼ e^(zⱼ - m)</c> with <c>m = maxⱼ zⱼ</c>, so that no exponent is positive.</summary>
    /// <remarks>The shift is a constant (its data only): softmax does not depend on it, so neither do gradients.</remarks>
    private static Value ShiftedLogSumExp(IReadOnlyList<Value> logits, out double max)
    {
        max = logits[0].Data;
        for (int j = 1; j < logits.Count; j++) max = Math.Max(max, logits[j].Data);

        Value sumExp = (logits[0] - max).Exp();
        for (int j = 1; j < logits.Count; j++) sumExp += (logits[j] - max).Exp();
        return sumExp.Log();
    }

    private static void CheckClassIndex(int target, int classes, string name, string? paramName = null)
    {
        if ((uint)target >= (uint)classes)
            throw new ArgumentOutOfRangeException(paramName ?? name, target,
                Invariant($"{name} must be a class index in [0, {classes}), got {target}."));
    }
}
