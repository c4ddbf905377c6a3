namespace Michigrad.Optim;

/// <summary>Adam, as PyTorch's <c>torch.optim.Adam</c> (not AMSGrad; weight decay as L2 added to the gradient).</summary>
/// <remarks>
/// <para>Each step t = 1, 2, … for every parameter p with gradient g, first and second moments m and v (both start at 0):</para>
/// <code>
/// g ← g + weightDecay·p
/// m ← m + (1 - β₁)·(g - m)              (PyTorch's lerp: β₁·m + (1 - β₁)·g)
/// v ← β₂·v + (1 - β₂)·g²
/// m̂ = m / (1 - β₁ᵗ),  v̂ = v / (1 - β₂ᵗ)
/// p ← p - lr·m̂ / (√v̂ + ε)
/// </code>
/// <para>The bias corrections make early steps full-sized, and ε is added after the square root, as PyTorch does.
/// The arithmetic follows PyTorch's kernel (lr/(1 - β₁ᵗ) as one step size, √v / √(1 - β₂ᵗ) + ε as the denominator),
/// so results agree to the last bits. For decoupled weight decay (AdamW) this is not the class.</para>
/// </remarks>
public sealed class Adam : Optimizer
{
    private readonly double[] _m;
    private readonly double[] _v;
    private int _step;

    /// <summary>Creates the optimizer with PyTorch's defaults.</summary>
    /// <param name="parameters">The values to update; at least one, each once.</param>
    /// <param name="learningRate">The step size lr, finite and ≥ 0.</param>
    /// <param name="beta1">The decay β₁ of the first moment, in [0, 1).</param>
    /// <param name="beta2">The decay β₂ of the second moment, in [0, 1).</param>
    /// <param name="eps">The term ε added to the denominator, finite and ≥ 0.</param>
    /// <param name="weightDecay">The L2 factor added to each gradient as <c>weightDecay·p</c>, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or lists a value twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of its range or NaN.</exception>
    public Adam(IEnumerable<Value> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        Beta1 = RequireBeta(beta1, nameof(beta1));
        Beta2 = RequireBeta(beta2, nameof(beta2));
        Eps = RequireFiniteNonNegative(eps, nameof(eps));
        WeightDecay = RequireFiniteNonNegative(weightDecay, nameof(weightDecay));
        _m = new double[ParameterArray.Length];
        _v = new double[ParameterArray.Length];
    }

    /// <summary>The decay β₁ of the first moment (the running mean of gradients).</summary>
    public double Beta1 { get; }

    /// <summary>The decay β₂ of the second moment (the running mean of squared gradients).</summary>
    public double Beta2 { get; }

    /// <summary>The term ε added to √v̂ in the denominator.</summary>
    public double Eps { get; }

    /// <summary>The weight-decay factor added to each gradient as <c>WeightDecay·p</c>.</summary>
    public double WeightDecay { get; }

    /// <summary>How many steps have been taken (t in the bias corrections).</summary>
    public int StepCount => _step;

    /// <inheritdoc/>
    public override void Step()
    {
        _step++;
        double weight = 1 - Beta1;
        double stepSize = LearningRate / (1 - Math.Pow(Beta1, _step));
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, _step));

        Value[] parameters = ParameterArray;
        for (int i = 0; i < parameters.Length; i++)
        {
            Value p = parameters[i];
            double g = p.Grad;
            if (WeightDecay != 0) g += WeightDecay * p.Data;

            // torch.lerp's two forms, chosen by the weight, so that m matches PyTorch to the last bit.
            _m[i] = weight < 0.5 ? _m[i] + weight * (g - _m[i]) : g - (g - _m[i]) * (1 - weight);
            _v[i] = Beta2 * _v[i] + (1 - Beta2) * g * g;

            double denominator = Math.Sqrt(_v[i]) / biasCorrection2Sqrt + Eps;
            p.Data += -stepSize * _m[i] / denominator;
        }
    }

    private static double RequireBeta(double value, string paramName) =>
        value >= 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(paramName, value,
                FormattableString.Invariant($"{paramName} must be in [0, 1), got {value}."));
}
