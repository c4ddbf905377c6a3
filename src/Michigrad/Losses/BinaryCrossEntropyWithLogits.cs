namespace Michigrad.Losses;

public static partial class Loss
{
    /// <summary>
    /// Binary cross-entropy on raw scores (logits), PyTorch's <c>nn.BCEWithLogitsLoss</c>: the binary cross-entropy
    /// of <c>σ(xᵢ)</c> against <c>yᵢ</c>, computed without ever forming σ(x), so that scores of ±1000 stay finite.
    /// </summary>
    /// <param name="logits">The model's raw scores (at least one).</param>
    /// <param name="targets">The wanted probabilities, each in [0, 1] (usually 0 or 1).</param>
    /// <returns>The mean of <c>max(xᵢ, 0) - xᵢ·yᵢ + log(1 + e^-|xᵢ|)</c>.</returns>
    /// <remarks>
    /// <para>The formula is the usual stable rewrite of <c>-(y·log σ(x) + (1 - y)·log(1 - σ(x)))</c>: the exponent
    /// -|x| is never positive, so nothing overflows. It is built from <see cref="Value"/> operations (relu, exp, log),
    /// so gradients flow: ∂L/∂xᵢ = (σ(xᵢ) - yᵢ)/n, also at xᵢ = 0.</para>
    /// <para>For |x| above about 37, <c>1 + e^-|x|</c> rounds to 1 and the last term to 0 (log1p would keep about
    /// e^-|x| more); the loss and gradient stay finite and correct to double precision of the whole.</para>
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

            // -|x| by the sign of the data. At x = 0 it takes the branch whose relu derivative (0) agrees with it.
            Value negativeAbs = x.Data > 0 ? -x : x;
            Value term = x.Relu() + (negativeAbs.Exp() + 1).Log();
            if (y != 0) term -= y == 1 ? x : x * y;
            terms[i] = term;
        }
        return Mean(terms);
    }
}
