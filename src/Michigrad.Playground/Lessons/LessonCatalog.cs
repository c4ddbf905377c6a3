using Michigrad.Playground.Train;

namespace Michigrad.Playground.Lessons;

/// <summary>
/// The course's path, as the notebook walks it: a number and its derivative, <c>Value</c>, the graph, the chain rule
/// by hand, backward node by node, the learner's own value class in three steps, topological order, a neuron, a
/// layer, an MLP, a loss, the training loop, the classifier, gradients of gradients; then the notebook's four
/// exercises. Each lesson's text is in <c>Content/</c>.
/// </summary>
public static class LessonCatalog
{
    public static readonly IReadOnlyList<Lesson> All =
    [
        new("derivative"),
        new("value"),
        new("graph"),
        new("chain-rule"),
        new("backward"),
        new("valor-sum-product", Check: "valor-sum-product"),
        new("valor-functions", Check: "valor-functions"),
        new("topological-order"),
        new("valor-backward", Check: "valor-backward"),
        new("neuron"),
        new("layer"),
        new("mlp"),
        new("loss"),
        new("training-loop"),
        new("classifier", Training: new TrainSettings()),
        new("second-order"),
        new("exercise-bias", Check: "bias"),
        new("exercise-xor", Check: "xor"),
        new("exercise-activations", Check: "activation-layers"),
        new("exercise-modules", Check: "module-list"),
    ];
}
