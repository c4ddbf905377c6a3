using static System.FormattableString;

namespace Michigrad.Optim;

/// <summary>
/// Updates a fixed list of parameters from their gradients, as PyTorch's <c>torch.optim.Optimizer</c>: call
/// <see cref="ZeroGrad"/>, compute a loss, call its <c>Backward()</c>, then <see cref="Step"/>.
/// </summary>
/// <remarks>
/// <para>Every parameter is updated on every step: a <see cref="Value"/> always has a gradient (0 when untouched), where
/// PyTorch skips tensors whose gradient is <c>None</c>.</para>
/// <para>The library's optimizers update a module's parameters where the module keeps them (its storage), a vector of
/// them at a time, and free-standing values (<c>new Value(x)</c>) one at a time, with the same numbers.</para>
/// </remarks>
public abstract class Optimizer
{
    private readonly Value[] _parameters;
    private double _learningRate;

    /// <summary>Takes the parameters (in order) and the initial learning rate.</summary>
    /// <param name="parameters">The values to update, usually a module's <c>Parameters()</c>; at least one, each once.</param>
    /// <param name="learningRate">The step size, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or lists a value twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is negative, infinite or NaN.</exception>
    protected Optimizer(IEnumerable<Value> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0)
            throw new ArgumentException("The optimizer got an empty parameter list.", nameof(parameters));

        // A value listed twice would be updated twice per step.
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i] is null)
                throw new ArgumentNullException(nameof(parameters), Invariant($"parameters[{i}] is null."));
            if (!seen.Add(_parameters[i]))
                throw new ArgumentException(
                    Invariant($"parameters[{i}] ({_parameters[i]}) appears more than once; each parameter must be listed once."),
                    nameof(parameters));
        }
        _learningRate = RequireFiniteNonNegative(learningRate, nameof(learningRate));
        Runs = new ParameterRuns(_parameters);
    }

    /// <summary>The parameters this optimizer updates, in the order it was given them.</summary>
    public IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>The step size used by the next <see cref="Step"/>; it can be changed between steps (a schedule).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The new value is negative, infinite or NaN.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value,
                Invariant($"LearningRate must be finite and ≥ 0, got {value}."));
    }

    /// <summary>The parameters as the library's optimizers sweep them: storage runs, then free-standing values.</summary>
    private protected ParameterRuns Runs { get; }

    /// <summary>Updates every parameter once from its current <see cref="Value.Grad"/>.</summary>
    public abstract void Step();

    /// <summary>
    /// A step on the loss plus an L2 penalty <c>l2·Σp²</c> over these parameters: each gradient that is required first
    /// receives the penalty's gradient <c>2·l2·p</c> (written into it, as a backward pass through the penalty would),
    /// then <see cref="Step"/> runs. The library's optimizers do both in one pass.
    /// </summary>
    /// <param name="l2">The penalty's weight, finite and ≥ 0 (0: a plain <see cref="Step"/>).</param>
    /// <remarks>The same maths as <see cref="Sgd"/>'s and <see cref="Adam"/>'s <c>weightDecay</c> of <c>2·l2</c>, but
    /// the gradient keeps the penalty's part, as the loss's gradient does.</remarks>
    internal void StepWithPenalty(double l2) => Update(l2);

    /// <summary>What <see cref="StepWithPenalty"/> does: for an optimizer outside the library, a pass that adds the
    /// penalty's gradient, then <see cref="Step"/>.</summary>
    private protected virtual void Update(double l2)
    {
        if (l2 != 0)
        {
            var rule = new KeepNumbers();
            Runs.Update(ref rule, l2, null, null);
        }
        Step();
    }

    /// <summary>Sets every parameter's gradient to 0, before the next backward pass.</summary>
    public void ZeroGrad() => Runs.ZeroGrad();

    /// <summary>The update that leaves every number as it is (a pass that only adds a penalty's gradient).</summary>
    private struct KeepNumbers : IUpdateRule
    {
        public readonly T Update<T>(T p, T g, ref double state0, ref double state1) where T : struct, ILanes<T> => p;
    }

    /// <summary>Returns <paramref name="value"/> if it is finite and ≥ 0, else throws naming it.</summary>
    /// <param name="value">The hyper-parameter.</param>
    /// <param name="paramName">Its name, for the exception.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative, infinite or NaN.</exception>
    protected static double RequireFiniteNonNegative(double value, string paramName) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(paramName, value,
                Invariant($"{paramName} must be finite and ≥ 0, got {value}."));
}
