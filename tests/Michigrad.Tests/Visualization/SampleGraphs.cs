namespace Michigrad.Tests.Visualization;

/// <summary>Graphs shared by the visualization tests.</summary>
internal static class SampleGraphs
{
    /// <summary>The seed notebook's neuron: L = y - tanh(W₀x₀ + W₁x₁), after <c>L.Backward()</c>.</summary>
    /// <remarks>10 values (5 leaves and 5 results of the operations *, *, +, tanh, -) and 9 operand edges.</remarks>
    public static Value SeedNeuron()
    {
        var w0 = new Value(-0.5, "W₀");
        var x0 = new Value(0.5, "x₀");
        var w1 = new Value(-0.3, "W₁");
        var x1 = new Value(2, "x₁");
        Value w0x0 = w0 * x0; w0x0.Label = "W0x0";
        Value w1x1 = w1 * x1; w1x1.Label = "W1x1";
        Value yHat = w0x0 + w1x1; yHat.Label = "ŷ";
        Value t = yHat.Tanh(); t.Label = "tanh(ŷ)";
        var y = new Value(0.8, "y");
        Value loss = y - t; loss.Label = "L";
        loss.Backward();
        return loss;
    }

    /// <summary>A chain of <paramref name="additions"/> additions of one shared constant: additions + 2 values.</summary>
    public static Value AdditionChain(int additions)
    {
        var one = new Value(1, "one");
        Value sum = new Value(0, "start");
        for (int i = 0; i < additions; i++)
            sum += one;
        return sum;
    }
}
