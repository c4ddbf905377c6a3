namespace Michigrad.Tests.Compiled;

public class RandomGraphTests
{
    /// <summary>
    /// Builds a random expression over a few leaves. Operands are drawn from everything built so far (recent nodes
    /// more often), so sub-expressions are shared; chains of sums and products are built on purpose to be fused.
    /// Operations whose operand is outside a comfortable domain are swapped for tanh, so the numbers stay finite and
    /// the comparison says something.
    /// </summary>
    private static Value RandomGraph(Random random, bool nonFinite = false)
    {
        var pool = new List<Value>();
        int leafCount = random.Next(1, 6);
        for (int i = 0; i < leafCount; i++)
            pool.Add(new Value(random.Next(4) == 0 ? 0.0 : Math.Round(random.NextDouble() * 4 - 2, 3)));
        if (nonFinite) pool.Add(new Value(new[] { double.PositiveInfinity, double.NegativeInfinity, double.NaN, -0.0 }[random.Next(4)]));

        Value Pick() => pool[pool.Count - 1 - (int)(Math.Pow(random.NextDouble(), 2) * pool.Count)];

        int operations = random.Next(1, 40);
        for (int n = 0; n < operations; n++)
        {
            Value a = Pick(), b = Pick();
            Value result = random.Next(24) switch
            {
                0 => a + b,
                1 => a - b,
                2 => a * b,
                3 => Math.Abs(b.Data) > 0.1 ? a / b : a.Tanh(),
                4 => -a,
                5 => a.Pow(new[] { 2.0, 3.0, 0.0, -1.0, 0.5 }[random.Next(5)] is var p && (p >= 1 || p == 0 || a.Data > 0.1) ? p : 2.0),
                6 => a.Data > 0.1 && Math.Abs(b.Data) < 3 ? a.Pow(b) : a.Sigmoid(),
                7 => Math.Abs(a.Data) < 5 ? a.Exp() : a.Tanh(),
                8 => a.Data > 0 ? a.Log() : a.Relu(),
                9 => a.Tanh(),
                10 => a.Relu(),
                11 => a.Sigmoid(),
                12 or 13 => Chain(random, Pick, products: true),
                14 or 15 => Chain(random, Pick, products: false),
                16 => a.Abs(),
                17 => a.Data > 0.1 ? a.Sqrt() : a.Sin(),
                18 => a.Sin(),
                19 => a.Cos(),
                20 => a.Softplus(),
                21 => Value.Max(a, b),
                22 => Value.Min(a, b),
                _ => Value.LogSumExp([a, b, Pick()]),
            };
            pool.Add(Math.Abs(result.Data) < 1e6 || nonFinite ? result : result.Tanh());
        }

        // The root adds a few of the last nodes, so several of them are outputs of shared work.
        Value root = pool[^1];
        for (int i = 0, extra = random.Next(3); i < extra; i++) root = root + Pick();
        return root;
    }

    private static Value Chain(Random random, Func<Value> pick, bool products)
    {
        Value sum = pick();
        for (int i = 0, terms = random.Next(1, 12); i < terms; i++)
            sum = sum + (products && random.Next(3) > 0 ? pick() * pick() : pick());
        return sum;
    }

    [Fact]
    public void RandomGraphs_MatchTheObjectGraph()
    {
        var random = new Random(20240611);
        for (int graph = 0; graph < 500; graph++)
        {
            Value root = RandomGraph(random);
            try
            {
                Agreement.AssertCompiledMatches(root);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"graph {graph}: {e.Message}");
            }
        }
    }

    [Fact]
    public void RandomGraphsWithNonFiniteLeaves_MatchTheObjectGraph()
    {
        // Infinities, NaN and dead relus together: zero gradients must still meet 0·∞ = NaN where Value meets it.
        var random = new Random(77);
        for (int graph = 0; graph < 300; graph++)
        {
            Value root = RandomGraph(random, nonFinite: true);
            try
            {
                Agreement.AssertCompiledMatches(root, initialLeafGrad: graph % 3 == 0 ? -0.0 : 0.0);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"graph {graph}: {e.Message}");
            }
        }
    }
}
