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
/// biases).</para>
/// </remarks>
public sealed class Linear : Module
{
    private readonly Value[,] _weight;
    private readonly Value[]? _bias;

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
        _weight = new Value[outFeatures, inFeatures];
        for (int j = 0; j < outFeatures; j++)
            for (int i = 0; i < inFeatures; i++)
                _weight[j, i] = new Value(Uniform(random, bound));
        if (bias)
        {
            _bias = new Value[outFeatures];
            for (int j = 0; j < outFeatures; j++) _bias[j] = new Value(Uniform(random, bound));
        }
    }

    /// <summary>The weights, indexed [output, input] as PyTorch's <c>weight</c>.</summary>
    public Value[,] Weight => _weight;

    /// <summary>The biases, one per output, or <see langword="null"/> for a layer built with <c>bias: false</c>.</summary>
    public Value[]? Bias => _bias;

    /// <summary>The number of inputs (PyTorch's <c>in_features</c>).</summary>
    public int InFeatures => _weight.GetLength(1);

    /// <summary>The number of outputs (PyTorch's <c>out_features</c>).</summary>
    public int OutFeatures => _weight.GetLength(0);

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
                sum = _weight[j, 0] * input[0];
                start = 1;
            }
            for (int i = start; i < inFeatures; i++)
                sum += _weight[j, i] * input[i];
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
                yield return ($"weight[{j},{i}]", _weight[j, i]);
        if (_bias is not null)
            for (int j = 0; j < _bias.Length; j++)
                yield return ($"bias[{j}]", _bias[j]);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        _bias is null ? $"Linear({InFeatures}, {OutFeatures}, bias: false)" : $"Linear({InFeatures}, {OutFeatures})";
}
