using Michigrad.Serialization;
using Michigrad.Training;

namespace Michigrad.Cli.Running;

/// <summary>Maps a training objective to the task a model file records, and back.</summary>
/// <remarks>
/// A model file records what the outputs mean (<see cref="ModelTask"/>), not the loss. Two-class MSE reads its one
/// output by sign, as hinge does, so it is saved as <see cref="ModelTask.BinaryHinge"/>; multi-class MSE is saved as
/// <see cref="ModelTask.Multiclass"/> and its score is then read as a softmax probability.
/// </remarks>
internal static class ModelTasks
{
    /// <summary>The task recorded for a model trained with <paramref name="objective"/> and <paramref name="outputs"/> outputs.</summary>
    public static ModelTask For(Objective objective, int outputs) => objective switch
    {
        Objective.BinaryCrossEntropy => ModelTask.BinaryLogistic,
        Objective.Hinge => ModelTask.BinaryHinge,
        Objective.MeanSquaredError when outputs == 1 => ModelTask.BinaryHinge,
        _ => ModelTask.Multiclass,
    };

    /// <summary>The objective whose decision rule reads a saved model's outputs, or <see langword="null"/> for a
    /// regression model, which <c>predict</c> cannot classify with.</summary>
    public static Objective? DecisionRule(ModelTask? task, int? outputs) => task switch
    {
        ModelTask.BinaryHinge => Objective.Hinge,
        ModelTask.BinaryLogistic => Objective.BinaryCrossEntropy,
        ModelTask.Multiclass => Objective.CrossEntropy,
        ModelTask.Regression => null,
        _ => outputs == 1 ? Objective.Hinge : Objective.CrossEntropy,   // no task recorded: guess from the width
    };
}
