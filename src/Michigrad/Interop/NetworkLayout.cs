using System.Globalization;
using Michigrad.NN;

namespace Michigrad.Interop;

/// <summary>
/// A model seen as the equivalent PyTorch <c>nn.Sequential</c>: fully connected layers and elementwise activations,
/// in order, each dense layer named as PyTorch would name it (<c>0.</c>, <c>2.</c>, …). Every exporter reads this.
/// </summary>
/// <remarks>
/// A <see cref="Sequential"/> keeps its children's indices (a nested one adds a level: <c>1.0.</c>). A micrograd
/// <see cref="MLP"/> becomes <c>Linear, act, Linear, act, …, Linear</c>, so its layer k is named <c>{2k}.</c>; a
/// <see cref="Layer"/> or <see cref="Neuron"/> becomes <c>Linear</c> followed by its activation, if any. The dense
/// steps hold the blocks of the model's own parameter storage, so a writer reads the numbers in place and a reader
/// sets them there.
/// </remarks>
internal sealed class NetworkLayout
{
    private NetworkLayout(IReadOnlyList<NetworkStep> steps, int inputSize, int outputSize)
    {
        Steps = steps;
        InputSize = inputSize;
        OutputSize = outputSize;
    }

    /// <summary>The steps, from input to output.</summary>
    public IReadOnlyList<NetworkStep> Steps { get; }

    /// <summary>The number of inputs.</summary>
    public int InputSize { get; }

    /// <summary>The number of outputs.</summary>
    public int OutputSize { get; }

    /// <summary>The dense steps only, in order.</summary>
    public IEnumerable<DenseStep> DenseSteps => Steps.OfType<DenseStep>();

    /// <summary>Describes <paramref name="module"/>.</summary>
    /// <param name="module">The model.</param>
    /// <param name="inputs">The input width, needed only when the model does not fix it (it starts with an
    /// activation built without a width); when both are known they must agree.</param>
    /// <exception cref="NotSupportedException">The model holds a module that is not a <see cref="Linear"/>, an
    /// activation module, a <see cref="Sequential"/>, an <see cref="MLP"/>, a <see cref="Layer"/> or a
    /// <see cref="Neuron"/>, or it has no step at all.</exception>
    /// <exception cref="ArgumentException">The input width is unknown or contradicts the model's.</exception>
    public static NetworkLayout Of(Module module, int? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (inputs is < 1)
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"inputs must be at least 1, got {inputs}.");
        if (inputs is int given && module.InputSize is int own && given != own)
            throw new ArgumentException($"inputs is {given} but {module} takes {own} inputs.", nameof(inputs));
        int width = module.InputSize ?? inputs
            ?? throw new ArgumentException(
                $"{module} does not fix its input width (it starts with an activation built without one); pass inputs.",
                nameof(inputs));

