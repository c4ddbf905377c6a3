namespace Michigrad.Losses;

public static partial class Loss
{
    /// <summary>
    /// Binary cross-entropy on raw scores (logits), PyTorch's <c>nn.BCEWithLogitsLoss</c>: the binary cross-entropy
    /// of <c>σ(xᵢ)</c> against <c>yᵢ</c>, computed without ever forming σ(x), so that scores of ±1000 stay finite.
    /// </summary>
    /// <param name="logits">The model's raw scores (at least one).</param>
    /// <param name="targets">The wanted probabilities, each in [0, 1] (usually 0 or 1).</param>
    /// <returns>The mean of <c>(1 - yᵢ)·xᵢ + softplus(-xᵢ)</c>.</returns>
    /// <remarks>
    /// <para>The formula is PyTorch's rewrite of <c>-(y·log σ(x) + (1 - y)·log(1 - σ(x)))</c>, built from operations
    /// (<see cref="Value.Softplus"/> never overflows), so gradients flow, ∂L/∂xᵢ = (σ(xᵢ) - yᵢ)/n, and a compiled
    /// graph replays it exactly on any logits.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="logits"/> is empty or the counts differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, 1] or NaN.</exception>
    public static Value BinaryCrossEntropyWithLogits(IReadOnlyList<Value> logits, IReadOnlyList<double> targets)
    {
        CheckValues(logits, nameof(logits));
        ArgumentNullException.ThrowIfNull(targets);
        CheckSameCount(logits.Count, nameof(logits), targets.Count, nameof(targets));

        var terms = new Value[logits.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            Value x = logits[i];
            double y = targets[i];
            CheckProbabilityTarget(y, i, nameof(targets));
            // Plain-number targets are part of the formula, so the usual 0 and 1 skip their product.
            Value softplus = (-x).Softplus();
            terms[i] = y == 1 ? softplus : (y == 0 ? x : (1 - y) * x) + softplus;
        }
        return Mean(terms);
    }

    /// <summary>Binary cross-entropy on logits against targets that are values themselves (leaves a training loop
    /// refills, so that one compiled graph serves every batch): the mean of <c>(1 - yᵢ)·xᵢ + softplus(-xᵢ)</c>.</summary>
    /// <param name="logits">The model's raw scores (at least one).</param>
    /// <param name="targets">The wanted probabilities as values, each holding a number in [0, 1] (not checked: they
    /// may change later).</param>
    /// <returns>The mean loss; see <see cref="BinaryCrossEntropyWithLogits(IReadOnlyList{Value}, IReadOnlyList{double})"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="logits"/> is empty or the counts differ.</exception>
    public static Value BinaryCrossEntropyWithLogits(IReadOnlyList<Value> logits, IReadOnlyList<Value> targets)
    {
        CheckValues(logits, nameof(logits));
        CheckValues(targets, nameof(targets));
        CheckSameCount(logits.Count, nameof(logits), targets.Count, nameof(targets));

        var terms = new Value[logits.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            Value x = logits[i];
            terms[i] = (1 - targets[i]) * x + (-x).Softplus();
        }
        return Mean(terms);
    }
}
