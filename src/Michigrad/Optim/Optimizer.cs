using static System.FormattableString;

namespace Michigrad.Optim;

/// <summary>
/// Updates a fixed list of parameters from their gradients, as PyTorch's <c>torch.optim.Optimizer</c>: call
/// <see cref="ZeroGrad"/>, compute a loss, call its <c>Backward()</c>, then <see cref="Step"/>.
/// </summary>
/// <remarks>
/// Every parameter is updated on every step: a <see cref="Value"/> always has a gradient (0 when untouched), where
/// PyTorch skips tensors whose gradient is <c>None</c>.
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

    /// <summary>The parameters as an array, for the update loops of derived optimizers.</summary>
    private protected Value[] ParameterArray => _parameters;

    /// <summary>Updates every parameter once from its current <see cref="Value.Grad"/>.</summary>
    public abstract void Step();

    /// <summary>Sets every parameter's gradient to 0, before the next backward pass.</summary>
    public void ZeroGrad()
    {
        foreach (Value parameter in _parameters) parameter.Grad = 0;
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
