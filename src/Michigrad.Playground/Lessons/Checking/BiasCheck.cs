using System.Reflection;
using Michigrad.NN;
using Module = Michigrad.NN.Module;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// The notebook's first exercise: the learner's <c>Neuron(int inputs, bool bias = true)</c> and
/// <c>Layer(int inputs, int outputs, bool bias = true)</c> (tanh neurons) against Michigrad's, with and without a
/// bias: the number of parameters, the outputs and every gradient.
/// </summary>
public sealed class BiasCheck : ExerciseCheck
{
    /// <inheritdoc/>
    public override string Name => "bias";

    private static readonly double[] s_input = [0.5, -1.0, 2.0];

    /// <inheritdoc/>
    protected override CheckReport Run(Assembly compiled, object? result)
    {
        (LearnerModule Mine, Module Theirs)[] cases =
        [
            (Neuron(compiled, true), new Neuron(3, bias: true, activation: Activation.Tanh)),
            (Neuron(compiled, false), new Neuron(3, bias: false, activation: Activation.Tanh)),
            (Layer(compiled, true), new Layer(3, 2, bias: true, activation: Activation.Tanh)),
            (Layer(compiled, false), new Layer(3, 2, bias: false, activation: Activation.Tanh)),
        ];
        return ModuleComparison.CompareCases(cases, s_input);
    }

    private static LearnerModule Neuron(Assembly compiled, bool bias) =>
        LearnerModule.Create(compiled, "Neuron", "Neuron(int inputs, bool bias = true)", $"new Neuron(3, bias: {Bool(bias)})", 3, bias);

    private static LearnerModule Layer(Assembly compiled, bool bias) =>
        LearnerModule.Create(compiled, "Layer", "Layer(int inputs, int outputs, bool bias = true)", $"new Layer(3, 2, bias: {Bool(bias)})", 3, 2, bias);

    private static string Bool(bool b) => b ? "true" : "false";
}
