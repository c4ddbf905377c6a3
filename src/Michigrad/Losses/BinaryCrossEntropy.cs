using static System.FormattableString;

namespace Michigrad.Losses;

public static partial class Loss
{
    /// <summary>PyTorch's floor for the logarithms of <see cref="BinaryCrossEntropy"/>.</summary>
    private const double LogFloor = -100.0;

    /// <summary>
    /// Binary cross-entropy on probabilities, PyTorch's <c>nn.BCELoss</c>: the mean of
    /// <c>-(yᵢ·log pᵢ + (1 - yᵢ)·log(1 - pᵢ))</c>.
    /// </summary>
    /// <param name="probabilities">The predicted probabilities of the positive class, each in [0, 1] (for example
    /// the output of a <see cref="NN.Sigmoid"/>).</param>
    /// <param name="targets">The wanted probabilities, each in [0, 1] (usually 0 or 1).</param>
    /// <returns>The mean binary cross-entropy.</returns>
    /// <remarks>
    /// <para>As in PyTorch, each logarithm is clamped to at least -100, so that a probability of exactly 0 or 1 gives
    /// a finite loss (100 per wrong certainty) instead of ∞. Where the clamp acts, the log is a constant and passes
    /// no gradient; PyTorch's fused backward would instead give (p - y)/10⁻¹². Elsewhere ∂L/∂pᵢ =
    /// (pᵢ - yᵢ)/(pᵢ(1 - pᵢ))/n.</para>
    /// <para>A term whose weight is 0 (y = 0 or y = 1) is left out of the graph. Prefer
    /// <see cref="BinaryCrossEntropyWithLogits"/>, which is stable for large scores.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="probabilities"/> is empty or the counts differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability or a target is outside [0, 1] or NaN.</exception>
    public static Value BinaryCrossEntropy(IReadOnlyList<Value> probabilities, IReadOnlyList<double> targets)
    {
        CheckValues(probabilities, nameof(probabilities));
        ArgumentNullException.ThrowIfNull(targets);
        CheckSameCount(probabilities.Count, nameof(probabilities), targets.Count, nameof(targets));

        var terms = new Value[probabilities.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            Value p = probabilities[i];
            double y = targets[i];
            if (!(p.Data >= 0 && p.Data <= 1))
                throw new ArgumentOutOfRangeException(nameof(probabilities), p.Data,
                    Invariant($"probabilities[{i}] must be in [0, 1], got {p.Data}."));
            CheckProbabilityTarget(y, i, nameof(targets));

            // -(y·log p + (1 - y)·log(1 - p)), skipping a term whose weight is 0.
            Value? likelihood = null;
            if (y != 0) likelihood = Weighted(y, ClampedLog(p));
            if (y != 1)
            {
                Value negative = Weighted(1 - y, ClampedLog(1 - p));
                likelihood = likelihood is null ? negative : likelihood + negative;
            }
            terms[i] = -likelihood!;
        }
        return Mean(terms);
    }

    /// <summary>log x, or the constant -100 where the log would be below it (PyTorch's clamp).</summary>
    private static Value ClampedLog(Value x) => Math.Log(x.Data) >= LogFloor ? x.Log() : new Value(LogFloor);

    /// <summary>weight·v, without a multiplication when the weight is 1.</summary>
    private static Value Weighted(double weight, Value v) => weight == 1 ? v : v * weight;
}
