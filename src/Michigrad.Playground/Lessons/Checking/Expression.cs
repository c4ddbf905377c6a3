namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// An expression a check builds twice, with Michigrad's <see cref="Value"/> and with the learner's class, then
/// differentiates from its root (the last step). Steps are in the order they are built, which is a topological
/// order: every operand comes before the node that uses it.
/// </summary>
public sealed class Expression
{
    /// <summary>Makes an expression from its steps; the last one is the root.</summary>
    public Expression(IReadOnlyList<ExpressionStep> steps)
    {
        ArgumentOutOfRangeException.ThrowIfZero(steps.Count);
        Steps = steps;
    }

    /// <summary>The steps, leaves and operations, in build order.</summary>
    public IReadOnlyList<ExpressionStep> Steps { get; }

    /// <summary>The operations it uses.</summary>
    public ValorOps Ops => Steps.Aggregate((ValorOps)0, (ops, s) => ops | (s.Op ?? 0));

    /// <summary>Whether some node is an operand more than once (<c>a + a</c>, or a node two others use): the case a
    /// gradient must be added up (<c>+=</c>) and the order of the backward pass matters.</summary>
    public bool SharesANode
    {
        get
        {
            var uses = new int[Steps.Count];
            foreach (ExpressionStep step in Steps)
            {
                if (step.Left >= 0) uses[step.Left]++;
                if (step.Right >= 0) uses[step.Right]++;
            }
            return uses.Any(u => u > 1);
        }
    }

    /// <summary>The expression as C# the learner can paste: its lines, then <c>L.Backward();</c>.</summary>
    public string ToCode(string className = ValorClass.Name) =>
        string.Join("\n", Steps.Select(s => s.ToCode(Steps, className))) + $"\n{Steps[^1].Name}.Backward();";

    /// <summary>Builds the expression with Michigrad's values (every leaf a <see cref="Value"/> that gets a gradient).</summary>
    public Value[] Build()
    {
        var nodes = new Value[Steps.Count];
        for (int i = 0; i < nodes.Length; i++)
        {
            ExpressionStep s = Steps[i];
            nodes[i] = s.Op switch
            {
                null => new Value(s.Number, s.Name),
                ValorOps.Add => nodes[s.Left] + nodes[s.Right],
                ValorOps.Mul => nodes[s.Left] * nodes[s.Right],
                ValorOps.Tanh => nodes[s.Left].Tanh(),
                ValorOps.Exp => nodes[s.Left].Exp(),
                ValorOps.Pow => nodes[s.Left].Pow(s.Number),
                _ => throw new InvalidOperationException($"No single operation {s.Op}."),
            };
        }
        return nodes;
    }
}
