namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// The expressions a <c>Valor</c> is checked on: a few small ones first, one idea each (a sum, a product, a leaf
/// used twice, a node two others use, each function alone), so a learner's first failure is the simplest one that
/// shows the mistake; then random ones from a fixed seed (the same list every time), each with a shared node, whose
/// numbers stay where every operation is well defined and moderate.
/// </summary>
public static class CheckExpressions
{
    /// <summary>The seed of the random expressions.</summary>
    public const int Seed = 2024;

    /// <summary>How many expressions a check builds.</summary>
    public const int Count = 40;

    /// <summary>The expressions for a class that has <paramref name="ops"/>; each uses those operations only, and
    /// together they use every one of them.</summary>
    public static IReadOnlyList<Expression> For(ValorOps ops, int count = Count, int seed = Seed)
    {
        var list = Simple().Where(e => (e.Ops & ~ops) == 0).Take(count).ToList();
        var random = new Random(seed);
        while (list.Count < count) list.Add(RandomExpression(random, ops));
        return list;
    }

    private static IEnumerable<Expression> Simple()
    {
        static ExpressionStep Leaf(string name, double x) => new(name, null, Number: x);
        ExpressionStep a = Leaf("a", 2), b = Leaf("b", -3), c = Leaf("c", 0.5);
        yield return new([a, b, new("L", ValorOps.Add, 0, 1)]);
        yield return new([a, b, new("L", ValorOps.Mul, 0, 1)]);
        yield return new([a, new("L", ValorOps.Add, 0, 0)]);
        yield return new([a, new("L", ValorOps.Mul, 0, 0)]);
        yield return new([c, new("L", ValorOps.Tanh, 0)]);
        yield return new([c, new("L", ValorOps.Exp, 0)]);
        yield return new([a, new("L", ValorOps.Pow, 0, Number: 2)]);
        yield return new([b, new("L", ValorOps.Pow, 0, Number: 3)]);
        yield return new([a, new("L", ValorOps.Pow, 0, Number: -1)]);
        // n1 feeds L and n2, and L meets it first: its gradient is complete only once n2 has passed its share down,
        // which a backward pass in the wrong order does after n1 has already passed an incomplete one on.
        yield return new([a, b, c, new("n1", ValorOps.Mul, 0, 1), new("n2", ValorOps.Add, 3, 2), new("L", ValorOps.Mul, 3, 4)]);
        yield return new([c, b, new("n1", ValorOps.Mul, 0, 1), new("n2", ValorOps.Tanh, 2), new("L", ValorOps.Mul, 2, 3)]);
        yield return new([c, new("n1", ValorOps.Exp, 0), new("n2", ValorOps.Add, 1, 0), new("L", ValorOps.Mul, 1, 2)]);
        yield return new([a, c, new("n1", ValorOps.Pow, 1, Number: 2), new("n2", ValorOps.Mul, 0, 2), new("L", ValorOps.Add, 2, 3)]);
    }

    private static Expression RandomExpression(Random random, ValorOps ops)
    {
        ValorOps[] choices = [.. Enum.GetValues<ValorOps>().Where(o => o.IsSingle() && (ops & o) != 0)];
        var steps = new List<ExpressionStep>();
        var data = new List<double>();
        var uses = new List<int>();
        string[] leafNames = ["a", "b", "c", "d"];
        int leaves = random.Next(2, 4);
        for (int i = 0; i < leaves; i++)
        {
            double x = Math.Round((0.5 + 1.5 * random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1), 2);
            steps.Add(new(leafNames[i], null, Number: x));
            data.Add(x);
            uses.Add(0);
        }
        int operations = random.Next(3, 7);
        for (int k = 0; k < operations; k++)
        {
            // Draw until the operation is defined and its result moderate (no exp of a big number, no 1/x near 0,
            // no product past 20); a sum always is, so the loop ends when the class has one.
            ValorOps op;
            int left, right;
            double exponent = 0, value;
            int tries = 0;
            do
            {
                op = choices[random.Next(choices.Length)];
                left = Pick(random, steps.Count);
                right = op is ValorOps.Add or ValorOps.Mul ? Pick(random, steps.Count) : -1;
                if (op == ValorOps.Pow) exponent = Math.Abs(data[left]) >= 0.5 && random.Next(3) == 0 ? -1 : random.Next(2, 4);
                value = Apply(op, data[left], right >= 0 ? data[right] : 0, exponent);
            }
            while (!(Math.Abs(value) <= 20) && ++tries < 100);
            steps.Add(new($"n{k + 1}", op, left, right, exponent));
            data.Add(value);
            uses.Add(0);
            uses[left]++;
            if (right >= 0) uses[right]++;
        }
        // The root joins the last node with a node that already has a user (an inner one if there is one, else the
        // last node's own operand), so some node is shared and the order of the backward pass matters.
        int last = steps.Count - 1;
        int shared = Enumerable.Range(0, last).Where(i => uses[i] > 0).OrderBy(i => i >= leaves ? 0 : 1).ThenByDescending(i => i)
            .DefaultIfEmpty(steps[last].Left).First();
        ValorOps join = (ops & ValorOps.Add) != 0 && ((ops & ValorOps.Mul) == 0 || Math.Abs(data[last] * data[shared]) > 20)
            ? ValorOps.Add : ValorOps.Mul;
        steps.Add(new("L", join, last, shared));
        return new Expression(steps);
    }

    private static double Apply(ValorOps op, double x, double y, double exponent) => op switch
    {
        ValorOps.Add => x + y,
        ValorOps.Mul => x * y,
        ValorOps.Tanh => Math.Tanh(x),
        ValorOps.Exp => Math.Exp(x),
        _ => Math.Pow(x, exponent),
    };

    /// <summary>An operand: one of the two newest nodes more often than not, so expressions grow deep as well as wide.</summary>
    private static int Pick(Random random, int count) =>
        random.Next(5) < 3 ? Math.Max(0, count - 1 - random.Next(2)) : random.Next(count);

    private static bool IsSingle(this ValorOps op) => op != 0 && (op & (op - 1)) == 0;
}
