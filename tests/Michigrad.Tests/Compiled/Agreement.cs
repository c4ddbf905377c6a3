using Michigrad.Autograd;
using Michigrad.Compiled;

namespace Michigrad.Tests.Compiled;

/// <summary>Checks that a compiled graph gives the object graph's numbers.</summary>
internal static class Agreement
{
    /// <summary>The relative difference allowed between the two paths (summation order may differ).</summary>
    public const double Tolerance = 1e-12;

    /// <summary>Equal, both NaN, the same infinity, or within <see cref="Tolerance"/> of each other, relatively.</summary>
    /// <remarks>Zeros must have the same sign: the compiled path promises the object graph's numbers, -0 included.</remarks>
    public static void Close(double expected, double actual, string what)
    {
        if (expected == 0 && actual == 0)
            Assert.True(double.IsNegative(expected) == double.IsNegative(actual), $"{what}: expected {expected:R}, got {actual:R}");
        if (expected.Equals(actual)) return;
        double difference = Math.Abs(expected - actual);
        double scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(difference <= Tolerance * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>The leaves under <paramref name="root"/>, each once.</summary>
    public static List<Value> LeavesOf(Value root) => TopologicalOrder.Of(root).Where(v => v.Code == OpCode.Leaf).ToList();

    /// <summary>
    /// Runs <see cref="Value.Backward"/> and a compiled backward from zeroed leaf gradients and asserts the root's value
    /// and every leaf's gradient agree. Returns the compiled graph, its leaves holding the compiled gradients.
    /// </summary>
    public static CompiledGraph AssertCompiledMatches(Value root, double initialLeafGrad = 0)
    {
        List<Value> leaves = LeavesOf(root);
        foreach (Value leaf in leaves) leaf.Grad = initialLeafGrad;
        root.Backward();
        double expectedOutput = root.Data;
        double[] expectedGrads = leaves.Select(v => v.Grad).ToArray();

        foreach (Value leaf in leaves) leaf.Grad = initialLeafGrad;
        CompiledGraph compiled = Compiler.Compile(root);
        compiled.Backward();

        Close(expectedOutput, compiled.Output, "output");
        for (int i = 0; i < leaves.Count; i++) Close(expectedGrads[i], leaves[i].Grad, $"grad of leaf {i} ({leaves[i]})");
        return compiled;
    }
}
