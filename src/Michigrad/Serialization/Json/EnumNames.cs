using Michigrad.NN;

namespace Michigrad.Serialization.Json;

/// <summary>How an <see cref="Activation"/> and a <see cref="ModelTask"/> are spelled in a model file.</summary>
/// <remarks>Spelled out rather than left to <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/>, which would also
/// accept numbers and other casings.</remarks>
internal static class EnumNames
{
    public static string Of(Activation activation) => activation switch
    {
        Activation.None => "None",
        Activation.ReLU => "ReLU",
        Activation.Tanh => "Tanh",
        Activation.Sigmoid => "Sigmoid",
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Unknown activation {activation}."),
    };

    public static Activation? ParseActivation(string name) => name switch
    {
        "None" => Activation.None,
        "ReLU" => Activation.ReLU,
        "Tanh" => Activation.Tanh,
        "Sigmoid" => Activation.Sigmoid,
        _ => null,
    };

    public const string ActivationList = "\"None\", \"ReLU\", \"Tanh\" or \"Sigmoid\"";

    public static string Of(ModelTask task) => task switch
    {
        ModelTask.Regression => "regression",
        ModelTask.BinaryHinge => "binary-hinge",
        ModelTask.BinaryLogistic => "binary-logistic",
        ModelTask.Multiclass => "multiclass",
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, $"Unknown task {task}."),
    };

    public static ModelTask? ParseTask(string name) => name switch
    {
        "regression" => ModelTask.Regression,
        "binary-hinge" => ModelTask.BinaryHinge,
        "binary-logistic" => ModelTask.BinaryLogistic,
        "multiclass" => ModelTask.Multiclass,
        _ => null,
    };

    public const string TaskList = "\"regression\", \"binary-hinge\", \"binary-logistic\" or \"multiclass\"";
}
