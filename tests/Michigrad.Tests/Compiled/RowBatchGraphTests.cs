using Michigrad.Compiled;
using Michigrad.NN;

namespace Michigrad.Tests.Compiled;

public class RowBatchGraphTests
{
    /// <summary>
    /// One row's random graph over its row leaves and shared parameters, every op of the library used. The shape comes
    /// from <paramref name="seed"/> alone (never from data), so the same recipe builds the same graph for every row;
    /// operands are kept inside the ops' domains by construction (a logarithm of a softplus, a power of a sigmoid).
    /// </summary>
    private static Value RowGraph(int seed, IReadOnlyList<Value> rowLeaves, IReadOnlyList<Value> parameters)
    {
        var random = new Random(seed);
        var pool = new List<Value>(rowLeaves);
        pool.AddRange(parameters);
        Value Pick() => pool[pool.Count - 1 - (int)(Math.Pow(random.NextDouble(), 2) * pool.Count)];

        for (int n = 0, operations = random.Next(5, 40); n < operations; n++)
        {
            Value a = Pick(), b = Pick();
            Value result = random.Next(25) switch
            {
                0 => a + b,
                1 => a - b,
                2 => a * b,
                3 => a / (1.5 + b.Tanh()),
                4 => -a,
                5 => a.Pow(new[] { 2.0, 3.0, 0.0, 1.0 }[random.Next(4)]),
                6 => (a.Sigmoid() + 0.5).Pow(b.Tanh()),
                7 => a.Tanh().Exp(),
                8 => (a.Softplus() + 0.1).Log(),
                9 => a.Tanh(),
                10 => a.Relu(),
                11 => a.Sigmoid(),
                12 or 13 => Dot(random, pool, Pick),
                14 => Chain(random, Pick),
                15 => a.Abs(),
                16 => (a.Abs() + 0.1).Sqrt(),
                17 => a.Sin(),
                18 => a.Cos(),
                19 => a.Softplus(),
                20 => Value.Max(a, b),
                21 => Value.Min(a, b),
                22 => Dot(random, pool, Pick).Relu(),
                _ => Value.LogSumExp([a, b, Pick()]),
            };
            pool.Add(result.Tanh() * 2);   // keeps every number moderate, whatever the row
        }
        Value root = pool[^1] + parameters[random.Next(parameters.Count)] * Pick();   // something to differentiate
        for (int i = 0, extra = random.Next(3); i < extra; i++) root = root + Pick();
        return root;
    }

    /// <summary>A neuron-like chain: an optional bias, then products of a parameter and another node (or two nodes).</summary>
    private static Value Dot(Random random, List<Value> pool, Func<Value> pick)
    {
        Value sum = random.Next(2) == 0 ? pick() : pick() * pick();
        for (int i = 0, terms = random.Next(1, 14); i < terms; i++)
            sum = sum + (random.Next(4) > 0 ? pool[random.Next(pool.Count)] * pick() : pick());
        return sum;
    }

    private static Value Chain(Random random, Func<Value> pick)
    {
        Value sum = pick();
        for (int i = 0, terms = random.Next(1, 8); i < terms; i++) sum = sum + pick();
        return sum;
    }

    /// <summary>Builds each row's object graph and the batch's mean as the library's losses take it.</summary>
    private static Value ObjectMean(Func<IReadOnlyList<Value>, Value> build, double[][] rows, bool[] rowLeafNeedsGrad,
        out Value[] outputs, out Value[][] rowLeaves)
    {
        outputs = new Value[rows.Length];
        rowLeaves = new Value[rows.Length][];
        for (int r = 0; r < rows.Length; r++)
        {
            rowLeaves[r] = rows[r].Select((x, j) => rowLeafNeedsGrad[j] ? new Value(x) : Value.Constant(x)).ToArray();
            outputs[r] = build(rowLeaves[r]);
        }
        Value sum = outputs[0];
        for (int r = 1; r < rows.Length; r++) sum += outputs[r];
        return sum / rows.Length;
    }

    private static void AssertGradientsClose(IReadOnlyList<Value> parameters, double[] expected, string what)
    {
        double scale = expected.Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (int i = 0; i < parameters.Count; i++)
        {
            double e = expected[i], a = parameters[i].Grad;
            if (e.Equals(a)) continue;
            Assert.True(Math.Abs(e - a) <= 1e-12 * Math.Max(Math.Abs(e), Math.Abs(a)) + 1e-13 * scale,
                $"{what}: parameter {i}'s gradient: expected {e:R}, got {a:R}");
        }
    }

