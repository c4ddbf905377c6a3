using Michigrad.Tests.TestSupport;

namespace Michigrad.Tests;

/// <summary>The contract of <see cref="Value"/>: operations, their local derivatives, and the reference results.</summary>
public class ValueTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void AValue_TakesAtMost56Bytes_AFreeStandingLeafANodeAndAParametersWindowAlike()
    {
        // A graph is millions of these: the numbers, the op and two operand slots, and nothing per node besides.
        const int Count = 10_000;
        var kept = new Value[2 * Count];
        Value one = new(1.0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Count; i++) kept[i] = new Value(i);
        for (int i = 0; i < Count; i++) kept[Count + i] = one * kept[i];
        long leavesAndNodes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var storage = new ParameterStorage(Count);   // its numbers, gradients and windows: 8 + 8 + 8 + a window each
        long storageBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(leavesAndNodes <= 2L * Count * 56, $"{leavesAndNodes / (2.0 * Count)} bytes a value");
        Assert.True(storageBytes <= Count * (3L * 8 + 56) + 1024, $"{storageBytes / (double)Count} bytes a place");
        Assert.Equal(Count, storage.Parameters.Length);
    }

    [Fact]
    public void MicrogradSanityCheck_MatchesPyTorch()
    {
        // micrograd test_engine.py::test_sanity_check, reference values computed there with PyTorch.
        var x = new Value(-4.0);
        var z = 2 * x + 2 + x;
        var q = z.Relu() + z * x;
        var h = (z * z).Relu();
        var y = h + q + q * x;
        y.Backward();

        Assert.Equal(-20.0, y.Data, Tolerance);
        Assert.Equal(46.0, x.Grad, Tolerance);
    }

    [Fact]
    public void MicrogradMoreOps_MatchesPyTorch()
    {
        // micrograd test_engine.py::test_more_ops, reference values computed there with PyTorch.
        var a = new Value(-4.0);
        var b = new Value(2.0);
        var c = a + b;
        var d = a * b + b.Pow(3);
        c = c + c + 1;
        c = c + 1 + c + (-a);
        d = d + d * 2 + (b + a).Relu();
        d = d + 3 * d + (b - a).Relu();
        var e = c - d;
        var f = e.Pow(2);
        var g = f / 2.0;
        g = g + 10.0 / f;
        g.Backward();

        Assert.Equal(24.70408163265306, g.Data, Tolerance);
        Assert.Equal(138.8338192419825, a.Grad, Tolerance);
        Assert.Equal(645.5772594752186, b.Grad, Tolerance);
    }

    [Fact]
    public void SeedNotebookExample_GivesTheNotebooksGradients()
    {
        // The seed notebook's example; the reference numbers are its outputs (PyTorch agrees).
        var w0 = new Value(-0.5, "W₀");
        var x0 = new Value(0.5, "x₀");
        var w1 = new Value(-0.3, "W₁");
        var x1 = new Value(2, "x₁");
        var yhat = (w0 * x0 + w1 * x1).Tanh();
        var y = new Value(0.8, "y");
        var loss = y - yhat;
        loss.Backward();

        Assert.Equal(1.4910694698329305, loss.Data, Tolerance);
        Assert.Equal(-0.26121149393241616, w0.Grad, Tolerance);
        Assert.Equal(0.26121149393241616, x0.Grad, Tolerance);
        Assert.Equal(-1.0448459757296646, w1.Grad, Tolerance);
        Assert.Equal(0.1567268963594497, x1.Grad, Tolerance);
    }

    [Fact]
    public void Backward_CountsASharedNodeOnce()
    {
        // The seed's `if v is not visited` is always true, so b's gradient would be applied twice (a.Grad 16).
        var a = new Value(1, "a");
        var b = a * 2;
        var c = b + 1;
        var d = b * 3;
        var e = c + d;
        e.Backward();

        Assert.Equal(8, a.Grad);
        Assert.Equal(4, b.Grad);
    }

    [Fact]
    public void Backward_SelfProductHasTwoEdgesAndGradientTwoX()
    {
        var x = new Value(3);
        var y = x * x;
        y.Backward();

        Assert.Equal(2, y.Children.Count);
        Assert.Same(x, y.Children[0]);
        Assert.Same(x, y.Children[1]);
        Assert.Equal(6, x.Grad);
    }

    [Fact]
    public void Backward_CalledTwice_AccumulatesIntoLeavesOnlyLikePyTorch()
    {
        var a = new Value(2);
        var b = new Value(5);
        var product = a * b;
        var root = product.Tanh() + product;

        root.Backward();
        double aOnce = a.Grad, bOnce = b.Grad, productOnce = product.Grad;
        root.Backward();

        Assert.Equal(2 * aOnce, a.Grad, 1e-15);
        Assert.Equal(2 * bOnce, b.Grad, 1e-15);
        Assert.Equal(productOnce, product.Grad);   // interior: this pass's gradient, not a running sum
        Assert.Equal(1, root.Grad);
    }

    [Fact]
    public void Backward_OnALeaf_AccumulatesOne()
    {
        var x = new Value(7);
        x.Backward();
        x.Backward();
        Assert.Equal(2, x.Grad);
    }

    [Fact]
    public void Backward_OnAChainOfAMillionAdditions_DoesNotOverflowTheStack()
    {
        var x = new Value(1);
        Value sum = x;
        for (int i = 0; i < 1_000_000; i++) sum += x;

        // Run on a thread with a small stack: a recursive walk would need tens of megabytes here.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { sum.Backward(); }
            catch (Exception e) { failure = e; }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(failure);
        Assert.Equal(1_000_001, sum.Data);
        Assert.Equal(1_000_001, x.Grad);
    }

    [Theory]
    [InlineData(1000.0, 1.0)]
    [InlineData(-1000.0, -1.0)]
    [InlineData(710.0, 1.0)]
    public void Tanh_OfLargeInput_IsOneWithZeroGradient(double input, double expected)
    {
        var x = new Value(input);
        var t = x.Tanh();
        t.Backward();
        Assert.Equal(expected, t.Data);
        Assert.Equal(0.0, x.Grad);
    }

    [Theory]
    [InlineData(-1000.0, 0.0)]
    [InlineData(1000.0, 1.0)]
    [InlineData(-745.5, 0.0)]
    public void Sigmoid_OfLargeInput_SaturatesWithoutNaN(double input, double expected)
    {
        var x = new Value(input);
        var s = x.Sigmoid();
        s.Backward();
        Assert.Equal(expected, s.Data);
        Assert.Equal(0.0, x.Grad);
    }

    [Fact]
    public void Sigmoid_MatchesTheLogisticFormulaInItsUsualRange()
    {
        foreach (double v in new[] { -30.0, -2.5, -0.1, 0.0, 0.3, 4.0, 30.0 })
            Assert.Equal(1.0 / (1.0 + Math.Exp(-v)), new Value(v).Sigmoid().Data, 1e-15);
    }

    public static TheoryData<string, Func<Value, Value, Value>, Func<double, double, double>, Func<double, double, double>, Func<double, double, double>> BinaryOps => new()
    {
        { "+", (a, b) => a + b, (a, b) => a + b, (a, b) => 1, (a, b) => 1 },
        { "-", (a, b) => a - b, (a, b) => a - b, (a, b) => 1, (a, b) => -1 },
        { "*", (a, b) => a * b, (a, b) => a * b, (a, b) => b, (a, b) => a },
        { "/", (a, b) => a / b, (a, b) => a / b, (a, b) => 1 / b, (a, b) => -a / (b * b) },
        { "pow", (a, b) => a.Pow(b), Math.Pow, (a, b) => b * Math.Pow(a, b - 1), (a, b) => Math.Pow(a, b) * Math.Log(a) },
    };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryOp_MatchesItsAnalyticDerivative(string op, Func<Value, Value, Value> apply,
        Func<double, double, double> f, Func<double, double, double> dfda, Func<double, double, double> dfdb)
    {
        var random = new Random(op.GetHashCode(StringComparison.Ordinal) & 0xffff);
        for (int i = 0; i < 50; i++)
        {
            double av = 0.1 + 3 * random.NextDouble(), bv = (random.NextDouble() - 0.5) * 4;
            if (Math.Abs(bv) < 0.1) bv = 0.5;
            var a = new Value(av);
            var b = new Value(bv);
            var result = apply(a, b);
            result.Backward();

            Assert.Equal(op, result.Op);
            Assert.Equal(f(av, bv), result.Data, 1e-12);
            Assert.Equal(dfda(av, bv), a.Grad, 1e-9);
            Assert.Equal(dfdb(av, bv), b.Grad, 1e-9);
        }
    }

    public static TheoryData<string, Func<Value, Value>, Func<double, double>, Func<double, double>> UnaryOps => new()
    {
        { "neg", a => -a, a => -a, a => -1 },
        { "**2", a => a.Pow(2), a => a * a, a => 2 * a },
        { "**-1", a => a.Pow(-1), a => 1 / a, a => -1 / (a * a) },
        { "**0.5", a => a.Pow(0.5), Math.Sqrt, a => 0.5 / Math.Sqrt(a) },
        { "exp", a => a.Exp(), Math.Exp, Math.Exp },
        { "log", a => a.Log(), Math.Log, a => 1 / a },
        { "tanh", a => a.Tanh(), Math.Tanh, a => 1 - Math.Tanh(a) * Math.Tanh(a) },
        { "relu", a => a.Relu(), a => Math.Max(0, a), a => a > 0 ? 1 : 0 },
        { "sigmoid", a => a.Sigmoid(), a => 1 / (1 + Math.Exp(-a)), a => Math.Exp(-a) / Math.Pow(1 + Math.Exp(-a), 2) },
    };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryOp_MatchesItsAnalyticDerivative(string op, Func<Value, Value> apply, Func<double, double> f,
        Func<double, double> dfda)
    {
        var random = new Random(op.Length * 7919);
        for (int i = 0; i < 50; i++)
        {
            // Positive points for the ops defined there (log, fractional powers); both signs otherwise.
            bool positiveOnly = op is "log" or "**0.5" or "**-1";
            double av = positiveOnly ? 0.1 + 3 * random.NextDouble() : (random.NextDouble() - 0.5) * 6;
            var a = new Value(av);
            var result = apply(a);
            result.Backward();

            Assert.Equal(op, result.Op);
            Assert.Equal(f(av), result.Data, 1e-12);
            Assert.Equal(dfda(av), a.Grad, 1e-9);
        }
    }

    [Fact]
    public void Relu_AtZero_HasZeroGradientLikePyTorch()
    {
        var x = new Value(0.0);
        x.Relu().Backward();
        Assert.Equal(0.0, x.Grad);
    }

    [Fact]
    public void PowWithZeroExponent_HasZeroGradientAtZero()
    {
        var x = new Value(0.0);
        x.Pow(0).Backward();
        Assert.Equal(0.0, x.Grad);
    }

    [Fact]
    public void PowOfValue_AtZeroBase_GivesZeroExponentGradientLikePyTorch()
    {
        var a = new Value(0.0);
        var b = new Value(2.0);
        a.Pow(b).Backward();
        Assert.Equal(0.0, b.Grad);   // out·ln(0) would be 0·(-∞) = NaN; PyTorch defines it as 0
        Assert.Equal(0.0, a.Grad);
    }

    [Fact]
    public void PowOfValue_WithNegativeBase_GivesNaNExponentGradientLikePyTorch()
    {
        var a = new Value(-2.0);
        var b = new Value(3.0);
        var p = a.Pow(b);
        p.Backward();
        Assert.Equal(-8.0, p.Data);
        Assert.Equal(12.0, a.Grad);
        Assert.True(double.IsNaN(b.Grad));
    }

    [Fact]
    public void Pow_NegativeBaseFractionalExponent_IsNaN()
    {
        Assert.True(double.IsNaN(new Value(-2.0).Pow(0.5).Data));
    }

    [Fact]
    public void Log_OfZero_IsMinusInfinityAndOfNegative_IsNaN()
    {
        Assert.Equal(double.NegativeInfinity, new Value(0.0).Log().Data);
        Assert.True(double.IsNaN(new Value(-1.0).Log().Data));
    }

    [Fact]
    public void MixedOperands_WrapDoublesAsLeaves()
    {
        var x = new Value(3, "x");
        Value[] results = [x + 1, 1 + x, x - 1, 1 - x, x * 2, 2 * x, x / 2, 6 / x];
        double[] expected = [4, 4, 2, -2, 6, 6, 1.5, 2];

        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i], results[i].Data);
            Assert.Equal(2, results[i].Children.Count);
            Assert.Contains(x, results[i].Children);
        }
    }

    [Fact]
    public void Children_AreInOperandOrder()
    {
        var a = new Value(1, "a");
        var b = new Value(2, "b");
        var difference = b - a;
        Assert.Equal([b, a], difference.Children);
        Assert.Empty(a.Children);
        Assert.Equal([a], a.Exp().Children);
        Assert.Equal([a], a.Pow(3).Children);   // the constant exponent is part of the op, not a child
    }

    [Fact]
    public void Leaf_HasEmptyOp()
    {
        var leaf = new Value(1.5, "w");
        Assert.Equal("", leaf.Op);
        Assert.Equal("w", leaf.Label);
        Assert.Equal(0, leaf.Grad);
    }

    [Fact]
    public void Label_CanBeRenamedAndCleared_AndBelongsToOneNode()
    {
        var a = new Value(1, "a");
        var b = new Value(1);
        a.Label = "renamed";
        b.Label = "b";
        Assert.Equal("renamed", a.Label);
        Assert.Equal("b", b.Label);

        a.Label = null;
        Assert.Null(a.Label);
        Assert.Equal("b", b.Label);
        Assert.Null((b * 2).Label);   // a result is not named after its operands
    }

    [Fact]
    public void Values_CompareByReference()
    {
        var a = new Value(1);
        var b = new Value(1);
        Assert.NotEqual(a, b);
        Assert.Equal(a, a);
        Assert.Equal(2, new HashSet<Value> { a, b }.Count);
    }

    [Fact]
    public void ToString_ShowsDataGradOpAndLabel()
    {
        var a = new Value(2.5, "a");
        var b = (a * 2).Tanh();
        b.Label = "out";
        b.Backward();

        string expectedGrad = (2 * (1 - Math.Pow(Math.Tanh(5), 2))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Value(data=2.5, grad={expectedGrad}, op=, label=a)", a.ToString());
        string expectedData = Math.Tanh(5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Value(data={expectedData}, grad=1, op=tanh, label=out)", b.ToString());
    }

    [Fact]
    public void Operators_RejectNullOperandsByName()
    {
        var a = new Value(1);
        Value? missing = null;
        var error = Assert.Throws<ArgumentNullException>(() => a + missing!);
        Assert.Equal("b", error.ParamName);
        Assert.Throws<ArgumentNullException>(() => a.Pow(missing!));
    }

    public static TheoryData<string, Func<Value[], Value>, double, double> FunctionsOfTwoValues => new()
    {
        // name, f, lowest point, highest point: each function is checked where it is smooth.
        { "a + b", x => x[0] + x[1], -3, 3 },
        { "a - b", x => x[0] - x[1], -3, 3 },
        { "a * b", x => x[0] * x[1], -3, 3 },
        { "a / b", x => x[0] / x[1], 0.5, 3 },
        { "-a * b", x => -x[0] * x[1], -3, 3 },
        { "a ** 3 + b ** -2", x => x[0].Pow(3) + x[1].Pow(-2), 0.5, 3 },
        { "a ** b", x => x[0].Pow(x[1]), 0.5, 3 },
        { "exp(a) * log(b)", x => x[0].Exp() * x[1].Log(), 0.5, 3 },
        { "tanh(a * b)", x => (x[0] * x[1]).Tanh(), -2, 2 },
        { "sigmoid(a - b)", x => (x[0] - x[1]).Sigmoid(), -3, 3 },
        { "relu(a) * b", x => x[0].Relu() * x[1], 0.5, 3 },
        { "shared: (a*b) * (a*b + a)", x => { var ab = x[0] * x[1]; return ab * (ab + x[0]); }, -2, 2 },
    };

    [Theory]
    [MemberData(nameof(FunctionsOfTwoValues))]
    public void Backward_MatchesCentralFiniteDifferencesAtRandomPoints(string name, Func<Value[], Value> f,
        double low, double high)
    {
        var random = new Random(name.Length * 104729);
        for (int trial = 0; trial < 20; trial++)
        {
            double[] at = [low + (high - low) * random.NextDouble(), low + (high - low) * random.NextDouble()];
            FiniteDifference.AssertGradientMatches(f, at, tolerance: 1e-6);
        }
    }
}
