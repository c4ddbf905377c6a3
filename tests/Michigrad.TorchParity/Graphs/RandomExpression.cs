using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.Graphs;

/// <summary>
/// A random expression built from a seed, as a list of instructions both engines can replay: leaves, every op,
/// operands mixed with plain numbers, and many shared sub-expressions (an operand is often a node used before,
/// sometimes both operands are the same node). The root sums every node nothing else used, so every node counts.
/// </summary>
/// <remarks>
/// Each op is only applied where it is well conditioned (no log of a tiny number, no division by one, results
/// between 1e-3 and 1e3 in size or exactly 0), so the two engines' rounding differences stay far below 1e-9.
/// </remarks>
internal sealed class RandomExpression
{
    private readonly List<Instruction> _program = [];

    private RandomExpression(int seed, int leafCount, int nodeCount)
    {
        Seed = seed;
        LeafCount = leafCount;
        NodeCount = nodeCount;
    }

    public int Seed { get; }

    public int LeafCount { get; }

    /// <summary>How many nodes the expression has besides its leaves and the final sum.</summary>
    public int NodeCount { get; }

    /// <summary>One node: an op name, the indices of its operands among earlier nodes, and a constant.</summary>
    private readonly record struct Instruction(string Op, int A, int B, double Constant);

    private static readonly string[] Ops =
        ["+", "-", "*", "/", "neg", "exp", "log", "tanh", "relu", "sigmoid", "powc", "pow",
         "+c", "c-", "*c", "c/", "abs", "sqrt", "sin", "cos", "softplus", "max", "min", "logsumexp"];

    private static readonly double[] Exponents = [2, 3, -1, 0.5, 1.5, -0.5];

    /// <summary>Draws an expression of up to <paramref name="maxNodes"/> nodes from <paramref name="seed"/>.</summary>
    public static RandomExpression Generate(int seed, int maxNodes)
    {
        var random = new Random(seed);
        var expression = new RandomExpression(seed, random.Next(2, 12), random.Next(1, maxNodes + 1));

        // Generate with plain numbers, keeping only well-conditioned steps; both engines then replay the program.
        var data = new List<double>();
        for (int i = 0; i < expression.LeafCount; i++)
        {
            double x = random.NextDouble() * 4 - 2;
            data.Add(x);
            expression._program.Add(new Instruction("leaf", -1, -1, x));
        }
        while (data.Count < expression.LeafCount + expression.NodeCount)
        {
            var step = new Instruction(Ops[random.Next(Ops.Length)], Pick(random, data.Count), Pick(random, data.Count),
                random.NextDouble() * 4 - 2);
            if (step.Op == "powc") step = step with { Constant = Exponents[random.Next(Exponents.Length)] };
            if (Evaluate(step, data) is double result)
            {
                data.Add(result);
                expression._program.Add(step);
            }
        }
        return expression;
    }

    /// <summary>Builds the expression with Michigrad values; returns the root and the leaves.</summary>
    /// <param name="constantLeaf">Which leaves (by their index among the leaves) are constants, made with
    /// <see cref="Value.Constant"/>; by default none.</param>
    /// <param name="nodes">Receives every node but the final sum, in program order, when given.</param>
    public (Value Root, Value[] Leaves) BuildMichigrad(Predicate<int>? constantLeaf = null, List<Value>? nodes = null)
    {
        nodes ??= [];
        int leafIndex = 0;
        var used = new HashSet<int>();
        foreach (Instruction step in _program)
        {
            if (step.Op == "leaf")
            {
                nodes.Add(constantLeaf?.Invoke(leafIndex++) == true ? Value.Constant(step.Constant) : new Value(step.Constant));
                continue;
            }
            Value a = nodes[step.A], b = nodes[step.B];
            double c = step.Constant;
            nodes.Add(step.Op switch
            {
                "+" => a + b, "-" => a - b, "*" => a * b, "/" => a / b, "neg" => -a,
                "exp" => a.Exp(), "log" => a.Log(), "tanh" => a.Tanh(), "relu" => a.Relu(), "sigmoid" => a.Sigmoid(),
                "powc" => a.Pow(c), "pow" => a.Pow(b),
                "+c" => a + c, "c-" => c - a, "*c" => a * c, "c/" => c / a,
                "abs" => a.Abs(), "sqrt" => a.Sqrt(), "sin" => a.Sin(), "cos" => a.Cos(), "softplus" => a.Softplus(),
                "max" => Value.Max(a, b), "min" => Value.Min(a, b), "logsumexp" => Value.LogSumExp([a, b]),
                _ => throw new InvalidOperationException(step.Op),
            });
            MarkUsed(step, used);
        }
        Value root = Sinks(nodes.Count, used).Select(i => nodes[i]).Aggregate((sum, node) => sum + node);
        return (root, nodes.Take(LeafCount).ToArray());
    }

