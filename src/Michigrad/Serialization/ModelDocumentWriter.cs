using System.Text.Json;
using Michigrad.NN;
using Michigrad.Serialization.Json;

namespace Michigrad.Serialization;

/// <summary>Turns a model (and its metadata) into the text of a model file.</summary>
internal static class ModelDocumentWriter
{
    private const string SupportedTypes = "Sequential, Linear, Tanh, ReLU, Sigmoid, MLP, Layer and Neuron";

    /// <summary>The model file's text, ending with a line break.</summary>
    /// <exception cref="NotSupportedException">The model is, or contains, a module type a model file cannot hold.</exception>
    /// <exception cref="ArgumentException">The model has no parameters or too many, a parameter is not finite, or the
    /// metadata contradicts itself or the model.</exception>
    public static string Write(Module model, ModelMetadata? metadata)
    {
        ModuleDto architecture = Describe(model, path: "");

        var parameters = new OrderedDictionary<string, double>();
        foreach ((string name, Value parameter) in model.NamedParameters())
        {
            // JSON has no NaN or infinity, and a diverged model is better refused here than loaded as garbage.
            if (!double.IsFinite(parameter.Data))
                throw new ArgumentException(
                    $"Cannot save the model: parameter \"{name}\" is {parameter.Data}; a model file holds finite numbers only.",
                    nameof(model));
            parameters.Add(name, parameter.Data);
        }
        // What the reader refuses is refused here too, with its reason, so that no saved file fails to load.
        if (parameters.Count == 0)
            throw new ArgumentException($"Cannot save the model: {ModelFileRules.NoOutputLayer}", nameof(model));
        if (parameters.Count > ModelFile.MaxParameterCount)
            throw new ArgumentException($"Cannot save the model: {ModelFileRules.TooManyParameters(parameters.Count)}", nameof(model));

        if (metadata?.FindProblem(model) is string problem)
            throw new ArgumentException($"Cannot save the model: {problem}", nameof(metadata));

        var document = new DocumentDto<OrderedDictionary<string, double>>
        {
            Format = ModelFile.FormatName,
            Version = ModelFile.FormatVersion,
            Model = architecture,
            Metadata = metadata is null ? null : Describe(metadata),
            Parameters = parameters,
        };
        return JsonSerializer.Serialize(document, ModelJsonContext.Shared.WritableDocument) + "\n";
    }

    /// <param name="module">The module to describe.</param>
    /// <param name="path">Where it sits, in the dotted form of parameter names ("" for the model itself).</param>
    private static ModuleDto Describe(Module module, string path) => module switch
    {
        Sequential sequential => new ModuleDto
        {
            Type = "Sequential",
            Modules = [.. Enumerable.Range(0, sequential.Count).Select(i => Describe(sequential[i], path.Length == 0 ? $"{i}" : $"{path}.{i}"))],
        },
        Linear linear => new ModuleDto { Type = "Linear", In = linear.InFeatures, Out = linear.OutFeatures, Bias = linear.Bias is not null },
        Tanh tanh => new ModuleDto { Type = "Tanh", Width = tanh.Width },
        ReLU relu => new ModuleDto { Type = "ReLU", Width = relu.Width },
        Sigmoid sigmoid => new ModuleDto { Type = "Sigmoid", Width = sigmoid.Width },
        MLP mlp => new ModuleDto
        {
            Type = "MLP",
            In = mlp.InputSize,
            Sizes = [.. mlp.Layers.Select(layer => layer.OutputSize!.Value)],
            Bias = mlp.Layers[0].Neurons[0].Bias is not null,   // the constructor gives every neuron the same flag
            HiddenActivation = EnumNames.Of(mlp.HiddenActivation),
        },
        Layer layer => new ModuleDto
        {
            Type = "Layer",
            In = layer.InputSize,
            Out = layer.OutputSize,
            Bias = layer.Neurons[0].Bias is not null,
            Activation = EnumNames.Of(layer.Activation),
        },
        Neuron neuron => new ModuleDto
        {
            Type = "Neuron",
            In = neuron.InputSize,
            Bias = neuron.Bias is not null,
            Activation = EnumNames.Of(neuron.Activation),
        },
        _ => throw new NotSupportedException(
            $"Cannot save the model: {(path.Length == 0 ? "it" : $"module {path}")} is a {module.GetType().Name}, "
            + $"which a model file cannot hold; it holds {SupportedTypes} modules."),
    };

    private static MetadataDto Describe(ModelMetadata metadata) => new()
    {
        Dataset = metadata.Dataset,
        Task = metadata.Task is ModelTask task ? EnumNames.Of(task) : null,
        FeatureCount = metadata.FeatureCount,
        FeatureNames = metadata.FeatureNames?.ToList<string?>(),
        ClassCount = metadata.ClassCount,
        ClassNames = metadata.ClassNames?.ToList<string?>(),
    };
}
