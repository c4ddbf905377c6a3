using System.Globalization;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>One line of an expression: a leaf with its number, or an operation on earlier lines.</summary>
/// <param name="Name">The node's name in the expression's code: a, b, c for leaves, n1, n2... inside, L at the root.</param>
/// <param name="Op">The operation; <see langword="null"/> for a leaf.</param>
/// <param name="Left">The first operand (an earlier line), or -1 for a leaf.</param>
/// <param name="Right">The second operand of <c>+</c> and <c>*</c> (it may be <paramref name="Left"/> again), else -1.</param>
/// <param name="Number">A leaf's number, or the exponent of <c>Pow</c>.</param>
public sealed record ExpressionStep(string Name, ValorOps? Op, int Left = -1, int Right = -1, double Number = 0)
{
    /// <summary>The line as C#: <c>var n2 = n1 * a;</c>.</summary>
    public string ToCode(IReadOnlyList<ExpressionStep> steps, string className) => Op switch
    {
        null => $"var {Name} = new {className}({Literal(Number)});",
        ValorOps.Add => $"var {Name} = {steps[Left].Name} + {steps[Right].Name};",
        ValorOps.Mul => $"var {Name} = {steps[Left].Name} * {steps[Right].Name};",
        ValorOps.Tanh => $"var {Name} = {steps[Left].Name}.Tanh();",
        ValorOps.Exp => $"var {Name} = {steps[Left].Name}.Exp();",
        ValorOps.Pow => $"var {Name} = {steps[Left].Name}.Pow({Literal(Number)});",
        _ => throw new InvalidOperationException($"No single operation {Op}."),
    };

    /// <summary>A number as C# source, exact (the shortest text that reads back as the same double).</summary>
    public static string Literal(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
