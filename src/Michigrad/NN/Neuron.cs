namespace Michigrad.NN;

/// <summary>
/// micrograd's neuron: one weight per input and an optional bias, computing <c>act(Σ wᵢ·xᵢ + b)</c>.
/// </summary>
/// <remarks>
/// <para>Initialisation, as in micrograd: each weight is drawn from U(-1, 1), in input order, and the bias starts
/// at 0; with <see cref="WeightInit.FanIn"/>, as PyTorch's <c>nn.Linear</c>, the weights and then the bias are drawn
/// from U(−1/√inputs, 1/√inputs). Without a seed or a <see cref="Random"/> the draws come from a generator seeded by the process-wide one
/// (<see cref="Initialization"/>).</para>
/// <para>Parameters are named <c>w[i]</c> and <c>b</c>, weights first, as micrograd lists them. A neuron built on its
/// own keeps them in a storage of its own, weights then bias; a <see cref="Layer"/>'s neurons are rows of the layer's
/// storage.</para>
/// </remarks>
public sealed class Neuron : Module
{
    private readonly Value[] _weights;
    private readonly Value? _bias;
    private readonly ParameterStorage _storage;
    private readonly int _weightStart;   // the first weight's place in the storage

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
        CheckActivation(activation);
        CheckInit(init);

        var storage = new ParameterStorage(inputs + (bias ? 1 : 0));
        Draw(storage.Data.AsSpan(0, inputs), bias ? storage.Data.AsSpan(inputs, 1) : [], random, init);
        (_storage, _weightStart, Activation) = (storage, 0, activation);
        _weights = storage.Parameters[..inputs];
        _bias = bias ? storage.Parameters[inputs] : null;
        Weights = Array.AsReadOnly(_weights);
    }

    /// <summary>A neuron whose weights are places <c>[weightStart, weightStart + inputs)</c> of a layer's storage and
    /// whose bias, if <paramref name="biasAt"/> is not null, is place <paramref name="biasAt"/>.</summary>
    internal Neuron(ParameterStorage storage, int weightStart, int inputs, int? biasAt, Activation activation)
    {
        (_storage, _weightStart, Activation) = (storage, weightStart, activation);
        _weights = storage.Parameters[weightStart..(weightStart + inputs)];
        _bias = biasAt is int at ? storage.Parameters[at] : null;
        Weights = Array.AsReadOnly(_weights);
    }

    /// <summary>Draws a neuron's starting weights into <paramref name="weights"/>, then its bias (if it has one) into
    /// <paramref name="bias"/>: micrograd's U(-1, 1) and 0, or U(−1/√inputs, 1/√inputs) for both.</summary>
    internal static void Draw(Span<double> weights, Span<double> bias, Random random, WeightInit init)
    {
        double bound = init == WeightInit.FanIn ? 1.0 / Math.Sqrt(weights.Length) : 1.0;
        foreach (ref double w in weights) w = Uniform(random, bound);
        foreach (ref double b in bias) b = init == WeightInit.FanIn ? Uniform(random, bound) : 0.0;
    }

    /// <summary>Throws unless <paramref name="activation"/> is a defined <see cref="NN.Activation"/>.</summary>
    internal static void CheckActivation(Activation activation)
    {
        if (!Enum.IsDefined(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Unknown activation {activation}.");
    }

    /// <summary>The weights, one per input (micrograd's <c>w</c>): a read-only view whose elements are the live
    /// parameters.</summary>
    public IReadOnlyList<Value> Weights { get; }

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

    /// <summary>The weights' numbers, in place in the storage (for exporters).</summary>
    internal Memory<double> WeightData => _storage.Data.AsMemory(_weightStart, _weights.Length);

    /// <summary>The bias's number in place, or an empty block for a neuron without one.</summary>
    internal Memory<double> BiasData => _bias is null ? Memory<double>.Empty : _storage.Data.AsMemory(_bias.StorageIndex, 1);

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
