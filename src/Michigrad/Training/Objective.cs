namespace Michigrad.Training;

/// <summary>What a <see cref="Trainer"/> minimises, and how a model's outputs are read as a class.</summary>
/// <remarks>
/// <see cref="Objectives.OutputWidth"/> gives the number of outputs each objective needs for a number of classes,
/// and <see cref="Objectives.Decide"/> turns one output vector into a <see cref="Prediction"/>.
/// </remarks>
public enum Objective
{
    /// <summary>
    /// micrograd's max-margin loss <c>mean(relu(1 - y·s))</c> with labels y = ±1; two classes, one output. The
    /// class is 1 when the score s is above 0.
    /// </summary>
    Hinge,

    /// <summary>
    /// Mean squared error. Two classes: one output and targets ±1, class 1 when the output is above 0. More classes:
    /// one output per class, one-hot targets, and the class is the largest output.
    /// </summary>
    MeanSquaredError,

    /// <summary>
    /// Binary cross-entropy on a logit (<see cref="Losses.Loss.BinaryCrossEntropyWithLogits(IReadOnlyList{Value}, IReadOnlyList{Value})"/>); two classes, one
    /// output. The class is 1 when the logit is above 0 (a probability above ½).
    /// </summary>
    BinaryCrossEntropy,

    /// <summary>Softmax cross-entropy on one logit per class; the class is the largest logit.</summary>
    CrossEntropy,
}
