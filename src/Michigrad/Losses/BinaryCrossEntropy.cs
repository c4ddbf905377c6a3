using static System.FormattableString;

namespace Michigrad.Losses;

public static partial class Loss
{
    /// <summary>PyTorch's floor for the logarithms of <see cref="BinaryCrossEntropy"/>.</summary>
    private const double LogFloor = -100.0;

    /// <summary>PyTorch's floor for p(1 - p) in the gradient of <see cref="BinaryCrossEntropy"/>: 1e-12 as a
    /// float (≈ 9.99999996e-13), as PyTorch declares it.</summary>
    private const double GradientFloor = 1e-12f;

    /// <summary>
    /// Binary cross-entropy on probabilities, PyTorch's <c>nn.BCELoss</c>: the mean of
    /// <c>-(yᵢ·log pᵢ + (1 - yᵢ)·log(1 - pᵢ))</c>.
    /// </summary>
    /// <param name="probabilities">The predicted probabilities of the positive class, each in [0, 1] (for example
    /// the output of a <see cref="NN.Sigmoid"/>).</param>
    /// <param name="targets">The wanted probabilities, each in [0, 1] (usually 0 or 1).</param>
    /// <returns>The mean binary cross-entropy.</returns>
    /// <remarks>
    /// <para>Computed exactly as PyTorch computes it: each logarithm is clamped to at least -100, so that a
    /// probability of exactly 0 or 1 gives a finite loss (100 per wrong certainty) instead of ∞; log(1 - p) is
    /// taken as log1p(-p), accurate for tiny p; and ∂L/∂pᵢ = (pᵢ - yᵢ)/max(pᵢ(1 - pᵢ), 10⁻¹²)/n. That gradient is
    /// the derivative of the loss wherever the clamps do not act; where they do, it still pushes a confident wrong
    /// prediction back (the clamped loss itself would pass no gradient).</para>
    /// <para>So each term is a node whose data is the loss and whose local derivative is that gradient: it is built
    /// as <c>loss + slope·(p - p.Data)</c>, where <c>p - p.Data</c> is exactly 0. Prefer
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

            // PyTorch's forward and backward formulas (aten binary_cross_entropy), term by term.
            double x = p.Data;
            double loss = (y - 1) * Math.Max(Log1P(-x), LogFloor) - y * Math.Max(Math.Log(x), LogFloor);
            double slope = (x - y) / Math.Max((1 - x) * x, GradientFloor);
            terms[i] = (p - x) * slope + loss;
        }
        return Mean(terms);
    }

    /// <summary>log(1 + x), accurate for tiny x: the rounding of 1 + x is divided back out.</summary>
    private static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
