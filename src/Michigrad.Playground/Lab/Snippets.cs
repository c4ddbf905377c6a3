namespace Michigrad.Playground.Lab;

/// <summary>The graph lab's ready-made examples, from the course.</summary>
public static class Snippets
{
    /// <summary>The seed notebook's example: L = y − tanh(W₀x₀ + W₁x₁), then its backward pass.</summary>
    public const string Seed = """
        var x0 = new Value(0.5, "x₀");
        var x1 = new Value(2.0, "x₁");
        var w0 = new Value(-0.5, "W₀");
        var w1 = new Value(-0.3, "W₁");
        var w0x0 = w0 * x0; w0x0.Label = "W₀x₀";
        var w1x1 = w1 * x1; w1x1.Label = "W₁x₁";
        var yHat = w0x0 + w1x1; yHat.Label = "ŷ";
        var t = yHat.Tanh(); t.Label = "tanh(ŷ)";
        var y = new Value(0.8, "y");
        var L = y - t; L.Label = "L";
        L.Backward();
        Show(L);
        """;

    /// <summary>One neuron with two inputs and a bias, through tanh.</summary>
    public const string Neuron = """
        var x1 = new Value(2.0, "x1");
        var x2 = new Value(0.0, "x2");
        var w1 = new Value(-3.0, "w1");
        var w2 = new Value(1.0, "w2");
        var b = new Value(6.8813735870195432, "b");
        var n = x1 * w1 + x2 * w2 + b; n.Label = "n";
        var o = n.Tanh(); o.Label = "o";
        o.Backward();
        o
        """;

    /// <summary>x·x: one value used twice, so its gradient is the sum of two contributions (2x).</summary>
    public const string Square = """
        var x = new Value(3.0, "x");
        var y = x * x; y.Label = "y";
        y.Backward();   // dy/dx = x + x = 6
        y
        """;

    /// <summary>A node shared by two paths: its gradient gathers both.</summary>
    public const string Shared = """
        var a = new Value(-2.0, "a");
        var b = new Value(3.0, "b");
        var d = a * b; d.Label = "d";
        var e = a + b; e.Label = "e";
        var f = d * e; f.Label = "f";
        f.Backward();   // a and b each get a gradient from d and from e
        f
        """;

    /// <summary>Gradients of gradients: d/dx sin x as a graph over x (cos x), differentiated again (−sin x).</summary>
    public const string SecondDerivative = """
        var x = new Value(0.5, "x");
        var y = x.Sin(); y.Label = "y";
        // createGraph: the gradient is itself a graph over x, so it can be drawn and differentiated again.
        var dy = Gradients.Of(y, [x], createGraph: true)[0]; dy.Label = "dy/dx";   // cos x
        var d2y = Gradients.Of(dy, [x])[0];                                       // −sin x
        d2y.Label = "d²y/dx²";
        Show(dy);
        Show(d2y);
        """;

    /// <summary>Every example by its key, in menu order.</summary>
    public static readonly IReadOnlyList<(string Key, string Code)> All =
    [
        ("seed", Seed), ("neuron", Neuron), ("square", Square), ("shared", Shared), ("second", SecondDerivative),
    ];
}
