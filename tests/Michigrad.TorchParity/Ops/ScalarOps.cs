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
        };

    public static readonly IReadOnlyDictionary<string, (Func<Value, Value, Value> Ours, Func<Tensor, Tensor, Tensor> Torch)> Binary =
        new Dictionary<string, (Func<Value, Value, Value>, Func<Tensor, Tensor, Tensor>)>
        {
            ["+"] = ((a, b) => a + b, (a, b) => a + b),
            ["-"] = ((a, b) => a - b, (a, b) => a - b),
            ["*"] = ((a, b) => a * b, (a, b) => a * b),
            ["/"] = ((a, b) => a / b, (a, b) => a / b),
            ["pow"] = ((a, b) => a.Pow(b), (a, b) => a.pow(b)),
        };
}
