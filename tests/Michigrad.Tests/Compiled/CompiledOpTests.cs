using Michigrad.Compiled;

namespace Michigrad.Tests.Compiled;

public class CompiledOpTests
{
    public static TheoryData<string, double, double> Points()
    {
        var data = new TheoryData<string, double, double>();
        string[] ops = ["+", "-", "*", "/", "neg", "**2", "**0.5", "**-1", "**0", "pow", "exp", "log", "tanh", "relu", "sigmoid",
            "abs", "sqrt", "sin", "cos", "softplus", "max", "min", "logsumexp"];
        (double A, double B)[] points = [(1.5, -0.75), (-2, 3), (0, 0), (0, 2), (0, -1), (1000, -1000), (-1000, 0.5), (double.NaN, 1), (2, 2), (-0.0, 0)];
        foreach (string op in ops)
            foreach ((double a, double b) in points) data.Add(op, a, b);
        return data;
    }

    private static Value Apply(string op, Value a, Value b) => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        "neg" => -a,
        "**2" => a.Pow(2),
        "**0.5" => a.Pow(0.5),
        "**-1" => a.Pow(-1),
        "**0" => a.Pow(0),
        "pow" => a.Pow(b),
        "exp" => a.Exp(),
        "log" => a.Log(),
        "tanh" => a.Tanh(),
        "relu" => a.Relu(),
        "sigmoid" => a.Sigmoid(),
        "abs" => a.Abs(),
        "sqrt" => a.Sqrt(),
        "sin" => a.Sin(),
        "cos" => a.Cos(),
        "softplus" => a.Softplus(),
        "max" => Value.Max(a, b),
        "min" => Value.Min(a, b),
        "logsumexp" => Value.LogSumExp([a, b, a * b]),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void EachOp_MatchesTheObjectGraph(string op, double a, double b)
    {
        var x = new Value(a, "a");
        var y = new Value(b, "b");
        Agreement.AssertCompiledMatches(Apply(op, x, y));
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void EachOp_InsideAFusedSum_MatchesTheObjectGraph(string op, double a, double b)
    {
        var x = new Value(a, "a");
        var y = new Value(b, "b");
        var w = new Value(0.25, "w");
        // The op's result is a term of a dot node and a factor of one of its products.
        Value root = w + Apply(op, x, y) * w + x * y + Apply(op, y, x);
        Agreement.AssertCompiledMatches(root);
    }

    [Fact]
    public void EdgePoints_FollowValue()
    {
        Assert.Equal(0, Agreement.AssertCompiledMatches(new Value(0).Relu()).Output);
        Assert.Equal(double.NegativeInfinity, Agreement.AssertCompiledMatches(new Value(0).Log()).Output);
        Assert.Equal(1, Agreement.AssertCompiledMatches(new Value(1000).Tanh()).Output);
        Assert.Equal(0, Agreement.AssertCompiledMatches(new Value(-1000).Sigmoid()).Output);

        var zero = new Value(0);
        CompiledGraph relu = Compiler.Compile(zero.Relu());
        relu.Backward();
        Assert.Equal(0, zero.Grad);   // PyTorch: relu'(0) = 0

        var baseZero = new Value(0);
        var exponent = new Value(2);
        Compiler.Compile(baseZero.Pow(exponent)).Backward();
        Assert.Equal(0, baseZero.Grad);
        Assert.Equal(0, exponent.Grad);   // out·ln(0) is defined as 0 for a non-negative exponent
    }

    [Fact]
    public void RootThatIsALeaf_GetsGradientOne()
    {
        var a = new Value(3) { Grad = 0.5 };
        CompiledGraph compiled = Compiler.Compile(a);
        Assert.Equal(3, compiled.Output);
        compiled.Backward();
        Assert.Equal(1.5, a.Grad);
    }
}
