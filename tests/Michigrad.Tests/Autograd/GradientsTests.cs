using Michigrad.Autograd;
using Michigrad.Compiled;
using Michigrad.Losses;
using Michigrad.NN;

namespace Michigrad.Tests.Autograd;

public class GradientsTests
{
    /// <summary>Every op of the table, as a function of two leaves kept in a comfortable domain.</summary>
    public static TheoryData<string> Ops() =>
    [
        "+", "-", "*", "/", "neg", "**3", "**0.5", "**-2", "pow", "exp", "log", "tanh", "relu", "sigmoid",
        "abs", "sqrt", "sin", "cos", "softplus", "max", "min", "logsumexp",
    ];

    private static Value Apply(string op, Value a, Value b) => op switch
    {
        "+" => a * a + b * a,
        "-" => a * b - b * b * a,
        "*" => a * b * a,
        "/" => a / (b * a + 2),
        "neg" => -(a * a * b),
        "**3" => (a * b).Pow(3),
        "**0.5" => (a * a + b).Pow(0.5),
        "**-2" => (a + b * b).Pow(-2),
        "pow" => a.Pow(b * a),
        "exp" => (a * b).Exp(),
        "log" => (a * a * b).Log(),
        "tanh" => (a * b).Tanh(),
        "relu" => (a * b).Relu() * a,
        "sigmoid" => (a * b).Sigmoid(),
        "abs" => (a * b).Abs() * a,
        "sqrt" => (a * b + a).Sqrt(),
        "sin" => (a * b).Sin(),
        "cos" => (a * b).Cos(),
        "softplus" => (a * b).Softplus(),
        "max" => Value.Max(a * b, a + b) * a,
        "min" => Value.Min(a * b, a + b) * b,
        "logsumexp" => Value.LogSumExp([a * b, a, b * b]),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private const double A = 0.7, B = 1.3;

    [Theory]
    [MemberData(nameof(Ops))]
    public void FirstOrder_EqualsBackward_AndTouchesNoGrad(string op)
    {
        var a = new Value(A) { Grad = 5 };
        var b = new Value(B) { Grad = 7 };
        Value y = Apply(op, a, b);

        Value[] g = Gradients.Of(y, [a, b]);
        Assert.Equal(5, a.Grad);
        Assert.Equal(7, b.Grad);

        a.Grad = 0;
        b.Grad = 0;
        y.Backward();
        Assert.Equal(a.Grad, g[0].Data);
        Assert.Equal(b.Grad, g[1].Data);
        Assert.Equal("", g[0].Op);   // without createGraph, a plain leaf
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void SecondOrder_MatchesFiniteDifferencesOfTheFirst(string op)
    {
        // H[i][j] = ∂/∂xⱼ (∂y/∂xᵢ), against central differences of the first-order gradient.
        const double h = 1e-6;
        double[] at = [A, B];
        for (int i = 0; i < 2; i++)
        {
            Value[] x = [new(at[0]), new(at[1])];
            Value first = Gradients.Of(Apply(op, x[0], x[1]), x, createGraph: true)[i];
            Value[] second = Gradients.Of(first, x);
            for (int j = 0; j < 2; j++)
            {
                double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
                plus[j] += h;
                minus[j] -= h;
                double expected = (FirstAt(op, plus, i) - FirstAt(op, minus, i)) / (2 * h);
                Assert.True(Math.Abs(expected - second[j].Data) <= 1e-5 * Math.Max(1, Math.Abs(expected)),
                    $"{op}: ∂²y/∂x{i}∂x{j} = {second[j].Data:R}, central differences {expected:R}");
            }
        }
    }

    private static double FirstAt(string op, double[] at, int i)
    {
        Value[] x = [new(at[0]), new(at[1])];
        return Gradients.Of(Apply(op, x[0], x[1]), x)[i].Data;
    }

    [Fact]
    public void SinTwice_GivesCosThenMinusSin()
    {
        var x = new Value(0.4, "x");
        Value dy = Gradients.Of(x.Sin(), [x], createGraph: true)[0];
        Value d2y = Gradients.Of(dy, [x], createGraph: true)[0];
        Value d3y = Gradients.Of(d2y, [x])[0];

        Assert.Equal(Math.Cos(0.4), dy.Data);
        Assert.Equal(-Math.Sin(0.4), d2y.Data);
        Assert.Equal(-Math.Cos(0.4), d3y.Data);
        Assert.Equal(0.0, x.Grad);
    }

    [Fact]
    public void GradientGraph_FollowsItsLeavesWhenCompiled()
    {
        // d/dx of x³·y is 3x²·y: a graph over x and y that compiles and replays on new data.
        var x = new Value(2.0, "x");
        var y = new Value(5.0, "y");
        Value dx = Gradients.Of(x.Pow(3) * y, [x], createGraph: true)[0];
        CompiledGraph compiled = dx.Compile();
        Assert.Equal(60.0, compiled.Output);

        x.Data = -1;
        y.Data = 4;
        compiled.Forward();
        Assert.Equal(12.0, compiled.Output);
    }

    [Fact]
    public void InputTheOutputDoesNotUse_GetsZero()
    {
        var x = new Value(3.0);
        var unused = new Value(1.0);
        Value[] g = Gradients.Of(x * x, [x, unused], createGraph: true);
        Assert.Equal(6.0, g[0].Data);
        Assert.Equal(0.0, g[1].Data);
        Assert.Equal(0.0, Gradients.Of(g[1], [x])[0].Data);
    }

    [Fact]
    public void OutputAsItsOwnInput_HasGradientOne()
    {
        var x = new Value(3.0);
        Value y = x.Exp();
        Assert.Equal(1.0, Gradients.Of(y, [y])[0].Data);
        Assert.Equal(1.0, Gradients.Of(x, [x])[0].Data);
    }

    [Fact]
    public void InteriorInput_GetsTheGradientAtThatNode()
    {
        var x = new Value(0.5);
        Value h = x * 3;
        Value y = h.Tanh();
        Assert.Equal(1 - Math.Tanh(1.5) * Math.Tanh(1.5), Gradients.Of(y, [h])[0].Data, 1e-15);
    }

    [Fact]
    public void Hessian_OfAQuadratic_IsItsMatrix()
    {
        // f = x² + 3xy + 2y²: the Hessian is [[2, 3], [3, 4]] everywhere.
        var x = new Value(0.3);
        var y = new Value(-1.1);
        Value f = x * x + 3 * x * y + 2 * y * y;
        Value[] g = Gradients.Of(f, [x, y], createGraph: true);
        double[][] hessian = g.Select(gi => Gradients.Of(gi, [x, y]).Select(v => v.Data).ToArray()).ToArray();

        Assert.Equal([2.0, 3.0], hessian[0]);
        Assert.Equal([3.0, 4.0], hessian[1]);
    }

    [Fact]
    public void Hessian_OfAnMlpLoss_IsSymmetric()
    {
        var model = new MLP(2, [3, 1], seed: 4);
        Value[] parameters = model.Parameters().Take(4).ToArray();
        Value loss = Loss.MeanSquaredError(model.Forward([new Value(0.5), new Value(-1.5)]), [0.25]);
        Value[] g = Gradients.Of(loss, parameters, createGraph: true);
        double[][] hessian = g.Select(gi => Gradients.Of(gi, parameters).Select(v => v.Data).ToArray()).ToArray();

        for (int i = 0; i < parameters.Length; i++)
            for (int j = 0; j < i; j++)
                Assert.Equal(hessian[i][j], hessian[j][i], 1e-12);
        Assert.All(parameters, p => Assert.Equal(0.0, p.Grad));
    }

    [Fact]
    public void NullArguments_AreNamed()
    {
        var x = new Value(1);
        Assert.Equal("output", Assert.Throws<ArgumentNullException>(() => Gradients.Of(null!, [x])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentNullException>(() => Gradients.Of(x, null!)).ParamName);
        Assert.Contains("inputs[1]", Assert.Throws<ArgumentNullException>(() => Gradients.Of(x, [x, null!])).Message);
    }

    [Fact]
    public void DeepChain_IsFine()
    {
        var x = new Value(0.1);
        Value y = x;
        for (int i = 0; i < 200_000; i++) y = y * 1.0 + 0.0;
        Value g = Gradients.Of(y.Sin(), [x], createGraph: true)[0];
        Assert.Equal(Math.Cos(0.1), g.Data, 1e-15);
        Assert.Equal(-Math.Sin(0.1), Gradients.Of(g, [x])[0].Data, 1e-15);
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void Local_GivesEachOperandsFactor_AsBackwardOfThatNodeAlone(string op)
    {
        Value node = Apply(op, new Value(A), new Value(B));
        IReadOnlyList<Value> children = node.Children;

        double[] partials = Gradients.Local(node);

        // Backward of the node over fresh leaves holding its operands' data: each leaf receives exactly its factor.
        var leaves = children.Select(c => new Value(c.Data)).ToArray();
        Value alone = Rebuild(node, leaves);
        alone.Backward();
        Assert.Equal(children.Count, partials.Length);
        for (int k = 0; k < partials.Length; k++) Assert.Equal(leaves[k].Grad, partials[k], 1e-15);
        Assert.All(children, c => Assert.Equal(0, c.Grad));   // reads and writes no gradient
    }

    [Fact]
    public void Local_OfASquare_GivesOneFactorPerOperand_AndOfALeafNone()
    {
        var x = new Value(3.0);

        Assert.Equal([3.0, 3.0], Gradients.Local(x * x));
        Assert.Empty(Gradients.Local(x));
    }

    /// <summary>The same op as <paramref name="node"/>, applied to <paramref name="leaves"/> (one per operand).</summary>
    private static Value Rebuild(Value node, Value[] leaves) => node.Op switch
    {
        "+" => leaves[0] + leaves[1],
        "-" => leaves[0] - leaves[1],
        "*" => leaves[0] * leaves[1],
        "/" => leaves[0] / leaves[1],
        "neg" => -leaves[0],
        "pow" => leaves[0].Pow(leaves[1]),
        "exp" => leaves[0].Exp(),
        "log" => leaves[0].Log(),
        "tanh" => leaves[0].Tanh(),
        "relu" => leaves[0].Relu(),
        "sigmoid" => leaves[0].Sigmoid(),
        "abs" => leaves[0].Abs(),
        "sqrt" => leaves[0].Sqrt(),
        "sin" => leaves[0].Sin(),
        "cos" => leaves[0].Cos(),
        "softplus" => leaves[0].Softplus(),
        "max" => Value.Max(leaves[0], leaves[1]),
        "min" => Value.Min(leaves[0], leaves[1]),
        "logsumexp" => Value.LogSumExp(leaves),
        string op when op.StartsWith("**", StringComparison.Ordinal) =>
            leaves[0].Pow(double.Parse(op.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.Op, "no rebuild for this op"),
    };
}
