using System.Runtime.CompilerServices;

namespace Michigrad.Optim;

/// <summary>Stochastic gradient descent with optional momentum and weight decay, as PyTorch's <c>torch.optim.SGD</c>.</summary>
/// <remarks>
/// <para>Each step, for every parameter p with gradient g (PyTorch's rules, no dampening, no Nesterov):</para>
/// <code>
/// g ← g + weightDecay·p
/// buf ← g                    on the first step
/// buf ← momentum·buf + g     on later steps (only when momentum ≠ 0)
/// p ← p - lr·buf             (p ← p - lr·g without momentum)
/// </code>
/// <para>micrograd's demo is plain SGD: <c>p.data -= learning_rate * p.grad</c>. NaN or ∞ in a gradient flows into
/// the parameter, as in PyTorch.</para>
/// </remarks>
public sealed class Sgd : Optimizer
{
    private readonly double[]? _momentumBuffers;
    private bool _hasBuffers;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The values to update; at least one, each once.</param>
    /// <param name="learningRate">The step size lr, finite and ≥ 0.</param>
    /// <param name="momentum">The momentum factor μ, finite and ≥ 0; 0 (the default) keeps no buffer.</param>
    /// <param name="weightDecay">The L2 factor added to each gradient as <c>weightDecay·p</c>, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or lists a value twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is negative, infinite or NaN.</exception>
    public Sgd(IEnumerable<Value> parameters, double learningRate, double momentum = 0, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        Momentum = RequireFiniteNonNegative(momentum, nameof(momentum));
        WeightDecay = RequireFiniteNonNegative(weightDecay, nameof(weightDecay));
        if (Momentum != 0) _momentumBuffers = new double[Runs.Count];
    }

    /// <summary>The momentum factor μ (0: plain SGD).</summary>
    public double Momentum { get; }

    /// <summary>The weight-decay factor added to each gradient as <c>WeightDecay·p</c>.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    public override void Step() => Update(0);

    private protected override void Update(double l2)
    {
        if (Momentum == 0 && WeightDecay == 0)
        {
            // micrograd's rule alone, in a loop of its own: nothing is decided place by place.
            var plain = new PlainRule(LearningRate);
            Runs.Update(ref plain, l2, null, null);
            return;
        }
        var rule = new Rule(LearningRate, Momentum, WeightDecay, _hasBuffers);
        Runs.Update(ref rule, l2, _momentumBuffers, null);
        _hasBuffers = true;
    }

    /// <summary>The step without momentum or weight decay, <c>p ← p - lr·g</c>: <see cref="Rule"/>'s last line,
    /// alone.</summary>
    private readonly struct PlainRule(double learningRate) : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Update<T>(T p, T g, ref double state0, ref double state1) where T : struct, ILanes<T> =>
            p + T.Broadcast(-learningRate) * g;
    }

    /// <summary>PyTorch's SGD step on one parameter or a vector of them (see the class's remarks).</summary>
    private readonly struct Rule(double learningRate, double momentum, double weightDecay, bool hasBuffers) : IUpdateRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Update<T>(T p, T g, ref double state0, ref double state1) where T : struct, ILanes<T>
        {
            if (weightDecay != 0) g += T.Broadcast(weightDecay) * p;
            if (momentum != 0)
            {
                // PyTorch starts the buffer at the first gradient, not at μ·0 + g (the same number, stated plainly).
                T buffer = hasBuffers ? T.Broadcast(momentum) * T.Load(ref state0) + g : g;
                T.Store(buffer, ref state0);
                g = buffer;
            }
            return p + T.Broadcast(-learningRate) * g;   // micrograd's p.data -= lr * p.grad
        }
    }
}
