using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Michigrad.Compiled;

/// <summary>
/// The two loops a streamed dot node needs, over runs of adjacent doubles, four at a time: a dot product and an
/// <c>axpy</c> (<c>y += a·x</c>).
/// </summary>
/// <remarks>
/// <para>Both use <see cref="Vector256{T}"/> whether or not the processor has 256-bit vectors (the runtime emulates
/// them where it lacks them), and separate multiplies and adds (no fused multiply-add), so the numbers are the same
/// on every machine.</para>
/// <para><see cref="Dot"/> sums in another order than a chain of additions: four lanes in each of four accumulators,
/// combined pairwise at the end. Its result differs from the left-to-right sum by rounding only (for n terms, a
/// relative error bound of about n·2⁻⁵³ either way, usually far less). <see cref="Axpy"/> computes each element as
/// <c>y + a·x</c>, exactly the product rule's contribution, so it changes no bit.</para>
/// </remarks>
internal static class SimdKernels
{
    /// <summary>Σ x[k]·y[k] for k below <paramref name="length"/>.</summary>
    internal static double Dot(ref double x, ref double y, int length)
    {
        Vector256<double> s0 = Vector256<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
        int k = 0;
        for (; k + 16 <= length; k += 16)
        {
            s0 += Vector256.LoadUnsafe(ref x, (nuint)k) * Vector256.LoadUnsafe(ref y, (nuint)k);
            s1 += Vector256.LoadUnsafe(ref x, (nuint)(k + 4)) * Vector256.LoadUnsafe(ref y, (nuint)(k + 4));
            s2 += Vector256.LoadUnsafe(ref x, (nuint)(k + 8)) * Vector256.LoadUnsafe(ref y, (nuint)(k + 8));
            s3 += Vector256.LoadUnsafe(ref x, (nuint)(k + 12)) * Vector256.LoadUnsafe(ref y, (nuint)(k + 12));
        }
        for (; k + 4 <= length; k += 4)
            s0 += Vector256.LoadUnsafe(ref x, (nuint)k) * Vector256.LoadUnsafe(ref y, (nuint)k);
        Vector256<double> s = (s0 + s1) + (s2 + s3);
        double r = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
        for (; k < length; k++) r += Unsafe.Add(ref x, k) * Unsafe.Add(ref y, k);
        return r;
    }

    /// <summary>y[k] += a·x[k] for k below <paramref name="length"/>.</summary>
    internal static void Axpy(double a, ref double x, ref double y, int length)
    {
        Vector256<double> av = Vector256.Create(a);
        int k = 0;
        for (; k + 8 <= length; k += 8)
        {
            Vector256<double> y0 = Vector256.LoadUnsafe(ref y, (nuint)k) + av * Vector256.LoadUnsafe(ref x, (nuint)k);
            Vector256<double> y1 = Vector256.LoadUnsafe(ref y, (nuint)(k + 4)) + av * Vector256.LoadUnsafe(ref x, (nuint)(k + 4));
            y0.StoreUnsafe(ref y, (nuint)k);
            y1.StoreUnsafe(ref y, (nuint)(k + 4));
        }
        for (; k + 4 <= length; k += 4)
            (Vector256.LoadUnsafe(ref y, (nuint)k) + av * Vector256.LoadUnsafe(ref x, (nuint)k)).StoreUnsafe(ref y, (nuint)k);
        for (; k < length; k++) Unsafe.Add(ref y, k) += a * Unsafe.Add(ref x, k);
    }
}
