namespace Michigrad.NN;

/// <summary>
/// PyTorch's fully connected layer: <c>yⱼ = Σᵢ Weight[j, i]·xᵢ + Bias[j]</c>, with no nonlinearity (follow it with
/// an activation module such as <see cref="Tanh"/>).
/// </summary>
/// <remarks>
/// <para>Initialisation, as PyTorch's <c>nn.Linear</c>: every weight and every bias is drawn from
/// U(-1/√inFeatures, 1/√inFeatures) (the bound that <c>kaiming_uniform_(a=√5)</c> gives). The weights are drawn
/// first, row by row ([0,0], [0,1], … then [1,0], …), then the biases. Without a seed or a <see cref="Random"/> the
/// layer seeds its generator from the process-wide one (<see cref="Initialization"/>), so every layer differs and a
/// program is the same on every run.</para>
/// <para>Two layers of the same shape built with the same seed are identical.</para>
/// <para>Parameters are named <c>weight[j,i]</c> and <c>bias[j]</c>, in PyTorch's order (all weights, then the
/// biases), and live in that order in one storage of the layer's, the weights <c>[out, in]</c> row-major.</para>
/// </remarks>
public sealed class Linear : Module
{
    private readonly Value[] _weight;   // row-major [out, in]
    private readonly Value[]? _bias;
    private readonly ParameterStorage _storage;

    /// <summary>Creates a layer whose parameters are drawn from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="inFeatures">The number of inputs (at least 1).</param>
    /// <param name="outFeatures">The number of outputs (at least 1).</param>
    /// <param name="bias">Whether the layer adds a learned bias to each output.</param>
    /// <param name="seed">The seed of the parameters' generator; without one, the next draw of the process-wide
    /// generator (see <see cref="Initialization"/>).</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true, int? seed = null)
        : this(inFeatures, outFeatures, Initialization.For(seed), bias)
    {
    }

    /// <summary>Creates a layer whose parameters are the next draws of <paramref name="random"/>.</summary>
    /// <param name="inFeatures">The number of inputs (at least 1).</param>
    /// <param name="outFeatures">The number of outputs (at least 1).</param>
    /// <param name="random">The generator the parameters are drawn from.</param>
    /// <param name="bias">Whether the layer adds a learned bias to each output.</param>
    public Linear(int inFeatures, int outFeatures, Random random, bool bias = true)
    {
        CheckSize(inFeatures, nameof(inFeatures));
        CheckSize(outFeatures, nameof(outFeatures));
        ArgumentNullException.ThrowIfNull(random);

        double bound = 1.0 / Math.Sqrt(inFeatures);
        int weights = checked(inFeatures * outFeatures);
        _storage = new ParameterStorage(checked(weights + (bias ? outFeatures : 0)));
        foreach (ref double x in _storage.Data.AsSpan()) x = Uniform(random, bound);   // the weights row by row, then the biases
        _weight = _storage.Parameters[..weights];
        Weight = new ParameterMatrix(_weight, outFeatures, inFeatures);
        if (bias)
        {
            _bias = _storage.Parameters[weights..];
            Bias = Array.AsReadOnly(_bias);
        }
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
    }

    /// <summary>The weights, indexed [output, input] as PyTorch's <c>weight</c>: a read-only view whose elements are the
    /// live parameters.</summary>
    public ParameterMatrix Weight { get; }

    /// <summary>The biases, one per output (a read-only view of the live parameters), or <see langword="null"/> for a
    /// layer built with <c>bias: false</c>.</summary>
    public IReadOnlyList<Value>? Bias { get; }

    /// <summary>The number of inputs (PyTorch's <c>in_features</c>).</summary>
    public int InFeatures { get; }

    /// <summary>The number of outputs (PyTorch's <c>out_features</c>).</summary>
    public int OutFeatures { get; }

    /// <summary>The weights' numbers in place, <c>[out, in]</c> row-major (for exporters).</summary>
    internal Memory<double> WeightData => _storage.Data.AsMemory(0, _weight.Length);

    /// <summary>The biases' numbers in place, or an empty block for a layer without biases.</summary>
    internal Memory<double> BiasData => _storage.Data.AsMemory(_weight.Length);

    /// <inheritdoc/>
    public override int? InputSize => InFeatures;

    /// <inheritdoc/>
    public override int? OutputSize => OutFeatures;

    /// <inheritdoc/>
    public override IReadOnlyList<Value> Forward(IReadOnlyList<Value> input)
    {
        int inFeatures = InFeatures;
        CheckInputWidth(input, inFeatures);
        var output = new Value[OutFeatures];
        for (int j = 0; j < output.Length; j++)
        {
            // Start from the bias (or the first product) and chain '+': no constant 0 node.
            Value sum;
            int start;
            if (_bias is not null)
            {
                sum = _bias[j];
                start = 0;
            }
            else
            {
                sum = _weight[j * inFeatures] * input[0];
                start = 1;
            }
            for (int i = start; i < inFeatures; i++)
                sum += _weight[j * inFeatures + i] * input[i];
            output[j] = sum;
        }
        return output;
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Parameters()
    {
        foreach (Value weight in _weight) yield return weight;   // row-major: [out, in], as NamedParameters lists them
        if (_bias is not null)
            foreach (Value bias in _bias) yield return bias;
    }

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Value Parameter)> NamedParameters()
    {
        for (int j = 0; j < OutFeatures; j++)
            for (int i = 0; i < InFeatures; i++)
                yield return ($"weight[{j},{i}]", _weight[j * InFeatures + i]);
        if (_bias is not null)
            for (int j = 0; j < _bias.Length; j++)
                yield return ($"bias[{j}]", _bias[j]);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        _bias is null ? $"Linear({InFeatures}, {OutFeatures}, bias: false)" : $"Linear({InFeatures}, {OutFeatures})";
}
