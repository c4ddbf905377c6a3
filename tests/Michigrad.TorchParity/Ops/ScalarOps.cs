using static TorchSharp.torch;

namespace Michigrad.TorchParity.Ops;

/// <summary>Each Michigrad scalar op and its TorchSharp twin, looked up by the name a test case carries.</summary>
internal static class ScalarOps
{
    public static readonly IReadOnlyDictionary<string, (Func<Value, Value> Ours, Func<Tensor, Tensor> Torch)> Unary =
        new Dictionary<string, (Func<Value, Value>, Func<Tensor, Tensor>)>
        {
            ["neg"] = (x => -x, x => -x),
            ["exp"] = (x => x.Exp(), x => x.exp()),
            ["log"] = (x => x.Log(), x => x.log()),
            ["tanh"] = (x => x.Tanh(), x => x.tanh()),
            ["relu"] = (x => x.Relu(), x => x.relu()),
            ["sigmoid"] = (x => x.Sigmoid(), x => x.sigmoid()),
            ["abs"] = (x => x.Abs(), x => x.abs()),
            ["sqrt"] = (x => x.Sqrt(), x => x.sqrt()),
            ["sin"] = (x => x.Sin(), x => x.sin()),
            ["cos"] = (x => x.Cos(), x => x.cos()),
            // torch's softplus returns x itself above its threshold of 20; log(e^x + e^0) is the exact function,
            // which Michigrad computes everywhere.
            ["softplus"] = (x => x.Softplus(), x => x.logaddexp(zeros_like(x))),
        };

    public static readonly IReadOnlyDictionary<string, (Func<Value, Value, Value> Ours, Func<Tensor, Tensor, Tensor> Torch)> Binary =
        new Dictionary<string, (Func<Value, Value, Value>, Func<Tensor, Tensor, Tensor>)>
        {
            ["+"] = ((a, b) => a + b, (a, b) => a + b),
            ["-"] = ((a, b) => a - b, (a, b) => a - b),
            ["*"] = ((a, b) => a * b, (a, b) => a * b),
            ["/"] = ((a, b) => a / b, (a, b) => a / b),
            ["pow"] = ((a, b) => a.Pow(b), (a, b) => a.pow(b)),
            ["max"] = ((a, b) => Value.Max(a, b), (a, b) => a.maximum(b)),
            ["min"] = ((a, b) => Value.Min(a, b), (a, b) => a.minimum(b)),
        };
}
