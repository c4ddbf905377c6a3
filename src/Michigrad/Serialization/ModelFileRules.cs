namespace Michigrad.Serialization;

/// <summary>
/// What a model file must describe, checked by the writer and the reader alike, so that <see cref="ModelFile.Save"/>
/// refuses exactly what <see cref="ModelFile.Load"/> would refuse, with the same reason.
/// </summary>
internal static class ModelFileRules
{
    /// <summary>Why a model with no parameters (no Linear, Layer, Neuron or MLP) cannot be a model file.</summary>
    public const string NoOutputLayer =
        "the model has no layer with parameters (Linear, Layer, Neuron or MLP), so it has no output layer: it would pass its input through unchanged.";

    /// <summary>Why a model with more than <see cref="ModelFile.MaxParameterCount"/> parameters cannot be a model file.</summary>
    public static string TooManyParameters(double parameterCount) =>
        $"the architecture has {parameterCount:N0} parameters, more than the {ModelFile.MaxParameterCount:N0} a model file may hold.";
}
