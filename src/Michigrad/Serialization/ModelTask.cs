namespace Michigrad.Serialization;

/// <summary>What a saved model's outputs mean, so that a program can turn them into a prediction.</summary>
/// <remarks>In a model file the task is written in kebab case: <c>"regression"</c>, <c>"binary-hinge"</c>,
/// <c>"binary-logistic"</c>, <c>"multiclass"</c>.</remarks>
public enum ModelTask
{
    /// <summary>The outputs are the predicted numbers themselves.</summary>
    Regression,

    /// <summary>One output trained with a hinge (max-margin) loss on labels -1 and +1, as micrograd's demo:
    /// class 1 when the output is positive, class 0 otherwise.</summary>
    BinaryHinge,

    /// <summary>One output, a logit trained with a logistic loss: class 1 when the output is positive (its sigmoid
    /// above 0.5), class 0 otherwise.</summary>
    BinaryLogistic,

    /// <summary>One output per class (scores or logits): the class of the largest output.</summary>
    Multiclass,
}
