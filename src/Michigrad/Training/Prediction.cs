namespace Michigrad.Training;

/// <summary>A model's answer for one input: the class it picks and the number behind the choice.</summary>
/// <param name="Class">The predicted class index.</param>
/// <param name="Score">
/// For <see cref="Objective.Hinge"/> and two-class <see cref="Objective.MeanSquaredError"/>: the raw output, whose
/// sign is the decision. For <see cref="Objective.BinaryCrossEntropy"/>: the probability of class 1, σ(logit). For
/// <see cref="Objective.CrossEntropy"/>: the softmax probability of the predicted class. For multi-class
/// <see cref="Objective.MeanSquaredError"/>: the largest output.
/// </param>
public readonly record struct Prediction(int Class, double Score);