    [Fact]
    public void RandomRowGraphs_ForwardIsTheObjectGraphsToTheBit_AndGradientsAgreeToRounding()
    {
        var random = new Random(20261130);
        for (int graph = 0; graph < 200; graph++)
        {
            int seed = random.Next(), width = random.Next(1, 6), rowCount = random.Next(1, 23);
            var parameters = Enumerable.Range(0, random.Next(1, 6)).Select(_ => new Value(random.NextDouble() * 2 - 1)).ToArray();
            bool[] needs = Enumerable.Range(0, width).Select(_ => random.Next(4) == 0).ToArray();
            double[][] rows = Enumerable.Range(0, rowCount)
                .Select(_ => Enumerable.Range(0, width).Select(_ => Math.Round(random.NextDouble() * 4 - 2, 3)).ToArray()).ToArray();
            Value Build(IReadOnlyList<Value> leaves) => RowGraph(seed, leaves, parameters);

            // The object graph of the whole batch.
            Value mean = ObjectMean(Build, rows, needs, out Value[] outputs, out Value[][] objectLeaves);
            foreach (Value p in parameters) p.Grad = 0.25;
            mean.Backward();
            double[] expected = parameters.Select(p => p.Grad).ToArray();

            // One row's graph, compiled once, run over the rows in lanes.
            Value[] template = needs.Select(n => n ? new Value(0.0) : Value.Constant(0.0)).ToArray();
            RowBatchGraph lanes = Compiler.CompileRows(Build(template), template, capacity: rowCount + random.Next(3));
            for (int r = 0; r < rowCount; r++) lanes.SetRow(r, rows[r]);
            lanes.Forward(rowCount);
            string what = $"graph {graph} (seed {seed}, {rowCount} rows)";
            for (int r = 0; r < rowCount; r++)
                Assert.True(outputs[r].Data.Equals(lanes.Output(r)), $"{what}: row {r}: expected {outputs[r].Data:R}, got {lanes.Output(r):R}");
            Assert.True(mean.Data.Equals(lanes.Mean), $"{what}: mean: expected {mean.Data:R}, got {lanes.Mean:R}");

            foreach (Value p in parameters) p.Grad = 0.25;
            lanes.Backward();
            AssertGradientsClose(parameters, expected, what);
            for (int r = 0; r < rowCount; r++)
                for (int j = 0; j < width; j++)
                {
                    double e = needs[j] ? objectLeaves[r][j].Grad : 0.0, a = lanes.RowLeafGrad(r, j);
                    Assert.True(e.Equals(a) || Math.Abs(e - a) <= 1e-12 * Math.Max(Math.Abs(e), Math.Abs(a)) + 1e-15,
                        $"{what}: row {r}, leaf {j}: expected {e:R}, got {a:R}");
                }
        }
    }

    [Theory]
    [InlineData(70)]    // 71 pairs per first-layer neuron: more than one stretch of pairs backward
    [InlineData(300)]   // 301: more than one forward (at 37 rows, stretches of 256 pairs) and five backward
    public void Mlp_OverABatch_MatchesItsObjectGraph(int inputs)
    {
        var model = new MLP(inputs, [20, 9, 3], seed: 5);
        var random = new Random(3);
        const int RowCount = 37;   // not a multiple of the kernels' four or eight rows
        double[][] rows = Enumerable.Range(0, RowCount)
            .Select(_ => Enumerable.Range(0, inputs).Select(_ => random.NextDouble()).ToArray()).ToArray();
        Value[] parameters = model.Parameters().ToArray();
        Value Build(IReadOnlyList<Value> x) => model.Forward(x).Aggregate((a, b) => a + b * b);

        Value mean = ObjectMean(Build, rows, new bool[inputs], out Value[] outputs, out _);
        model.ZeroGrad();
        mean.Backward();
        double[] expected = parameters.Select(p => p.Grad).ToArray();

        Value[] template = Enumerable.Range(0, inputs).Select(_ => Value.Constant(0.0)).ToArray();
        RowBatchGraph lanes = Compiler.CompileRows(Build(template), template, capacity: 64);
        for (int r = 0; r < RowCount; r++) lanes.SetRow(r, rows[r]);
        lanes.Forward(RowCount);
        for (int r = 0; r < RowCount; r++) Assert.Equal(outputs[r].Data, lanes.Output(r));
        Assert.Equal(mean.Data, lanes.Mean);
        model.ZeroGrad();
        lanes.Backward();
        AssertGradientsClose(parameters, expected, "MLP");
    }

