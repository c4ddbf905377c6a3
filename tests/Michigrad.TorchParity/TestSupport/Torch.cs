using TorchSharp;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.TestSupport;

/// <summary>
/// The reference engine: TorchSharp in float64 on one thread. Every test reaches it through <see cref="Scalar"/>
/// or <see cref="EnsureLoaded"/>, so a TorchSharp that cannot load fails every test with the reason, never skips.
/// </summary>
internal static class Torch
{
    private static readonly Lazy<Exception?> LoadError = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads LibTorch once (float64 default, one thread) or throws why it could not.</summary>
    public static void EnsureLoaded()
    {
        if (LoadError.Value is Exception error)
            throw new InvalidOperationException(
                "TorchSharp could not load, so the parity suite cannot run. On Linux with a libstdc++ older than " +
                "GCC 13's (Debian 12, Ubuntu 22.04) run tools/torchsharp-fix/fix.sh on the build output (the build " +
                "does it when patchelf and gcc are installed) and check `ldd` on libLibTorchSharp.so. Cause: " +
                error.Message, error);
    }

    /// <summary>A float64 scalar tensor; a leaf that records gradients when <paramref name="requiresGrad"/>.</summary>
    public static Tensor Scalar(double value, bool requiresGrad = true)
    {
        EnsureLoaded();
        return tensor(value, dtype: float64, requires_grad: requiresGrad);
    }

    /// <summary>A float64 tensor of the given shape holding <paramref name="values"/> in row-major order.</summary>
    public static Tensor Of(double[] values, long[] shape, bool requiresGrad = false)
    {
        EnsureLoaded();
        return tensor(values, shape, dtype: float64, requires_grad: requiresGrad);
    }

    /// <summary>The gradient of a leaf after <c>backward()</c>; NaN when nothing reached it (torch leaves it unset).</summary>
    public static double GradOf(Tensor leaf) => leaf.grad is Tensor g ? g.item<double>() : double.NaN;

    private static Exception? Load()
    {
        try
        {
            set_num_threads(1);
            set_default_dtype(float64);
            using Tensor probe = tensor(2.0, dtype: float64);
            if (probe.item<double>() != 2.0) return new InvalidOperationException("a float64 round trip changed 2.0");
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
