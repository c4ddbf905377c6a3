using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.Ops;

/// <summary><see cref="Value.LogSumExp"/> against <c>torch.logsumexp</c>: value and every gradient, at any shift.</summary>
public sealed class LogSumExpParityTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<double[]> Vectors() =>
    [
        [0.5],
        [0.5, -1.0, 2.0],
        [1000.0, 1000.0],
        [1000.0, -1000.0, 0.0],
        [-1000.0, -1000.5, -999.0],
        [3.0, 3.0, 3.0, 3.0],
        [double.NegativeInfinity, 1.0],
        [double.PositiveInfinity, 1.0],
        [double.NaN, 1.0],
    ];

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [MemberData(nameof(Vectors))]
    public void LogSumExp_ValueAndGradientsMatchTorch(double[] values)
    {
        using var scope = NewDisposeScope();
        Value[] x = values.Select(v => new Value(v)).ToArray();
        Value y = Value.LogSumExp(x);
        y.Backward();

        Tensor t = Torch.Of(values, [values.Length], requiresGrad: true);
        Tensor ty = t.logsumexp(0);
        ty.backward();

        Parity.Close(ty.item<double>(), y.Data, Tolerance, "logsumexp value");
        double[] grads = t.grad!.data<double>().ToArray();
        for (int i = 0; i < x.Length; i++) Parity.Close(grads[i], x[i].Grad, Tolerance, $"d logsumexp / dx[{i}]");
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [MemberData(nameof(Vectors))]
    public void LogSumExp_HessianMatchesTorch(double[] values)
    {
        if (values.Any(v => !double.IsFinite(v))) return;   // the finite vectors; the others are checked above
        using var scope = NewDisposeScope();
        Value[] x = values.Select(v => new Value(v)).ToArray();
        Tensor[] t = values.Select(v => Torch.Scalar(v)).ToArray();

        TorchHessian.AssertClose(TorchHessian.Of(stack(t).logsumexp(0), t), TorchHessian.OfMichigrad(Value.LogSumExp(x), x),
            1e-10, "logsumexp");
    }
}
