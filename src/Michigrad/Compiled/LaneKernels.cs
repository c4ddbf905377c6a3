using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Michigrad.Compiled;

/// <summary>
/// The loops of a <see cref="DotGroup"/> over lanes: its forward sums, what its shared factors receive (a dot product
/// over rows per weight) and what its lane factors receive (an <c>axpy</c> per weight).
/// </summary>
/// <remarks>
/// <para>They use <see cref="Vector256{T}"/> over four rows at a time where the processor has 256-bit vectors and
/// plain loops elsewhere; both multiply and add separately (no fused multiply-add), so every row's numbers are the same
/// on every machine.</para>
/// <para>The forward sums run over each row in the pairs' order, from -0 (which adding leaves every number as it is),
/// so each row's value is the scalar tape's and the object graph's to the bit. A shared factor's gradient is a sum
/// over rows in another order than the object graph's, so it agrees to rounding.</para>
/// </remarks>
internal static class LaneKernels
{
    private const int W = DotGroup.Width;

    /// <summary>Computes every member of <paramref name="group"/> on rows <c>[0, rows)</c> (before any relu).</summary>
    internal static void Forward(double[] data, DotGroup group, int rows)
    {
        ref double d = ref MemoryMarshal.GetArrayDataReference(data);
        int[] laneOffset = group.LaneOffset;
        ref double w = ref MemoryMarshal.GetArrayDataReference(group.Weights);
        int pairs = group.Pairs;
        int o0 = group.OutputOffset[0], o1 = group.OutputOffset[1], o2 = group.OutputOffset[2], o3 = group.OutputOffset[3];
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> zero = Vector256.Create(-0.0);
            for (; r + 8 <= rows; r += 8)
            {
                Vector256<double> a0 = zero, a1 = zero, b0 = zero, b1 = zero, c0 = zero, c1 = zero, e0 = zero, e1 = zero;
                for (int k = 0; k < pairs; k++)
                {
                    ref double wk = ref Unsafe.Add(ref w, k * W);
                    Vector256<double> w0 = Vector256.Create(wk), w1 = Vector256.Create(Unsafe.Add(ref wk, 1));
                    Vector256<double> w2 = Vector256.Create(Unsafe.Add(ref wk, 2)), w3 = Vector256.Create(Unsafe.Add(ref wk, 3));
                    int off = laneOffset[k];
                    if (off >= 0)
                    {
                        Vector256<double> x0 = Vector256.LoadUnsafe(ref d, (nuint)(off + r));
                        Vector256<double> x1 = Vector256.LoadUnsafe(ref d, (nuint)(off + r + 4));
                        a0 += w0 * x0; a1 += w0 * x1;
                        b0 += w1 * x0; b1 += w1 * x1;
                        c0 += w2 * x0; c1 += w2 * x1;
                        e0 += w3 * x0; e1 += w3 * x1;
                    }
                    else
                    {
                        a0 += w0; a1 += w0; b0 += w1; b1 += w1; c0 += w2; c1 += w2; e0 += w3; e1 += w3;
                    }
                }
                a0.StoreUnsafe(ref d, (nuint)(o0 + r)); a1.StoreUnsafe(ref d, (nuint)(o0 + r + 4));
                b0.StoreUnsafe(ref d, (nuint)(o1 + r)); b1.StoreUnsafe(ref d, (nuint)(o1 + r + 4));
                c0.StoreUnsafe(ref d, (nuint)(o2 + r)); c1.StoreUnsafe(ref d, (nuint)(o2 + r + 4));
                e0.StoreUnsafe(ref d, (nuint)(o3 + r)); e1.StoreUnsafe(ref d, (nuint)(o3 + r + 4));
            }
        }
        for (; r < rows; r++)
        {
            double a = -0.0, b = -0.0, c = -0.0, e = -0.0;
            for (int k = 0; k < pairs; k++)
            {
                ref double wk = ref Unsafe.Add(ref w, k * W);
                int off = laneOffset[k];
                if (off >= 0)
                {
                    double x = Unsafe.Add(ref d, off + r);
                    a += wk * x;
                    b += Unsafe.Add(ref wk, 1) * x;
                    c += Unsafe.Add(ref wk, 2) * x;
                    e += Unsafe.Add(ref wk, 3) * x;
                }
                else
                {
                    a += wk; b += Unsafe.Add(ref wk, 1); c += Unsafe.Add(ref wk, 2); e += Unsafe.Add(ref wk, 3);
                }
            }
            Unsafe.Add(ref d, o0 + r) = a;
            Unsafe.Add(ref d, o1 + r) = b;
            Unsafe.Add(ref d, o2 + r) = c;
            Unsafe.Add(ref d, o3 + r) = e;
        }
    }

    /// <summary>
    /// For every pair with a lane factor: <c>WeightGrad[k·W + m] = Σ_r G_m[r]·x_k[r]</c>, where G_m, member m's
    /// gradient on each row, is at <c>g[m·stride ..]</c>. Two pairs at a time, so each load of G serves two products.
    /// </summary>
    internal static void WeightGradients(double[] data, double[] g, int stride, DotGroup group, int rows)
    {
        ref double d = ref MemoryMarshal.GetArrayDataReference(data);
        ref double g0 = ref MemoryMarshal.GetArrayDataReference(g);
        ref double g1 = ref Unsafe.Add(ref g0, stride);
        ref double g2 = ref Unsafe.Add(ref g0, 2 * stride);
        ref double g3 = ref Unsafe.Add(ref g0, 3 * stride);
        int[] laneOffset = group.LaneOffset;
        double[] dw = group.WeightGrad;
        int pairs = group.Pairs;
        for (int k = 0; k < pairs; k++)
        {
            int x = laneOffset[k];
            if (x < 0) continue;
            int next = k + 1;
            while (next < pairs && laneOffset[next] < 0) next++;
            if (next == pairs || !Vector256.IsHardwareAccelerated)
            {
                Single(ref d, x, ref g0, ref g1, ref g2, ref g3, rows, dw, k);
                continue;
            }
            int y = laneOffset[next];
            Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            int r = 0;
            for (; r + 4 <= rows; r += 4)
            {
                Vector256<double> xv = Vector256.LoadUnsafe(ref d, (nuint)(x + r)), yv = Vector256.LoadUnsafe(ref d, (nuint)(y + r));
                Vector256<double> h0 = Vector256.LoadUnsafe(ref g0, (nuint)r), h1 = Vector256.LoadUnsafe(ref g1, (nuint)r);
                Vector256<double> h2 = Vector256.LoadUnsafe(ref g2, (nuint)r), h3 = Vector256.LoadUnsafe(ref g3, (nuint)r);
                a0 += h0 * xv; a1 += h1 * xv; a2 += h2 * xv; a3 += h3 * xv;
                b0 += h0 * yv; b1 += h1 * yv; b2 += h2 * yv; b3 += h3 * yv;
            }
            double sa0 = Sum(a0), sa1 = Sum(a1), sa2 = Sum(a2), sa3 = Sum(a3);
            double sb0 = Sum(b0), sb1 = Sum(b1), sb2 = Sum(b2), sb3 = Sum(b3);
            for (; r < rows; r++)
            {
                double xs = Unsafe.Add(ref d, x + r), ys = Unsafe.Add(ref d, y + r);
                double h0 = Unsafe.Add(ref g0, r), h1 = Unsafe.Add(ref g1, r), h2 = Unsafe.Add(ref g2, r), h3 = Unsafe.Add(ref g3, r);
                sa0 += h0 * xs; sa1 += h1 * xs; sa2 += h2 * xs; sa3 += h3 * xs;
                sb0 += h0 * ys; sb1 += h1 * ys; sb2 += h2 * ys; sb3 += h3 * ys;
            }
            dw[k * W] = sa0; dw[k * W + 1] = sa1; dw[k * W + 2] = sa2; dw[k * W + 3] = sa3;
            dw[next * W] = sb0; dw[next * W + 1] = sb1; dw[next * W + 2] = sb2; dw[next * W + 3] = sb3;
            k = next;
        }

        static void Single(ref double d, int x, ref double g0, ref double g1, ref double g2, ref double g3, int rows,
            double[] dw, int k)
        {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int r = 0; r < rows; r++)
            {
                double xs = Unsafe.Add(ref d, x + r);
                s0 += Unsafe.Add(ref g0, r) * xs;
                s1 += Unsafe.Add(ref g1, r) * xs;
                s2 += Unsafe.Add(ref g2, r) * xs;
                s3 += Unsafe.Add(ref g3, r) * xs;
            }
            dw[k * W] = s0; dw[k * W + 1] = s1; dw[k * W + 2] = s2; dw[k * W + 3] = s3;
        }
    }

    /// <summary>The lanes of a vector summed pairwise, as <see cref="SimdKernels"/> finishes its sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(Vector256<double> v) => (v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3));

    /// <summary>
    /// <c>grad[offset + r] += Σ_m G_m[r]·w_m</c> for rows <c>[0, rows)</c>, the members from the last to the first (the
    /// order the backward sweep meets them): what pair <paramref name="k"/>'s lane factor receives from every member.
    /// </summary>
    internal static void LaneGradient(double[] grad, int offset, double[] g, int stride, DotGroup group, int k, int rows)
    {
        ref double y = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(grad), offset);
        ref double g0 = ref MemoryMarshal.GetArrayDataReference(g);
        double[] weights = group.Weights;
        int members = group.Members;
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; r + 4 <= rows; r += 4)
            {
                Vector256<double> v = Vector256.LoadUnsafe(ref y, (nuint)r);
                for (int m = members - 1; m >= 0; m--)
                    v += Vector256.LoadUnsafe(ref g0, (nuint)(m * stride + r)) * Vector256.Create(weights[k * W + m]);
                v.StoreUnsafe(ref y, (nuint)r);
            }
        }
        for (; r < rows; r++)
        {
            double v = Unsafe.Add(ref y, r);
            for (int m = members - 1; m >= 0; m--) v += Unsafe.Add(ref g0, m * stride + r) * weights[k * W + m];
            Unsafe.Add(ref y, r) = v;
        }
    }
}