        var steps = new List<NetworkStep>();
        Add(module, "", steps);
        if (steps.Count == 0)
            throw new NotSupportedException($"{module} has no layers to export.");
        return new NetworkLayout(steps, width, module.OutputSize ?? OutputWidth(steps, width));
    }

    /// <summary>Throws unless every weight and bias is a finite number (an export of NaN helps nobody) that
    /// <paramref name="elementType"/> can hold: a float32 file would turn a weight beyond ±3.4e38 into infinity.</summary>
    /// <exception cref="ArgumentException">A parameter is NaN or infinite, or beyond the element type's range; the
    /// message names it.</exception>
    public void CheckFinite(ElementType elementType = ElementType.Double)
    {
        foreach (DenseStep dense in DenseSteps)
        {
            ReadOnlySpan<double> weight = dense.Weight.Span, bias = dense.Bias.Span;
            for (int j = 0; j < dense.OutFeatures; j++)
            {
                for (int i = 0; i < dense.InFeatures; i++)
                    Check(weight[j * dense.InFeatures + i], $"{dense.WeightName}[{j},{i}]", elementType);
                if (dense.HasBias) Check(bias[j], $"{dense.BiasName}[{j}]", elementType);
            }
        }
    }

    private static void Check(double value, string name, ElementType elementType)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"Parameter {name} is {value}; only finite weights can be exported.", "module");
        if (elementType == ElementType.Float && !float.IsFinite((float)value))
            throw new ArgumentException(
                $"Parameter {name} is {value.ToString("R", CultureInfo.InvariantCulture)}, beyond the range of float32 (±3.4028235e38): export as float64.", "module");
    }

    private static void Add(Module module, string prefix, List<NetworkStep> steps)
    {
        switch (module)
        {
            case Sequential sequential:
                for (int i = 0; i < sequential.Count; i++) Add(sequential[i], $"{prefix}{i}.", steps);
                break;
            case Linear linear:
                steps.Add(new DenseStep(prefix, linear.OutFeatures, linear.InFeatures, linear.WeightData, linear.BiasData));
                break;
            case Tanh:
                steps.Add(new ActivationStep(Activation.Tanh));
                break;
            case ReLU:
                steps.Add(new ActivationStep(Activation.ReLU));
                break;
            case Sigmoid:
                steps.Add(new ActivationStep(Activation.Sigmoid));
                break;
            case MLP mlp:
                int index = 0;
                foreach (Layer layer in mlp.Layers)
                {
                    steps.Add(Dense(layer, $"{prefix}{index}."));
                    index++;
                    if (layer.Activation != Activation.None)
                    {
                        steps.Add(new ActivationStep(layer.Activation));
                        index++;
                    }
                }
                break;
            case Layer layer:
                steps.Add(Dense(layer, $"{prefix}0."));
                if (layer.Activation != Activation.None) steps.Add(new ActivationStep(layer.Activation));
                break;
            case Neuron neuron:
                steps.Add(new DenseStep($"{prefix}0.", 1, neuron.Weights.Count, neuron.WeightData, neuron.BiasData));
                if (neuron.Activation != Activation.None) steps.Add(new ActivationStep(neuron.Activation));
                break;
            default:
                throw new NotSupportedException(
                    $"{module} ({module.GetType().Name}) cannot be exported: only Sequential, Linear, Tanh, ReLU, Sigmoid, MLP, Layer and Neuron can.");
        }
    }

    /// <summary>A layer of neurons is a <see cref="Linear"/> whose row j is neuron j's weights.</summary>
    private static DenseStep Dense(Layer layer, string prefix) =>
        new(prefix, layer.OutputSize!.Value, layer.InputSize!.Value, layer.WeightData, layer.BiasData);

    private static int OutputWidth(List<NetworkStep> steps, int width)
    {
        foreach (NetworkStep step in steps)
            if (step is DenseStep dense) width = dense.OutFeatures;
        return width;
    }
}

/// <summary>One step of a <see cref="NetworkLayout"/>.</summary>
internal abstract record NetworkStep;

/// <summary>A fully connected layer: <c>y = W·x + b</c>, with <c>W</c> [out, in] as PyTorch's <c>weight</c>.</summary>
/// <param name="Prefix">Its name in the equivalent PyTorch model, such as <c>"0."</c>.</param>
/// <param name="OutFeatures">The number of outputs.</param>
/// <param name="InFeatures">The number of inputs.</param>
/// <param name="Weight">The weights' numbers in the model's storage, [out, in] row-major.</param>
/// <param name="Bias">The biases' numbers in the model's storage, one per output; empty for a layer without.</param>
internal sealed record DenseStep(string Prefix, int OutFeatures, int InFeatures, Memory<double> Weight, Memory<double> Bias)
    : NetworkStep
{
    public bool HasBias => !Bias.IsEmpty;

    public string WeightName => Prefix + "weight";

    public string BiasName => Prefix + "bias";
}

/// <summary>An elementwise nonlinearity (never <see cref="Activation.None"/>).</summary>
internal sealed record ActivationStep(Activation Function) : NetworkStep;
