using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Michigrad.Compiled;

/// <summary>
/// The loops streamed dot nodes need, over runs of adjacent doubles, four at a time: dot products that share an input
/// (<see cref="DotShared"/>), <c>axpy</c> (<c>y += a·x</c>) and its batched form (<see cref="AccumulateRuns"/>).
/// </summary>
/// <remarks>
/// <para>They use <see cref="Vector256{T}"/> where the processor has 256-bit vectors, and otherwise (Arm64, WebAssembly,
/// where the runtime's emulation of <see cref="Vector256{T}"/> is slower than plain loops) scalar loops that keep
/// the same four lanes; both use separate multiplies and adds (no fused multiply-add), so the numbers are the same
/// on every machine.</para>
/// <para><see cref="DotShared"/> sums in another order than a chain of additions: four lanes, combined pairwise at the
/// end, then the tail. Its result differs from the left-to-right sum by rounding only (for n terms, at most about
/// n·2⁻⁵³ of the sum of the terms' sizes, usually far less). <see cref="Axpy"/> and <see cref="AccumulateRuns"/>
/// compute each element as <c>y + a·x</c>, exactly the product rule's contribution, so they change no bit.</para>
/// </remarks>
internal static class SimdKernels
{
    /// <summary>y[k] += a·x[k] for k below <paramref name="length"/>.</summary>
    [MethodImpl(Tiering.HotLoop)]
    internal static void Axpy(double a, ref double x, ref double y, int length)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < length; i++) Unsafe.Add(ref y, i) += a * Unsafe.Add(ref x, i);
            return;
        }
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

    /// <summary>
    /// Four dot products that share their right run <paramref name="x"/>: <c>results[j] = Σ wⱼ[k]·x[k]</c>, in one pass
    /// over <paramref name="x"/> (each of its loads serves four products). Each sum keeps one vector of four partial
    /// sums, combined pairwise at the end, then the tail: the same order for every dot, however it is grouped.
    /// </summary>
    /// <remarks>Pass the same run twice for a group of fewer than four; its result is simply computed again.</remarks>
    [MethodImpl(Tiering.HotLoop)]
    internal static void DotShared(ref double x, ref double w0, ref double w1, ref double w2, ref double w3, int length,
        Span<double> results)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            results[0] = DotInLanes(ref w0, ref x, length);
            results[1] = DotInLanes(ref w1, ref x, length);
            results[2] = DotInLanes(ref w2, ref x, length);
            results[3] = DotInLanes(ref w3, ref x, length);
            return;
        }
        Vector256<double> s0 = Vector256<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
        int k = 0;
        for (; k + 4 <= length; k += 4)
        {
            Vector256<double> xv = Vector256.LoadUnsafe(ref x, (nuint)k);
            s0 += Vector256.LoadUnsafe(ref w0, (nuint)k) * xv;
            s1 += Vector256.LoadUnsafe(ref w1, (nuint)k) * xv;
            s2 += Vector256.LoadUnsafe(ref w2, (nuint)k) * xv;
            s3 += Vector256.LoadUnsafe(ref w3, (nuint)k) * xv;
        }
        results[0] = Finish(s0, ref w0, ref x, k, length);
        results[1] = Finish(s1, ref w1, ref x, k, length);
        results[2] = Finish(s2, ref w2, ref x, k, length);
        results[3] = Finish(s3, ref w3, ref x, k, length);

        static double Finish(Vector256<double> s, ref double w, ref double x, int k, int length)
        {
            double r = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
            for (; k < length; k++) r += Unsafe.Add(ref w, k) * Unsafe.Add(ref x, k);
            return r;
        }
    }

    /// <summary>One dot product summed as <see cref="DotShared"/> sums it, in four scalar lanes: the same bits, without
    /// vectors.</summary>
    [MethodImpl(Tiering.HotLoop)]
    internal static double DotInLanes(ref double w, ref double x, int length)
    {
        double l0 = 0, l1 = 0, l2 = 0, l3 = 0;
        int k = 0;
        for (; k + 4 <= length; k += 4)
        {
            l0 += Unsafe.Add(ref w, k) * Unsafe.Add(ref x, k);
            l1 += Unsafe.Add(ref w, k + 1) * Unsafe.Add(ref x, k + 1);
            l2 += Unsafe.Add(ref w, k + 2) * Unsafe.Add(ref x, k + 2);
            l3 += Unsafe.Add(ref w, k + 3) * Unsafe.Add(ref x, k + 3);
        }
        double r = (l0 + l1) + (l2 + l3);
        for (; k < length; k++) r += Unsafe.Add(ref w, k) * Unsafe.Add(ref x, k);
        return r;
    }

    /// <summary>
    /// <c>y[k] += Σₘ gₘ·d[rightsₘ + k]</c> for k below <paramref name="length"/>, adding the terms in m's order: the same
    /// numbers as one <see cref="Axpy"/> per m, with <paramref name="y"/> loaded and stored once instead of once per m.
    /// </summary>
    [MethodImpl(Tiering.HotLoop)]
    internal static void AccumulateRuns(ref double y, int length, ReadOnlySpan<double> g, ReadOnlySpan<int> rights, ref double d)
    {
        int k = 0;
        // Without 256-bit vectors the element loop at the end does it all (the same bits: each element on its own).
        for (; Vector256.IsHardwareAccelerated && k + 16 <= length; k += 16)
        {
            Vector256<double> y0 = Vector256.LoadUnsafe(ref y, (nuint)k), y1 = Vector256.LoadUnsafe(ref y, (nuint)(k + 4));
            Vector256<double> y2 = Vector256.LoadUnsafe(ref y, (nuint)(k + 8)), y3 = Vector256.LoadUnsafe(ref y, (nuint)(k + 12));
            for (int m = 0; m < g.Length; m++)
            {
                Vector256<double> gv = Vector256.Create(g[m]);
                ref double x = ref Unsafe.Add(ref d, rights[m] + k);
                y0 += gv * Vector256.LoadUnsafe(ref x);
                y1 += gv * Vector256.LoadUnsafe(ref x, 4);
                y2 += gv * Vector256.LoadUnsafe(ref x, 8);
                y3 += gv * Vector256.LoadUnsafe(ref x, 12);
            }
            y0.StoreUnsafe(ref y, (nuint)k);
            y1.StoreUnsafe(ref y, (nuint)(k + 4));
            y2.StoreUnsafe(ref y, (nuint)(k + 8));
            y3.StoreUnsafe(ref y, (nuint)(k + 12));
        }
        for (; Vector256.IsHardwareAccelerated && k + 4 <= length; k += 4)
        {
            Vector256<double> y0 = Vector256.LoadUnsafe(ref y, (nuint)k);
            for (int m = 0; m < g.Length; m++)
                y0 += Vector256.Create(g[m]) * Vector256.LoadUnsafe(ref Unsafe.Add(ref d, rights[m] + k));
            y0.StoreUnsafe(ref y, (nuint)k);
        }
        for (; k < length; k++)
        {
            double sum = Unsafe.Add(ref y, k);
            for (int m = 0; m < g.Length; m++) sum += g[m] * Unsafe.Add(ref d, rights[m] + k);
            Unsafe.Add(ref y, k) = sum;
        }
    }
}
