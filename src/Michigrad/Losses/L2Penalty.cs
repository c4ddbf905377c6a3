using static System.FormattableString;

namespace Michigrad.Losses;

public static partial class Loss
{
    /// <summary>
    /// An L2 penalty on parameters, micrograd's regularisation: <c>α·Σ p²</c>. Add it to a data loss to pull the
    /// weights towards 0.
    /// </summary>
    /// <param name="parameters">The values to penalise, usually a module's <c>Parameters()</c>.</param>
    /// <param name="alpha">The strength α, finite and ≥ 0 (micrograd's demo uses 1e-4).</param>
    /// <returns><c>α·Σ p²</c>; a constant 0 when there are no parameters.</returns>
    /// <remarks>
    /// ∂/∂p = 2α·p. An optimizer's <c>weightDecay</c> λ adds λ·p to each gradient directly, which is the same as this
    /// penalty with α = λ/2, without building the graph.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is negative, infinite or NaN.</exception>
    public static Value L2Penalty(IEnumerable<Value> parameters, double alpha)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(alpha >= 0 && double.IsFinite(alpha)))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha,
                Invariant($"alpha must be finite and ≥ 0, got {alpha}."));

        Value? sum = null;
        int index = 0;
        foreach (Value p in parameters)
        {
            if (p is null) throw new ArgumentNullException(nameof(parameters), Invariant($"parameters[{index}] is null."));
            Value square = p * p;
            sum = sum is null ? square : sum + square;
            index++;
        }
        return sum is null ? Value.Constant(0.0) : sum * alpha;
    }
}
