using static System.FormattableString;

namespace Michigrad.Losses;

public static partial class Loss
{
    /// <summary>e^-100, the smallest probability whose logarithm is not clamped: <c>Math.Log</c> of it is exactly -100,
    /// PyTorch's floor for the logarithms of <see cref="BinaryCrossEntropy(IReadOnlyList{Value}, IReadOnlyList{double})"/>.</summary>
    private const double SmallestProbability = 3.720075976020836e-44;

    /// <summary>
    /// Binary cross-entropy on probabilities, PyTorch's <c>nn.BCELoss</c>: the mean of
    /// <c>-(yᵢ·log pᵢ + (1 - yᵢ)·log(1 - pᵢ))</c>, each logarithm clamped at -100 as PyTorch clamps it.
    /// </summary>
    /// <param name="probabilities">The predicted probabilities of the positive class, each in [0, 1] (for example
    /// the output of a <see cref="NN.Sigmoid"/>).</param>
    /// <param name="targets">The wanted probabilities, each in [0, 1] (usually 0 or 1).</param>
    /// <returns>The mean binary cross-entropy.</returns>
    /// <remarks>
    /// <para>Each logarithm is taken as <c>log(max(p, e^-100))</c>, which is PyTorch's <c>max(log p, -100)</c>: a
    /// probability of exactly 0 or 1 gives a finite loss (100 per wrong certainty) instead of ∞. It is built from
    /// operations (<see cref="Value.Max"/>, <see cref="Value.Log"/>), so a compiled graph replays it exactly on any
    /// probabilities, and the gradient is the loss's own derivative: ∂L/∂pᵢ = (pᵢ - yᵢ)/(pᵢ(1 - pᵢ))/n, the same as
    /// PyTorch's wherever p(1 - p) ≥ 10⁻¹² (PyTorch floors that product in its backward). Where a clamp holds (p
    /// below e^-100 from 0 or 1) the loss is flat and the gradient is 0, where PyTorch's backward still pushes.
    /// Prefer <see cref="BinaryCrossEntropyWithLogits(IReadOnlyList{Value}, IReadOnlyList{double})"/>, which is
    /// accurate for large scores.</para>
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

            // Plain-number targets are part of the formula, so the usual 0 and 1 skip the other logarithm.
            terms[i] = y == 1 ? -ClampedLog(p) : y == 0 ? -ClampedLog(1 - p)
                : -(y * ClampedLog(p) + (1 - y) * ClampedLog(1 - p));
        }
        return Mean(terms);
    }

    /// <summary>Binary cross-entropy on probabilities against targets that are values themselves (leaves a training
    /// loop refills, so that one compiled graph serves every batch).</summary>
    /// <param name="probabilities">The predicted probabilities of the positive class (at least one; not checked,
    /// since they may change on replay).</param>
    /// <param name="targets">The wanted probabilities as values.</param>
    /// <returns>The mean of <c>-(yᵢ·log pᵢ + (1 - yᵢ)·log(1 - pᵢ))</c>, logarithms clamped at -100.</returns>
    /// <exception cref="ArgumentException"><paramref name="probabilities"/> is empty or the counts differ.</exception>
    public static Value BinaryCrossEntropy(IReadOnlyList<Value> probabilities, IReadOnlyList<Value> targets)
    {
        CheckValues(probabilities, nameof(probabilities));
        CheckValues(targets, nameof(targets));
        CheckSameCount(probabilities.Count, nameof(probabilities), targets.Count, nameof(targets));

        var terms = new Value[probabilities.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            Value p = probabilities[i], y = targets[i];
            terms[i] = -(y * ClampedLog(p) + (1 - y) * ClampedLog(1 - p));
        }
        return Mean(terms);
    }

    /// <summary><c>log(max(p, e^-100))</c>: PyTorch's <c>max(log p, -100)</c>, with a gradient of 0 (not 0/0) where
    /// the clamp holds.</summary>
    private static Value ClampedLog(Value p) => Value.Max(p, SmallestProbability).Log();
}