    /// <summary>Builds the same expression in TorchSharp (float64 scalars); returns the root and the leaves.</summary>
    /// <param name="constantLeaf">Which leaves do not require grad (as in <see cref="BuildMichigrad"/>).</param>
    /// <param name="nodes">Receives every node but the final sum, in program order, when given.</param>
    public (Tensor Root, Tensor[] Leaves) BuildTorch(Predicate<int>? constantLeaf = null, List<Tensor>? nodes = null)
    {
        nodes ??= [];
        int leafIndex = 0;
        var used = new HashSet<int>();
        foreach (Instruction step in _program)
        {
            if (step.Op == "leaf")
            {
                nodes.Add(Torch.Scalar(step.Constant, requiresGrad: constantLeaf?.Invoke(leafIndex++) != true));
                continue;
            }
            Tensor a = nodes[step.A], b = nodes[step.B];
            double c = step.Constant;
            nodes.Add(step.Op switch
            {
                "+" => a + b, "-" => a - b, "*" => a * b, "/" => a / b, "neg" => -a,
                "exp" => a.exp(), "log" => a.log(), "tanh" => a.tanh(), "relu" => a.relu(), "sigmoid" => a.sigmoid(),
                "powc" => a.pow(c), "pow" => a.pow(b),
                "+c" => a + c, "c-" => c - a, "*c" => a * c, "c/" => c / a,
                "abs" => a.abs(), "sqrt" => a.sqrt(), "sin" => a.sin(), "cos" => a.cos(),
                "softplus" => a.logaddexp(zeros_like(a)),
                "max" => a.maximum(b), "min" => a.minimum(b), "logsumexp" => stack([a, b]).logsumexp(0),
                _ => throw new InvalidOperationException(step.Op),
            });
            MarkUsed(step, used);
        }
        Tensor root = Sinks(nodes.Count, used).Select(i => nodes[i]).Aggregate((sum, node) => sum + node);
        return (root, nodes.Take(LeafCount).ToArray());
    }

    public override string ToString() => $"seed {Seed}: {LeafCount} leaves, {NodeCount} nodes";

    /// <summary>Half the time one of the last few nodes (chains), otherwise any earlier node (sharing).</summary>
    private static int Pick(Random random, int count) =>
        random.Next(2) == 0 ? Math.Max(0, count - 1 - random.Next(4)) : random.Next(count);

    /// <summary>The step's result, or null when the step is ill-conditioned or out of range.</summary>
    private static double? Evaluate(Instruction step, List<double> data)
    {
        double a = data[step.A], b = data[step.B], c = step.Constant;
        double? result = step.Op switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            "/" when Math.Abs(b) > 0.25 => a / b,
            "neg" => -a,
            "exp" when a < 5 => Math.Exp(a),
            "log" when a > 0.05 => Math.Log(a),
            "tanh" => Math.Tanh(a),
            "relu" when Math.Abs(a) > 1e-6 => Math.Max(0, a),   // not at the kink, where rounding picks the side
            "sigmoid" => 1 / (1 + Math.Exp(-a)),
            "powc" when a > 0.1 || (a < -0.1 && (c == 2 || c == 3 || c == -1)) => Math.Pow(a, c),
            "pow" when a > 0.1 && Math.Abs(b) < 3 => Math.Pow(a, b),
            "+c" => a + c,
            "c-" => c - a,
            "*c" => a * c,
            "c/" when Math.Abs(a) > 0.25 => c / a,
            "abs" when Math.Abs(a) > 1e-6 => Math.Abs(a),   // not at the kink
            "sqrt" when a > 0.05 => Math.Sqrt(a),
            "sin" => Math.Sin(a),
            "cos" => Math.Cos(a),
            "softplus" when a < 30 => Math.Max(a, 0) + Math.Log(1 + Math.Exp(-Math.Abs(a))),
            "max" when Math.Abs(a - b) > 1e-6 => Math.Max(a, b),   // not at a tie
            "min" when Math.Abs(a - b) > 1e-6 => Math.Min(a, b),
            "logsumexp" => Math.Max(a, b) + Math.Log(1 + Math.Exp(-Math.Abs(a - b))),
            _ => null,
        };
        // Sums of nearly opposite numbers lose digits; keep results either exactly 0 or of moderate size.
        if (result is double r && (r == 0 || (Math.Abs(r) >= 1e-3 && Math.Abs(r) <= 1e3))) return r;
        return null;
    }

    private static void MarkUsed(Instruction step, HashSet<int> used)
    {
        used.Add(step.A);
        if (step.Op is "+" or "-" or "*" or "/" or "pow" or "max" or "min" or "logsumexp") used.Add(step.B);
    }

    private static IEnumerable<int> Sinks(int count, HashSet<int> used) =>
        Enumerable.Range(0, count).Where(i => !used.Contains(i));
}
