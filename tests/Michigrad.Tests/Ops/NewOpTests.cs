using Michigrad.Tests.TestSupport;

namespace Michigrad.Tests.Ops;

/// <summary>The ops added to the table: their values, names, children and gradients, and PyTorch's edge rules.</summary>
public class NewOpTests
{
    public static TheoryData<string, double> SmoothPoints()
    {
        var data = new TheoryData<string, double>();
        foreach (string op in new[] { "abs", "sqrt", "sin", "cos", "softplus" })
            foreach (double x in new[] { -2.5, -0.3, 0.4, 1.7, 6.0 })
                if (op != "sqrt" || x > 0) data.Add(op, x);
        return data;
    }

    private static Value Unary(string op, Value x) => op switch
    {
        "abs" => x.Abs(),
        "sqrt" => x.Sqrt(),
        "sin" => x.Sin(),
        "cos" => x.Cos(),
        "softplus" => x.Softplus(),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    [Theory]
    [MemberData(nameof(SmoothPoints))]
    public void UnaryOp_HasItsNameOneChildAndTheFiniteDifferenceGradient(string op, double x)
    {
        var a = new Value(x);
        Value y = Unary(op, a);

        Assert.Equal(op, y.Op);
        Assert.Equal([a], y.Children);
        FiniteDifference.AssertGradientMatches(v => Unary(op, v[0]) * v[0], [x]);
    }

    [Fact]
    public void UnaryOps_ComputeTheirFunctions()
    {
        Assert.Equal(2.5, new Value(-2.5).Abs().Data);
        Assert.Equal(3.0, new Value(9).Sqrt().Data);
        Assert.Equal(Math.Sin(0.7), new Value(0.7).Sin().Data);
        Assert.Equal(Math.Cos(0.7), new Value(0.7).Cos().Data);
        Assert.Equal(Math.Log(1 + Math.Exp(0.7)), new Value(0.7).Softplus().Data, 1e-15);
    }

    [Fact]
    public void Abs_AtZero_HasGradientZeroAsPyTorch()
    {
        var x = new Value(0.0);
        x.Abs().Backward();
        Assert.Equal(0.0, x.Grad);
    }

    [Fact]
    public void Softplus_NeverOverflows()
    {
        // softplus(1000) = 1000 + log(1 + e^-1000) = 1000; softplus(-1000) = log(1 + e^-1000) ≈ e^-1000 = 0.
        var big = new Value(1000.0);
        var small = new Value(-1000.0);
        Value sum = big.Softplus() + small.Softplus();
        sum.Backward();

        Assert.Equal(1000.0, big.Softplus().Data);
        Assert.Equal(0.0, small.Softplus().Data);
        Assert.Equal(1.0, big.Grad);   // σ(1000)
        Assert.Equal(0.0, small.Grad);   // σ(-1000)
        Assert.Equal(1e-20, new Value(Math.Log(1e-20)).Softplus().Data, 1e-30);   // log(1 + 1e-20), kept by log1p
    }

    [Fact]
    public void Sqrt_OfNegative_IsNaN_AndAtZeroTheGradientIsInfinite()
    {
        Assert.True(double.IsNaN(new Value(-1).Sqrt().Data));
        var zero = new Value(0.0);
        zero.Sqrt().Backward();
        Assert.Equal(double.PositiveInfinity, zero.Grad);   // torch: 1/(2·0) = inf
    }

    [Theory]
    [InlineData(3.0, 1.0, 1.0, 0.0)]
    [InlineData(1.0, 3.0, 0.0, 1.0)]
    [InlineData(2.0, 2.0, 0.5, 0.5)]   // a tie splits the gradient, as torch.maximum does
    public void Max_SendsTheGradientToTheLarger(double a, double b, double gradA, double gradB)
    {
        var x = new Value(a);
        var y = new Value(b);
        Value m = Value.Max(x, y);
        m.Backward();

        Assert.Equal("max", m.Op);
        Assert.Equal(Math.Max(a, b), m.Data);
        Assert.Equal(gradA, x.Grad);
        Assert.Equal(gradB, y.Grad);
    }

    [Theory]
    [InlineData(3.0, 1.0, 0.0, 1.0)]
    [InlineData(1.0, 3.0, 1.0, 0.0)]
    [InlineData(2.0, 2.0, 0.5, 0.5)]
    public void Min_SendsTheGradientToTheSmaller(double a, double b, double gradA, double gradB)
    {
        var x = new Value(a);
        var y = new Value(b);
        Value m = Value.Min(x, y);
        m.Backward();

        Assert.Equal("min", m.Op);
        Assert.Equal(Math.Min(a, b), m.Data);
        Assert.Equal(gradA, x.Grad);
        Assert.Equal(gradB, y.Grad);
    }

    [Fact]
    public void MaxAndMin_PropagateNaN()
    {
        Assert.True(double.IsNaN(Value.Max(double.NaN, 1).Data));
        Assert.True(double.IsNaN(Value.Min(1, double.NaN).Data));
    }

    [Fact]
    public void LogSumExp_IsOneNodeWithEveryChild()
    {
        Value[] x = [new(0.5), new(-1.0), new(2.0)];
        Value y = Value.LogSumExp(x);

        Assert.Equal("logsumexp", y.Op);
        Assert.Equal(x, y.Children);
        Assert.Equal(Math.Log(Math.Exp(0.5) + Math.Exp(-1) + Math.Exp(2)), y.Data, 1e-15);
    }

    [Fact]
    public void LogSumExp_GradientIsTheSoftmax()
    {
        double[] at = [0.5, -1.0, 2.0, 0.5];
        FiniteDifference.AssertGradientMatches(v => Value.LogSumExp(v) * v[1], at);

        Value[] x = at.Select(v => new Value(v)).ToArray();
        Value.LogSumExp(x).Backward();
        double sum = at.Sum(Math.Exp);
        for (int i = 0; i < at.Length; i++) Assert.Equal(Math.Exp(at[i]) / sum, x[i].Grad, 1e-15);
    }

    [Fact]
    public void LogSumExp_CountsARepeatedChildForEachUse()
    {
        var a = new Value(1.0);
        Value.LogSumExp([a, a, new Value(1.0)]).Backward();
        Assert.Equal(2.0 / 3, a.Grad, 1e-15);
    }

    [Fact]
    public void LogSumExp_IsStableAtAnyShift()
    {
        // torch.logsumexp(tensor([1000., 1000.])) = 1000 + ln 2; (-1000, -1000) gives -1000 + ln 2.
        Assert.Equal(1000 + Math.Log(2), Value.LogSumExp([1000.0, 1000.0]).Data);
        Assert.Equal(-1000 + Math.Log(2), Value.LogSumExp([-1000.0, -1000.0]).Data);
        Assert.Equal(double.PositiveInfinity, Value.LogSumExp([double.PositiveInfinity, 1.0]).Data);
        Assert.Equal(double.NegativeInfinity, Value.LogSumExp([double.NegativeInfinity, double.NegativeInfinity]).Data);
        Assert.True(double.IsNaN(Value.LogSumExp([double.NaN, 1.0]).Data));
    }

    [Fact]
    public void LogSumExp_OfNothing_ThrowsNamingTheList()
    {
        var error = Assert.Throws<ArgumentException>(() => Value.LogSumExp([]));
        Assert.Equal("values", error.ParamName);
        Assert.Throws<ArgumentNullException>(() => Value.LogSumExp([new Value(1), null!]));
    }

    [Fact]
    public void LogSumExp_OfAWideListOnAChain_WalksIteratively()
    {
        // A log-sum-exp of 2000 interior nodes, each the head of a chain: the n-ary walk needs no recursion.
        var x = new Value(0.1);
        var terms = new Value[2000];
        Value chain = x;
        for (int i = 0; i < terms.Length; i++) terms[i] = chain = chain.Tanh() + 0.001;
        Value y = Value.LogSumExp(terms);
        y.Backward();

        Assert.True(double.IsFinite(x.Grad));
        Assert.Equal(4001 + 2000 + 1, Michigrad.Autograd.TopologicalOrder.Of(y).Count);   // tanh+add per term, the constants, x, y
    }
}
