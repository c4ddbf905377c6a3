using System.Runtime.CompilerServices;

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
        _m = new double[Runs.Count];
        _v = new double[Runs.Count];
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
    public override void Step() => Update(0);

    private protected override void Update(double l2)
    {
        _step++;
        var rule = new Rule(this, LearningRate / (1 - Math.Pow(Beta1, _step)), Math.Sqrt(1 - Math.Pow(Beta2, _step)));
        Runs.Update(ref rule, l2, _m, _v);
    }

    /// <summary>PyTorch's Adam step on one parameter or a vector of them, m and v in the two state arrays.</summary>
    private readonly struct Rule(Adam adam, double stepSize, double biasCorrection2Sqrt) : IUpdateRule
    {
        private readonly double _weight = 1 - adam.Beta1, _beta2 = adam.Beta2, _eps = adam.Eps, _weightDecay = adam.WeightDecay;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Update<T>(T p, T g, ref double state0, ref double state1) where T : struct, ILanes<T>
        {
            if (_weightDecay != 0) g += T.Broadcast(_weightDecay) * p;
            T m = T.Load(ref state0), v = T.Load(ref state1);

            // torch.lerp's two forms, chosen by the weight, so that m matches PyTorch to the last bit.
            m = _weight < 0.5 ? m + T.Broadcast(_weight) * (g - m) : g - (g - m) * T.Broadcast(1 - _weight);
            v = T.Broadcast(_beta2) * v + T.Broadcast(1 - _beta2) * g * g;
            T.Store(m, ref state0);
            T.Store(v, ref state1);

            T denominator = T.Sqrt(v) / T.Broadcast(biasCorrection2Sqrt) + T.Broadcast(_eps);
            return p + T.Broadcast(-stepSize) * m / denominator;
        }
    }

    private static double RequireBeta(double value, string paramName) =>
        value >= 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(paramName, value,
                FormattableString.Invariant($"{paramName} must be in [0, 1), got {value}."));
}
