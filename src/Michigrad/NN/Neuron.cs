namespace Michigrad.NN;

/// <summary>
/// micrograd's neuron: one weight per input and an optional bias, computing <c>act(Σ wᵢ·xᵢ + b)</c>.
/// </summary>
/// <remarks>
/// <para>Initialisation, as in micrograd: each weight is drawn from U(-1, 1), in input order, and the bias starts
/// at 0; with <see cref="WeightInit.FanIn"/>, as PyTorch's <c>nn.Linear</c>, the weights and then the bias are drawn
/// from U(−1/√inputs, 1/√inputs). Without a seed or a <see cref="Random"/> the draws come from a generator seeded by the process-wide one
/// (<see cref="Initialization"/>).</para>
/// <para>Parameters are named <c>w[i]</c> and <c>b</c>, weights first, as micrograd lists them.</para>
/// </remarks>
public sealed class Neuron : Module
{
    private readonly Value[] _weights;
    private readonly Value? _bias;

    /// <summary>Creates a neuron whose weights are drawn from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="inputs">The number of inputs (at least 1).</param>
    /// <param name="bias">Whether the neuron has a bias; without one it computes <c>act(Σ wᵢ·xᵢ)</c>.</param>
    /// <param name="activation">The nonlinearity; ReLU by default, as micrograd's <c>nonlin=True</c>.</param>
    /// <param name="seed">The seed of the weights' generator; without one, the next draw of the process-wide
    /// generator (see <see cref="Initialization"/>).</param>
    /// <param name="init">How the starting weights are drawn; micrograd's U(−1, 1) by default.</param>
    public Neuron(int inputs, bool bias = true, Activation activation = Activation.ReLU, int? seed = null,
        WeightInit init = WeightInit.Micrograd)
        : this(inputs, Initialization.For(seed), bias, activation, init)
    {
    }

    /// <summary>Creates a neuron whose weights are the next <paramref name="inputs"/> draws of <paramref name="random"/>.</summary>
    /// <param name="inputs">The number of inputs (at least 1).</param>
    /// <param name="random">The generator the weights are drawn from.</param>
    /// <param name="bias">Whether the neuron has a bias; without one it computes <c>act(Σ wᵢ·xᵢ)</c>.</param>
    /// <param name="activation">The nonlinearity; ReLU by default, as micrograd's <c>nonlin=True</c>.</param>
    /// <param name="init">How the starting weights are drawn; micrograd's U(−1, 1) by default.</param>
    public Neuron(int inputs, Random random, bool bias = true, Activation activation = Activation.ReLU,
        WeightInit init = WeightInit.Micrograd)
    {
        CheckSize(inputs, nameof(inputs));
        ArgumentNullException.ThrowIfNull(random);
        if (!Enum.IsDefined(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Unknown activation {activation}.");
        CheckInit(init);

        double bound = init == WeightInit.FanIn ? 1.0 / Math.Sqrt(inputs) : 1.0;
        _weights = new Value[inputs];
        for (int i = 0; i < inputs; i++) _weights[i] = new Value(Uniform(random, bound));
        _bias = !bias ? null : new Value(init == WeightInit.FanIn ? Uniform(random, bound) : 0.0);
        Activation = activation;
    }

    /// <summary>The weights, one per input (micrograd's <c>w</c>).</summary>
    public IReadOnlyList<Value> Weights => _weights;

    /// <summary>The bias (micrograd's <c>b</c>), or <see langword="null"/> for a neuron built with <c>bias: false</c>.</summary>
    public Value? Bias => _bias;

    /// <summary>The nonlinearity applied to the weighted sum.</summary>
    public Activation Activation { get; }

    /// <inheritdoc/>
    public override int? InputSize => _weights.Length;

    /// <inheritdoc/>
    /// <remarks>Always 1.</remarks>
    public override int? OutputSize => 1;

    /// <summary>Computes <c>act(Σ wᵢ·xᵢ + b)</c> and returns it as a list of one value.</summary>
    /// <inheritdoc/>
    public override IReadOnlyList<Value> Forward(IReadOnlyList<Value> input)
    {
        CheckInputWidth(input, _weights.Length);
        return [Output(input)];
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Parameters()
    {
        foreach (Value weight in _weights) yield return weight;
        if (_bias is not null) yield return _bias;
    }

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Value Parameter)> NamedParameters()
    {
        for (int i = 0; i < _weights.Length; i++) yield return ($"w[{i}]", _weights[i]);
        if (_bias is not null) yield return ("b", _bias);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Neuron({_weights.Length}, bias: {(_bias is null ? "false" : "true")}, activation: {Activation})";

    /// <summary>The neuron's output for an input whose width the caller has checked.</summary>
    internal Value Output(IReadOnlyList<Value> input)
    {
        // The hot path of training: start from the bias (or the first product) and chain '+', with no constant 0
        // node, no LINQ and no intermediate list.
        Value sum;
        int start;
        if (_bias is not null)
        {
            sum = _bias;
            start = 0;
        }
        else
        {
            sum = _weights[0] * input[0];
            start = 1;
        }
        for (int i = start; i < _weights.Length; i++)
            sum += _weights[i] * input[i];

        return Activation switch
        {
            Activation.ReLU => sum.Relu(),
            Activation.Tanh => sum.Tanh(),
            Activation.Sigmoid => sum.Sigmoid(),
            _ => sum,
        };
    }
}
