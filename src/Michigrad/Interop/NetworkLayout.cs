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
/// steps hold the model's own <see cref="Value"/> objects, so a reader can set them.
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
            for (int j = 0; j < dense.OutFeatures; j++)
            {
                for (int i = 0; i < dense.InFeatures; i++)
                    Check(dense.Weight[j, i].Data, $"{dense.WeightName}[{j},{i}]", elementType);
                if (dense.Bias is { } bias) Check(bias[j].Data, $"{dense.BiasName}[{j}]", elementType);
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
                steps.Add(new DenseStep(prefix, linear.Weight, linear.Bias));
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
                    AddNeurons(layer.Neurons, $"{prefix}{index}.", steps);
                    index++;
                    if (layer.Activation != Activation.None)
                    {
                        steps.Add(new ActivationStep(layer.Activation));
                        index++;
                    }
                }
                break;
            case Layer layer:
                AddNeurons(layer.Neurons, $"{prefix}0.", steps);
                if (layer.Activation != Activation.None) steps.Add(new ActivationStep(layer.Activation));
                break;
            case Neuron neuron:
                AddNeurons([neuron], $"{prefix}0.", steps);
                if (neuron.Activation != Activation.None) steps.Add(new ActivationStep(neuron.Activation));
                break;
            default:
                throw new NotSupportedException(
                    $"{module} ({module.GetType().Name}) cannot be exported: only Sequential, Linear, Tanh, ReLU, Sigmoid, MLP, Layer and Neuron can.");
        }
    }

    /// <summary>A layer of neurons is a <see cref="Linear"/> whose row j is neuron j's weights.</summary>
    private static void AddNeurons(IReadOnlyList<Neuron> neurons, string prefix, List<NetworkStep> steps)
    {
        int inputs = neurons[0].Weights.Count;
        var weight = new Value[neurons.Count, inputs];
        Value[]? bias = neurons[0].Bias is null ? null : new Value[neurons.Count];
        for (int j = 0; j < neurons.Count; j++)
        {
            for (int i = 0; i < inputs; i++) weight[j, i] = neurons[j].Weights[i];
            if (bias is not null) bias[j] = neurons[j].Bias!;
        }
        steps.Add(new DenseStep(prefix, weight, bias));
    }

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
/// <param name="Weight">The model's weights, [out, in].</param>
/// <param name="Bias">The model's biases, or <see langword="null"/> for a layer without.</param>
internal sealed record DenseStep(string Prefix, Value[,] Weight, Value[]? Bias) : NetworkStep
{
    public int InFeatures => Weight.GetLength(1);

    public int OutFeatures => Weight.GetLength(0);

    public string WeightName => Prefix + "weight";

    public string BiasName => Prefix + "bias";
}

/// <summary>An elementwise nonlinearity (never <see cref="Activation.None"/>).</summary>
internal sealed record ActivationStep(Activation Function) : NetworkStep;
