using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;

namespace Michigrad.TorchParity;

/// <summary>The reference itself: LibTorch loads (after tools/torchsharp-fix where needed) and works in float64.</summary>
public sealed class TorchSharpLoadingTests
{
    [FactNeeding(ExternalTool.TorchSharpFix)]
    public void TorchSharp_LoadsAndDifferentiatesInFloat64OnOneThread()
    {
        Tensor x = Torch.Scalar(3.0);
        Tensor y = x * x * x;
        y.backward();

        Assert.Equal(ScalarType.Float64, y.dtype);
        Assert.Equal(27.0, y.item<double>());
        Assert.Equal(27.0, Torch.GradOf(x));
        Assert.Equal(1, get_num_threads());
    }
}
