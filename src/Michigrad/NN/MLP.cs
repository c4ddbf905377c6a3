namespace Michigrad.NN;

/// <summary>
/// micrograd's multi-layer perceptron: a chain of <see cref="Layer"/>s whose hidden layers are nonlinear and whose
/// last layer is linear. <c>new MLP(2, [16, 16, 1])</c> has 2·16+16 + 16·16+16 + 16·1+1 = 337 parameters.
/// </summary>
/// <remarks>
/// <para>Initialisation: the layers draw their weights in order from one generator (U(-1, 1) each, biases 0). With
/// <see cref="WeightInit.FanIn"/> each neuron draws its weights and then its bias from U(−1/√fan_in, 1/√fan_in), as
/// PyTorch's <c>nn.Linear</c>: the choice for wide inputs such as images.</para>
/// <para>Parameters are named <c>layers.{k}.neurons.{j}.w[i]</c> and <c>layers.{k}.neurons.{j}.b</c>.</para>
/// </remarks>
public sealed class MLP : Module
{
    private readonly Layer[] _layers;
    private readonly Activation _hiddenActivation;

    /// <summary>Creates a perceptron whose weights are drawn from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="inputs">The number of inputs (at least 1).</param>
    /// <param name="sizes">The width of each layer, the last being the number of outputs (each at least 1).</param>
    /// <param name="bias">Whether the neurons have biases.</param>
    /// <param name="hiddenActivation">The nonlinearity of every layer but the last; ReLU by default, as in micrograd.</param>
    /// <param name="seed">The seed of the weights' generator; without one, the next draw of the process-wide
    /// generator (see <see cref="Initialization"/>).</param>
    /// <param name="init">How the starting weights are drawn; micrograd's U(−1, 1) by default.</param>
    public MLP(int inputs, int[] sizes, bool bias = true, Activation hiddenActivation = Activation.ReLU, int? seed = null,
        WeightInit init = WeightInit.Micrograd)
        : this(inputs, sizes, Initialization.For(seed), bias, hiddenActivation, init)
    {
    }

    /// <summary>Creates a perceptron whose weights are the next draws of <paramref name="random"/>.</summary>
    /// <param name="inputs">The number of inputs (at least 1).</param>
    /// <param name="sizes">The width of each layer, the last being the number of outputs (each at least 1).</param>
    /// <param name="random">The generator the weights are drawn from.</param>
    /// <param name="bias">Whether the neurons have biases.</param>
    /// <param name="hiddenActivation">The nonlinearity of every layer but the last; ReLU by default, as in micrograd.</param>
    /// <param name="init">How the starting weights are drawn; micrograd's U(−1, 1) by default.</param>
    public MLP(int inputs, int[] sizes, Random random, bool bias = true, Activation hiddenActivation = Activation.ReLU,
        WeightInit init = WeightInit.Micrograd)
    {
        CheckSize(inputs, nameof(inputs));
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(random);
        if (sizes.Length == 0)
            throw new ArgumentException("sizes must list at least one layer width, got an empty array.", nameof(sizes));
        for (int k = 0; k < sizes.Length; k++)
            if (sizes[k] < 1)
                throw new ArgumentOutOfRangeException(nameof(sizes), sizes[k],
                    $"Every layer width must be at least 1, got sizes[{k}] = {sizes[k]}.");

        if (!Enum.IsDefined(hiddenActivation))
            throw new ArgumentOutOfRangeException(nameof(hiddenActivation), hiddenActivation,
                $"Unknown activation {hiddenActivation}.");
        CheckInit(init);

        _hiddenActivation = hiddenActivation;
        _layers = new Layer[sizes.Length];
        int width = inputs;
        for (int k = 0; k < sizes.Length; k++)
        {
            bool last = k == sizes.Length - 1;
            _layers[k] = new Layer(width, sizes[k], random, bias, last ? Activation.None : hiddenActivation, init);
            width = sizes[k];
        }
        Layers = Array.AsReadOnly(_layers);
    }

    /// <summary>The layers, from input to output (a read-only view).</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The nonlinearity of the hidden layers (the last layer is always linear).</summary>
    public Activation HiddenActivation => _hiddenActivation;

    /// <inheritdoc/>
    public override int? InputSize => _layers[0].InputSize;

    /// <inheritdoc/>
    public override int? OutputSize => _layers[^1].OutputSize;

    /// <inheritdoc/>
    public override IReadOnlyList<Value> Forward(IReadOnlyList<Value> input)
    {
        CheckInputWidth(input, _layers[0].InputSize!.Value);
        IReadOnlyList<Value> x = input;
        foreach (Layer layer in _layers) x = layer.Forward(x);
        return x;
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Parameters() => ParametersOf(_layers);

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Value Parameter)> NamedParameters() =>
        NamedParametersOf(_layers, "layers.");

    /// <inheritdoc/>
    public override string ToString()
    {
        var widths = new int[_layers.Length];
        for (int k = 0; k < _layers.Length; k++) widths[k] = _layers[k].OutputSize!.Value;
        return $"MLP({InputSize}, [{string.Join(", ", widths)}])";
    }
}
