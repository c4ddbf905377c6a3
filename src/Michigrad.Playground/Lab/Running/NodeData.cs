namespace Michigrad.Playground.Lab.Running;

/// <summary>One node of a graph as it crosses from the runner to the page.</summary>
/// <param name="Op">The node's <see cref="Value.Op"/>.</param>
/// <param name="Data">Its <see cref="Value.Data"/>.</param>
/// <param name="Grad">Its <see cref="Value.Grad"/>.</param>
/// <param name="Label">Its <see cref="Value.Label"/>.</param>
/// <param name="RequiresGrad">Its <see cref="Value.RequiresGrad"/>.</param>
/// <param name="Children">Its children's positions in the same list (operand order, duplicates kept); always before it.</param>
public sealed record NodeData(string Op, double Data, double Grad, string? Label, bool RequiresGrad, int[] Children);
