using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.Ops;

/// <summary>
/// Every two-operand op on a grid of operands (zeros, signs, tiny and huge numbers, negative bases for
/// <c>Pow(Value)</c>; ties for max and min): the value and both gradients equal TorchSharp's float64 results to 1e-12 relative.
/// </summary>
public sealed class BinaryOpParityTests
{
    private const double Tolerance = 1e-12;

    private static readonly double[] Operands = [-1e300, -3.5, -1, -0.5, -1e-300, 0, 1e-300, 0.5, 2, 1e300, double.NaN];

    private static readonly double[] Bases = [-2, -0.5, 0, 1e-300, 0.5, 1, 3];
    private static readonly double[] Exponents = [-2, -1, -0.5, 0, 0.5, 1, 2, 3, 2.5];

    public static TheoryData<string, double, double> Pairs()
    {
        var data = new TheoryData<string, double, double>();
        foreach (string op in new[] { "+", "-", "*", "/", "max", "min" })
            foreach (double a in Operands)
                foreach (double b in Operands)
                    data.Add(op, a, b);
        foreach (double a in Bases)
            foreach (double b in Exponents)
                data.Add("pow", a, b);
        return data;
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [MemberData(nameof(Pairs))]
    public void Op_ValueAndBothGradientsMatchTorch(string op, double a, double b)
    {
        (Func<Value, Value, Value> ours, Func<Tensor, Tensor, Tensor> torchOp) = ScalarOps.Binary[op];
        using var scope = NewDisposeScope();

        var va = new Value(a);
        var vb = new Value(b);
        Value y = ours(va, vb);
        y.Backward();

        Tensor ta = Torch.Scalar(a);
        Tensor tb = Torch.Scalar(b);
        Tensor ty = torchOp(ta, tb);
        ty.backward();

        string expression = $"{a:R} {op} {b:R}";
        Parity.Close(ty.item<double>(), y.Data, Tolerance, $"{expression} value");
        Parity.Close(Torch.GradOf(ta), va.Grad, Tolerance, $"d ({expression}) / da");
        Parity.Close(Torch.GradOf(tb), vb.Grad, Tolerance, $"d ({expression}) / db");
    }
}
