using System.Reflection;
using Michigrad.NN;
using Module = Michigrad.NN.Module;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// The notebook's third exercise: the learner's <c>Linear(int inputs, int outputs, bool bias = true)</c> and the
/// activations as modules of their own, <c>Tanh</c> and <c>ReLU</c>, against Michigrad's <see cref="Linear"/>,
/// <see cref="NN.Tanh"/> and <see cref="NN.ReLU"/>: outputs and gradients of a linear layer alone, followed by each
/// activation, and without a bias.
/// </summary>
public sealed class ActivationLayersCheck : ExerciseCheck
{
    /// <inheritdoc/>
    public override string Name => "activation-layers";

    // With the parameters the check sets (case k from seed k), some pre-activations are negative and some positive, so
    // ReLU's two halves are both exercised (a test holds it).
    internal static readonly double[] Input = [0.5, -1.5, 2.0];

    /// <inheritdoc/>
    protected override CheckReport Run(Assembly compiled, object? result)
    {
        (LearnerModule Mine, Module Theirs)[] cases =
        [
            (Linear(compiled, 4, true), new Linear(3, 4)),
            (LearnerModule.Chain(Linear(compiled, 4, true), Activation(compiled, "Tanh", 4)), new Sequential(new Linear(3, 4), new NN.Tanh(4))),
            (LearnerModule.Chain(Linear(compiled, 4, true), Activation(compiled, "ReLU", 4)), new Sequential(new Linear(3, 4), new NN.ReLU(4))),
            (LearnerModule.Chain(Linear(compiled, 2, false), Activation(compiled, "Tanh", 2)), new Sequential(new Linear(3, 2, bias: false), new NN.Tanh(2))),
        ];
        return ModuleComparison.CompareCases(cases, Input);
    }

    private static LearnerModule Linear(Assembly compiled, int outputs, bool bias) =>
        LearnerModule.Create(compiled, "Linear", "Linear(int inputs, int outputs, bool bias = true)",
            bias ? $"new Linear(3, {outputs})" : $"new Linear(3, {outputs}, bias: false)", 3, outputs, bias);

    /// <summary>An activation module, made with its width when its constructor takes one.</summary>
    internal static LearnerModule Activation(Assembly compiled, string name, int width)
    {
        Type type = LearnerTypes.Find(compiled, name);
        return LearnerTypes.Constructor(type, width) is not null
            ? LearnerModule.Create(compiled, name, $"{name}(int? width = null)", $"new {name}({width})", width)
            : LearnerModule.Create(compiled, name, $"{name}(int? width = null)", $"new {name}()");
    }
}