    [Theory]
    [InlineData(1, 256)]
    [InlineData(37, 256)]   // Mlp_OverABatch's rows: its 301 pairs take two forward stretches
    [InlineData(64, 256)]
    [InlineData(100, 160)]
    [InlineData(128, 128)]
    [InlineData(256, 64)]
    [InlineData(100_000, 64)]
    public void ForwardStretch_KeepsTheStretchsInputLanesWithin128KiB_InWholeFours(int rows, int expected)
    {
        int stretch = LaneSweeps.ForwardStretch(rows);
        Assert.Equal(expected, stretch);
        Assert.Equal(0, stretch % 4);
        Assert.InRange(stretch, LaneSweeps.KBlock, 4 * LaneSweeps.KBlock);
        if (stretch > LaneSweeps.KBlock) Assert.True(stretch * rows * sizeof(double) <= 128 * 1024);
    }

    [Fact]
    public void WeightsReadInPlace_AfterPlainAddends_MatchTheObjectGraph()
    {
        // A dot whose first pairs are plain addends (no lane factor) and whose weights are row 0 of a layer's storage:
        // its gradient sums go straight to the storage from the first lane pair on.
        var layer = new Layer(11, 2, bias: false, activation: Activation.None, seed: 3);
        Value p = new(0.1), q = new(-0.2), s = new(0.3);
        IReadOnlyList<Value> w = layer.Neurons[0].Weights;
        Value[] parameters = [p, q, s, .. w];
        Value Build(IReadOnlyList<Value> x)
        {
            Value sum = p + q + s;
            for (int i = 0; i < x.Count; i++) sum += w[i] * x[i];
            return sum * sum;
        }
        var random = new Random(8);
        const int RowCount = 13;
        double[][] rows = Enumerable.Range(0, RowCount)
            .Select(_ => Enumerable.Range(0, 11).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();

        Value mean = ObjectMean(Build, rows, new bool[11], out Value[] outputs, out _);
        foreach (Value parameter in parameters) parameter.Grad = 0;
        mean.Backward();
        double[] expected = parameters.Select(parameter => parameter.Grad).ToArray();

        Value[] template = Enumerable.Range(0, 11).Select(_ => Value.Constant(0.0)).ToArray();
        RowBatchGraph lanes = Compiler.CompileRows(Build(template), template, capacity: 16);
        for (int r = 0; r < RowCount; r++) lanes.SetRow(r, rows[r]);
        lanes.Forward(RowCount);
        for (int r = 0; r < RowCount; r++) Assert.Equal(outputs[r].Data, lanes.Output(r));
        foreach (Value parameter in parameters) parameter.Grad = 0;
        lanes.Backward();
        AssertGradientsClose(parameters, expected, "plain addends, then weights in place");
    }

    [Fact]
    public void ObservedData_ReadsEachRowsNode()
    {
        var w = new Value(2.0);
        var x = Value.Constant(0.0);
        Value hidden = (w * x).Tanh();
        RowBatchGraph lanes = Compiler.CompileRows(hidden * 3, [x], capacity: 3, observed: [hidden]);
        for (int r = 0; r < 3; r++) lanes.SetRow(r, [r * 0.5]);
        lanes.Forward(3);
        for (int r = 0; r < 3; r++) Assert.Equal(Math.Tanh(2.0 * (r * 0.5)), lanes.ObservedData(r, 0));
    }

    [Fact]
    public void Backward_WithSeeds_GivesTheGradientOfTheirWeightedSum()
    {
        var w = new Value(1.5);
        var x = Value.Constant(0.0);
        RowBatchGraph lanes = Compiler.CompileRows(w * x, [x], capacity: 2);
        lanes.SetRow(0, [2.0]);
        lanes.SetRow(1, [3.0]);
        lanes.Forward(2);
        lanes.Backward([1.0, 10.0]);
        Assert.Equal(2.0 + 30.0, w.Grad);
    }

    [Fact]
    public void BadArguments_AreNamed()
    {
        var w = new Value(1.5);
        var x = Value.Constant(0.0);
        Value y = w * x;
        Assert.Contains("not a leaf", Assert.Throws<ArgumentException>(() => Compiler.CompileRows(y, [y], 4)).Message);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => Compiler.CompileRows(y, [x, x], 4)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Compiler.CompileRows(y, [x], 0));

        RowBatchGraph lanes = Compiler.CompileRows(y, [x], 4);
        Assert.Contains("Forward", Assert.Throws<InvalidOperationException>(() => lanes.Backward()).Message);
        Assert.Contains("[1, 4], got 5", Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Forward(5)).Message);
        Assert.Contains("[0, 4), got 4", Assert.Throws<ArgumentOutOfRangeException>(() => lanes.SetRow(4, [1.0])).Message);
        Assert.Contains("run past", Assert.Throws<ArgumentOutOfRangeException>(() => lanes.SetRow(0, [1.0, 2.0])).Message);
        lanes.Forward(2);
        Assert.Contains("below the 2 rows", Assert.Throws<ArgumentOutOfRangeException>(() => lanes.Output(2)).Message);
        Assert.Contains("rowSeeds[1] must be finite, got NaN",
            Assert.Throws<ArgumentException>(() => lanes.Backward([1.0, double.NaN])).Message);
        Assert.Contains("3 numbers", Assert.Throws<ArgumentException>(() => lanes.Backward([1.0, 1.0, 1.0])).Message);
    }

    [Fact]
    public void SetRows_WritesWhatSetRowWrites_ForWholeBlocksOfEightAndATail()
    {
        SetRowsAgreeWithSetRow(width: 5, unread: -1);
    }

    [Fact]
    public void SetRows_WritesWhatSetRowWrites_WhenTheGraphDoesNotReadARowLeaf()
    {
        SetRowsAgreeWithSetRow(width: 11, unread: 2);   // in the first four (whole fours go four at a time) and a tail
        SetRowsAgreeWithSetRow(width: 11, unread: 9);
    }

    /// <summary>Rows of <paramref name="width"/> numbers, the graph reading every one but number <paramref name="unread"/>.</summary>
    private static void SetRowsAgreeWithSetRow(int width, int unread)
    {
        Value[] template = Enumerable.Range(0, width).Select(_ => Value.Constant(0.0)).ToArray();
        Value[] read = template.Where((_, j) => j != unread).ToArray();
        var model = new MLP(read.Length, [3, 2], seed: 1);
        Value loss = model.Forward(read).Aggregate((a, b) => a + b * b);
        var random = new Random(2);
        foreach (int count in new[] { 1, 7, 8, 9, 16, 19 })
        {
            double[][] source = Enumerable.Range(0, count + 3).Select(_ => Enumerable.Range(0, width).Select(_ => random.NextDouble()).ToArray()).ToArray();
            RowBatchGraph byRow = Compiler.CompileRows(loss, template, capacity: 24);
            RowBatchGraph byBlock = Compiler.CompileRows(loss, template, capacity: 24);
            for (int r = 0; r < count; r++) byRow.SetRow(r, source[3 + r]);
            byBlock.SetRows(source, 3, count);
            byRow.Forward(count);
            byBlock.Forward(count);
            for (int r = 0; r < count; r++) Assert.Equal(byRow.Output(r), byBlock.Output(r));
        }
    }

    [Fact]
    public void SetRows_RejectsRowsOfDifferentLengths_TooWideRows_AndMoreRowsThanItHolds()
    {
        var model = new MLP(2, [1], seed: 1);
        Value[] template = [Value.Constant(0.0), Value.Constant(0.0)];
        RowBatchGraph graph = Compiler.CompileRows(model.Forward(template)[0], template, capacity: 4);
        var error = Assert.Throws<ArgumentException>(() => graph.SetRows([[1.0, 2.0], [3.0]], 0, 2));
        Assert.Contains("Row 1 has 1 numbers", error.Message);
        Assert.Contains("3 numbers but there are 2 row leaves",
            Assert.Throws<ArgumentException>(() => graph.SetRows([[1.0, 2.0, 3.0]], 0, 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.SetRows([[1.0, 2.0]], 0, 5));
    }
}
