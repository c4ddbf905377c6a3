namespace Michigrad.Playground.Graphs;

/// <summary>How a node is shown (<see cref="NodeNames"/>): its name, and the unit of the model it belongs to.</summary>
/// <param name="Text">The label, a parameter's short name, an input's <c>x[i]</c>, or the node's op within its unit.</param>
/// <param name="Unit">The neuron (<c>L0.N2</c>, a Sequential's <c>0[2]</c>) whose parameters the node is computed from,
/// or null when it belongs to none (inputs, constants, a loss over several outputs).</param>
/// <param name="IsParameter">Whether the node is a model's parameter (named as <see cref="NN.Module.NamedParameters"/>
/// names it, shortened by <see cref="ParameterNames.Short"/>).</param>
/// <param name="IsInput">Whether the node is a model's input, named <c>x[i]</c> by the weight it meets.</param>
public sealed record NodeName(string Text, string? Unit, bool IsParameter = false, bool IsInput = false);
