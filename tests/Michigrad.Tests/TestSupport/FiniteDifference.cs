namespace Michigrad.Tests.TestSupport;

/// <summary>Gradient checks: backpropagated gradients against central differences of the same function.</summary>
internal static class FiniteDifference
{
    /// <summary>∂f/∂xᵢ ≈ (f(x + h·eᵢ) - f(x - h·eᵢ)) / 2h, evaluated on fresh leaves each time.</summary>
    public static double[] Gradient(Func<Value[], Value> f, double[] at, double step = 1e-6)
    {
        var gradient = new double[at.Length];
        for (int i = 0; i < at.Length; i++)
        {
            double[] plus = (double[])at.Clone();
            double[] minus = (double[])at.Clone();
            plus[i] += step;
            minus[i] -= step;
            gradient[i] = (f(Leaves(plus)).Data - f(Leaves(minus)).Data) / (2 * step);
        }
        return gradient;
    }

    /// <summary>The gradient that <see cref="Value.Backward"/> gives at <paramref name="at"/>.</summary>
    public static double[] Backpropagated(Func<Value[], Value> f, double[] at)
    {
        Value[] x = Leaves(at);
        f(x).Backward();
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++) gradient[i] = x[i].Grad;
        return gradient;
    }

    /// <summary>Asserts that backpropagation and central differences agree to within
    /// <paramref name="tolerance"/>·max(1, |∂f/∂xᵢ|) for every input.</summary>
    public static void AssertGradientMatches(Func<Value[], Value> f, double[] at, double tolerance = 1e-6)
    {
        double[] expected = Gradient(f, at);
        double[] actual = Backpropagated(f, at);
        for (int i = 0; i < at.Length; i++)
        {
            double allowed = tolerance * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= allowed,
                $"∂f/∂x[{i}]: backward gave {actual[i]:R}, central differences {expected[i]:R} (allowed error {allowed:R}).");
        }
    }

    private static Value[] Leaves(double[] data)
    {
        var leaves = new Value[data.Length];
        for (int i = 0; i < data.Length; i++) leaves[i] = new Value(data[i]);
        return leaves;
    }
}
