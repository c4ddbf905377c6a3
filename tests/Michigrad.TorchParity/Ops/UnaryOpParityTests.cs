using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.Ops;

/// <summary>
/// Every one-operand op, and <c>Pow(double)</c>, at points across its domain and at its edges: the value and the
/// gradient equal TorchSharp's float64 results to 1e-12 relative, NaN where TorchSharp gives NaN.
/// </summary>
public sealed class UnaryOpParityTests
{
    private const double Tolerance = 1e-12;

    private static readonly double[] Everywhere =
        [double.NegativeInfinity, -1000, -20, -3.5, -1, -0.5, -1e-300, -0.0, 0, 1e-300, 0.5, 1, 3.5, 20, 1000,
         double.PositiveInfinity, double.NaN];

    public static TheoryData<string, double> Points()
    {
        var data = new TheoryData<string, double>();
        foreach (string op in ScalarOps.Unary.Keys)
            foreach (double x in Everywhere)
                data.Add(op, x);
        // exp near its overflow and underflow; log near 0 (a subnormal included) and far out.
        foreach (double x in new[] { -745.2, -708.0, 709.0, 709.78, 710.0 }) data.Add("exp", x);
        foreach (double x in new[] { double.Epsilon, 1e-308, 1e-200, 1e-12, 1 - 1e-16, 2, 1e300, double.MaxValue })
            data.Add("log", x);
        // tanh and sigmoid where they saturate, and relu right at its kink.
        foreach (double x in new[] { -40.0, -18.5, -1e-8, 1e-8, 18.5, 40.0, 710.0 }) data.Add("tanh", x);
        // Below about -709.78 torch's 1/(1 + e^-x) is 1/∞ = 0 while Michigrad's e^x/(1 + e^x) keeps the tiny true
        // value (4.5e-309 at -710): both are below double's normal range, which Parity counts as agreement.
        foreach (double x in new[] { -745.0, -710.0, -40.0, -36.8, -1e-8, 1e-8, 36.8, 40.0, 710.0 }) data.Add("sigmoid", x);
        foreach (double x in new[] { -1e-320, double.Epsilon, 1e-320 }) data.Add("relu", x);
        return data;
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [MemberData(nameof(Points))]
    public void Op_ValueAndGradientMatchTorch(string op, double x)
    {
        (Func<Value, Value> ours, Func<Tensor, Tensor> torchOp) = ScalarOps.Unary[op];
        using var scope = NewDisposeScope();

        var a = new Value(x);
        Value y = ours(a);
        y.Backward();

        Tensor ta = Torch.Scalar(x);
        Tensor ty = torchOp(ta);
        ty.backward();

        Parity.Close(ty.item<double>(), y.Data, Tolerance, $"{op}({x:R}) value");
        Parity.Close(Torch.GradOf(ta), a.Grad, Tolerance, $"d {op}({x:R}) / dx");
    }

    public static TheoryData<double, double> PowPoints()
    {
        var data = new TheoryData<double, double>();
        // Negative bases with integer and fractional exponents (NaN), zero with every sign of exponent.
        // -0.0 matters: torch computes x ** 0.5 as sqrt(x) and x ** -0.5 as rsqrt(x), so -0.0 ** -0.5 is -∞ there
        // (IEEE pow says +∞), and Michigrad's Pow(double) must follow.
        foreach (double x in new[] { -2.0, -0.5, -0.0, 0, 1e-300, 0.5, 1, 3, 1e10 })
            foreach (double p in new[] { -2.0, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3 })
                data.Add(x, p);
        return data;
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [MemberData(nameof(PowPoints))]
    public void PowConstant_ValueAndGradientMatchTorch(double x, double p)
    {
        using var scope = NewDisposeScope();

        var a = new Value(x);
        Value y = a.Pow(p);
        y.Backward();

        Tensor ta = Torch.Scalar(x);
        Tensor ty = ta.pow(p);
        ty.backward();

        Parity.Close(ty.item<double>(), y.Data, Tolerance, $"{x:R} ** {p:R} value");
        Parity.Close(Torch.GradOf(ta), a.Grad, Tolerance, $"d ({x:R} ** {p:R}) / dx");
    }
}
