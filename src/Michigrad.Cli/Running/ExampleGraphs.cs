namespace Michigrad.Cli.Running;

/// <summary>The small expressions <c>michigrad graph --example</c> draws, with their gradients filled in.</summary>
internal static class ExampleGraphs
{
    /// <summary>The names <c>--example</c> accepts.</summary>
    public static readonly string[] Names = ["seed", "neuron"];

    /// <summary>The expression called <paramref name="name"/>, after <see cref="Value.Backward"/>.</summary>
    public static Value Build(string name)
    {
        Value root = name == "neuron" ? Neuron() : Seed();
        root.Backward();
        return root;
    }

    // The seed notebook's first example: L = y - tanh(W₀·x₀ + W₁·x₁).
    private static Value Seed()
    {
        var w0 = new Value(-0.5, "W₀");
        var x0 = new Value(0.5, "x₀");
        var w1 = new Value(-0.3, "W₁");
        var x1 = new Value(2, "x₁");
        Value w0x0 = w0 * x0; w0x0.Label = "W0x0";
        Value w1x1 = w1 * x1; w1x1.Label = "W1x1";
        Value yHat = w0x0 + w1x1; yHat.Label = "ŷ";
        Value t = yHat.Tanh(); t.Label = "tanh(ŷ)";
        Value loss = new Value(0.8, "y") - t; loss.Label = "L";
        return loss;
    }

    // micrograd's neuron: o = tanh(x₁w₁ + x₂w₂ + b), with the bias that makes the output 0.7071.
    private static Value Neuron()
    {
        var x1 = new Value(2.0, "x1");
        var x2 = new Value(0.0, "x2");
        var w1 = new Value(-3.0, "w1");
        var w2 = new Value(1.0, "w2");
        var b = new Value(6.8813735870195432, "b");
        Value x1w1 = x1 * w1; x1w1.Label = "x1*w1";
        Value x2w2 = x2 * w2; x2w2.Label = "x2*w2";
        Value sum = x1w1 + x2w2; sum.Label = "x1*w1 + x2*w2";
        Value n = sum + b; n.Label = "n";
        Value o = n.Tanh(); o.Label = "o";
        return o;
    }
}
