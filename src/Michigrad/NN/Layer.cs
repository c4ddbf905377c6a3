namespace Michigrad.NN;

/// <summary>micrograd's layer: <c>outputs</c> independent <see cref="Neuron"/>s that all read the same inputs.</summary>
/// <remarks>
/// <para>Initialisation: the neurons draw their weights in order from one generator (U(-1, 1) each, biases 0), so
/// neuron 0 takes the first <c>inputs</c> draws, neuron 1 the next, and so on. With <see cref="WeightInit.FanIn"/>
/// each neuron draws its weights and then its bias from U(−1/√inputs, 1/√inputs).</para>
/// <para>Unlike micrograd, which returns a bare value for a layer of one neuron, <see cref="Forward"/> always
/// returns a list. Parameters are named <c>neurons.{j}.w[i]</c> and <c>neurons.{j}.b</c>.</para>
/// <para>The layer keeps its parameters in one storage, as PyTorch's <c>nn.Linear</c>: the weights <c>[outputs,
/// inputs]</c> row-major (neuron j's are row j), then the biases; each neuron's parameters are windows on it.</para>
/// </remarks>
public sealed class Layer : Module
{
    private readonly Neuron[] _neurons;
    private readonly int _inputs;
    private readonly ParameterStorage _storage;

    /// <summary>Creates a layer whose weights are drawn from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="inputs">The number of inputs of every neuron (at least 1).</param>
    /// <param name="outputs">The number of neurons (at least 1).</param>
    /// <param name="bias">Whether the neurons have biases.</param>
    /// <param name="activation">The nonlinearity of every neuron; ReLU by default, as in micrograd.</param>
    /// <param name="seed">The seed of the weights' generator; without one, the next draw of the process-wide
    /// generator (see <see cref="Initialization"/>).</param>
    /// <param name="init">How the starting weights are drawn; micrograd's U(−1, 1) by default.</param>
    public Layer(int inputs, int outputs, bool bias = true, Activation activation = Activation.ReLU, int? seed = null,
        WeightInit init = WeightInit.Micrograd)
        : this(inputs, outputs, Initialization.For(seed), bias, activation, init)
    {
    }

    /// <summary>Creates a layer whose weights are the next draws of <paramref name="random"/>.</summary>
    /// <param name="inputs">The number of inputs of every neuron (at least 1).</param>
    /// <param name="outputs">The number of neurons (at least 1).</param>
    /// <param name="random">The generator the weights are drawn from.</param>
    /// <param name="bias">Whether the neurons have biases.</param>
    /// <param name="activation">The nonlinearity of every neuron; ReLU by default, as in micrograd.</param>
    /// <param name="init">How the starting weights are drawn; micrograd's U(−1, 1) by default.</param>
    public Layer(int inputs, int outputs, Random random, bool bias = true, Activation activation = Activation.ReLU,
        WeightInit init = WeightInit.Micrograd)
    {
        CheckSize(inputs, nameof(inputs));
        CheckSize(outputs, nameof(outputs));
        ArgumentNullException.ThrowIfNull(random);
        Neuron.CheckActivation(activation);
        CheckInit(init);

        _inputs = inputs;
        int weights = checked(inputs * outputs);
        _storage = new ParameterStorage(checked(weights + (bias ? outputs : 0)));
        _neurons = new Neuron[outputs];
        for (int j = 0; j < outputs; j++)
        {
            Neuron.Draw(_storage.Data.AsSpan(j * inputs, inputs), bias ? _storage.Data.AsSpan(weights + j, 1) : [], random, init);
            _neurons[j] = new Neuron(_storage, j * inputs, inputs, bias ? weights + j : null, activation);
        }
        Neurons = Array.AsReadOnly(_neurons);
    }

    /// <summary>The neurons, one per output (a read-only view).</summary>
    public IReadOnlyList<Neuron> Neurons { get; }

    /// <summary>The weights' numbers in place, <c>[outputs, inputs]</c> row-major (for exporters).</summary>
    internal Memory<double> WeightData => _storage.Data.AsMemory(0, _inputs * _neurons.Length);

    /// <summary>The biases' numbers in place, or an empty block for a layer without biases.</summary>
    internal Memory<double> BiasData => _storage.Data.AsMemory(_inputs * _neurons.Length);

    /// <summary>The nonlinearity of the neurons.</summary>
    public Activation Activation => _neurons[0].Activation;

    /// <inheritdoc/>
    public override int? InputSize => _inputs;

    /// <inheritdoc/>
    public override int? OutputSize => _neurons.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<Value> Forward(IReadOnlyList<Value> input)
    {
        CheckInputWidth(input, _inputs);
        var output = new Value[_neurons.Length];
        for (int j = 0; j < _neurons.Length; j++) output[j] = _neurons[j].Output(input);
        return output;
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Parameters() => ParametersOf(_neurons);

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Value Parameter)> NamedParameters() =>
        NamedParametersOf(_neurons, "neurons.");

    /// <inheritdoc/>
    public override string ToString() =>
        $"Layer({_inputs}, {_neurons.Length}, bias: {(_neurons[0].Bias is null ? "false" : "true")}, activation: {Activation})";
}
