using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Michigrad.Compiled;

/// <summary>
/// The loops of a <see cref="DotGroup"/> over lanes: its forward sums, what its shared factors receive (a dot product
/// over rows per weight) and what its lane factors receive (an <c>axpy</c> per weight).
/// </summary>
/// <remarks>
/// <para>They use <see cref="Vector256{T}"/> over four rows at a time where the processor has 256-bit vectors and
/// plain loops elsewhere. The forward sums and the lane factors' gradients multiply and add separately (no fused
/// multiply-add), so every row's numbers are the same on every machine: the forward sums run over each row in the
/// pairs' order, from -0 (which adding leaves every number as it is), so each row's value is the scalar tape's and the
/// object graph's to the bit.</para>
/// <para>A shared factor's gradient is a sum over rows in another order than the object graph's, so it agrees with it
/// to rounding only, whatever the loop does; there the vector loop multiplies and adds in one instruction where the
/// processor can (<see cref="Fma"/>), with one rounding per term instead of two.</para>
/// </remarks>
internal static class LaneKernels
{
    private const int W = DotGroup.Width;

    /// <summary>
    /// Adds pairs <c>[from, to)</c> of every member of <paramref name="group"/> on rows <c>[0, rows)</c> into the
    /// members' lanes (which pair <paramref name="from"/> = 0 starts at -0), before any relu: called for consecutive
    /// stretches of pairs, it gives the sums of every pair in order, the stretches only deciding what stays in cache.
    /// </summary>
    [MethodImpl(Tiering.HotLoop)]
    internal static void Forward(double[] data, DotGroup group, int rows, int from, int to)
    {
        bool first = from == 0;
        ref double d = ref MemoryMarshal.GetArrayDataReference(data);
        ref int laneOffset = ref MemoryMarshal.GetArrayDataReference(group.LaneOffset);
        GroupWeights weights = group.Weights;
        int[] segmentStart = group.SegmentStart, segmentStep = group.SegmentStep;
        bool[] segmentIsLane = group.SegmentIsLane;
        int o0 = group.OutputOffset[0], o1 = group.OutputOffset[1], o2 = group.OutputOffset[2], o3 = group.OutputOffset[3];
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // A stretch at a time for every eight rows, the sums kept in the members' lanes between stretches: each
            // row's terms still come in the pairs' order.
            int whole = rows & ~7;
            bool fresh = first;
            for (int segment = 0; segment < segmentIsLane.Length && whole > 0; segment++)
            {
                int k = Math.Max(segmentStart[segment], from), end = Math.Min(segmentStart[segment + 1], to);
                if (k >= end) continue;
                var outputs = new Outputs(o0, o1, o2, o3);
                if (!segmentIsLane[segment])
                    SharedStretch(ref d, ref weights.Shared(0, k), ref weights.Shared(1, k), ref weights.Shared(2, k),
                        ref weights.Shared(3, k), end - k, outputs, whole, fresh);
                else if (segmentStep[segment] is int step and not int.MinValue)
                    EvenStretch(ref d, ref weights.Lane(0, k), ref weights.Lane(1, k), ref weights.Lane(2, k), ref weights.Lane(3, k),
                        Unsafe.Add(ref laneOffset, k), step, end - k, outputs, whole, fresh);
                else
                    GatherStretch(ref d, ref weights.Lane(0, k), ref weights.Lane(1, k), ref weights.Lane(2, k), ref weights.Lane(3, k),
                        ref Unsafe.Add(ref laneOffset, k), end - k, outputs, whole, fresh);
                fresh = false;
            }
            r = whole;
        }
        for (; r < rows; r++)
        {
            double a = -0.0, b = -0.0, c = -0.0, e = -0.0;
            if (!first)
            {
                a = Unsafe.Add(ref d, o0 + r);
                b = Unsafe.Add(ref d, o1 + r);
                c = Unsafe.Add(ref d, o2 + r);
                e = Unsafe.Add(ref d, o3 + r);
            }
            for (int k = from; k < to; k++)
            {
                int off = Unsafe.Add(ref laneOffset, k);
                if (off >= 0)
                {
                    double x = Unsafe.Add(ref d, off + r);
                    a += weights.Lane(0, k) * x;
                    b += weights.Lane(1, k) * x;
                    c += weights.Lane(2, k) * x;
                    e += weights.Lane(3, k) * x;
                }
                else
                {
                    a += weights.Shared(0, k); b += weights.Shared(1, k); c += weights.Shared(2, k); e += weights.Shared(3, k);
                }
            }
            Unsafe.Add(ref d, o0 + r) = a;
            Unsafe.Add(ref d, o1 + r) = b;
            Unsafe.Add(ref d, o2 + r) = c;
            Unsafe.Add(ref d, o3 + r) = e;
        }
    }

    /// <summary>The four lanes a group's members write.</summary>
    private readonly record struct Outputs(int O0, int O1, int O2, int O3);

    /// <summary>Adds <paramref name="count"/> pairs whose lane factors lie <paramref name="step"/> apart from
    /// <paramref name="x0"/> to the members' lanes (from -0 when <paramref name="fresh"/>), on rows
    /// <c>[0, whole)</c>, eight at a time: four members by two vectors of rows, each input load serving four members
    /// and each weight eight rows. Member m's weights are <paramref name="w0"/>… one after another.</summary>
    [MethodImpl(Tiering.HotLoop)]
    private static void EvenStretch(ref double d, ref double w0, ref double w1, ref double w2, ref double w3, int x0, int step,
        int count, Outputs o, int whole, bool fresh)
    {
        for (int r = 0; r < whole; r += 8)
        {
            ref double p0 = ref Unsafe.Add(ref d, o.O0 + r), p1 = ref Unsafe.Add(ref d, o.O1 + r);
            ref double p2 = ref Unsafe.Add(ref d, o.O2 + r), p3 = ref Unsafe.Add(ref d, o.O3 + r);
            Vector256<double> a0, a1, b0, b1, c0, c1, e0, e1;
            if (fresh)
            {
                a0 = a1 = b0 = b1 = c0 = c1 = e0 = e1 = Vector256.Create(-0.0);
            }
            else
            {
                a0 = Vector256.LoadUnsafe(ref p0); a1 = Vector256.LoadUnsafe(ref p0, 4);
                b0 = Vector256.LoadUnsafe(ref p1); b1 = Vector256.LoadUnsafe(ref p1, 4);
                c0 = Vector256.LoadUnsafe(ref p2); c1 = Vector256.LoadUnsafe(ref p2, 4);
                e0 = Vector256.LoadUnsafe(ref p3); e1 = Vector256.LoadUnsafe(ref p3, 4);
            }
            ref double x = ref Unsafe.Add(ref d, x0 + r);
            // Native-sized index and step: the loop then widens nothing, one instruction fewer per pair each.
            for (nint k = 0, n = count, lanes = step; k < n; k++)
            {
                Vector256<double> x0v = Vector256.LoadUnsafe(ref x), x1v = Vector256.LoadUnsafe(ref x, 4);
                Vector256<double> wv = Vector256.Create(Unsafe.Add(ref w0, k));
                a0 += wv * x0v; a1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w1, k));
                b0 += wv * x0v; b1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w2, k));
                c0 += wv * x0v; c1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w3, k));
                e0 += wv * x0v; e1 += wv * x1v;
                x = ref Unsafe.Add(ref x, lanes);
            }
            a0.StoreUnsafe(ref p0); a1.StoreUnsafe(ref p0, 4);
            b0.StoreUnsafe(ref p1); b1.StoreUnsafe(ref p1, 4);
            c0.StoreUnsafe(ref p2); c1.StoreUnsafe(ref p2, 4);
            e0.StoreUnsafe(ref p3); e1.StoreUnsafe(ref p3, 4);
        }
    }

    /// <summary><see cref="EvenStretch"/> for lane factors anywhere: each pair's lane looked up.</summary>
    [MethodImpl(Tiering.HotLoop)]
    private static void GatherStretch(ref double d, ref double w0, ref double w1, ref double w2, ref double w3, ref int laneOffset,
        int count, Outputs o, int whole, bool fresh)
    {
        for (int r = 0; r < whole; r += 8)
        {
            ref double p0 = ref Unsafe.Add(ref d, o.O0 + r), p1 = ref Unsafe.Add(ref d, o.O1 + r);
            ref double p2 = ref Unsafe.Add(ref d, o.O2 + r), p3 = ref Unsafe.Add(ref d, o.O3 + r);
            Vector256<double> a0, a1, b0, b1, c0, c1, e0, e1;
            if (fresh)
            {
                a0 = a1 = b0 = b1 = c0 = c1 = e0 = e1 = Vector256.Create(-0.0);
            }
            else
            {
                a0 = Vector256.LoadUnsafe(ref p0); a1 = Vector256.LoadUnsafe(ref p0, 4);
                b0 = Vector256.LoadUnsafe(ref p1); b1 = Vector256.LoadUnsafe(ref p1, 4);
                c0 = Vector256.LoadUnsafe(ref p2); c1 = Vector256.LoadUnsafe(ref p2, 4);
                e0 = Vector256.LoadUnsafe(ref p3); e1 = Vector256.LoadUnsafe(ref p3, 4);
            }
            for (nint k = 0, n = count; k < n; k++)
            {
                ref double x = ref Unsafe.Add(ref d, (nint)Unsafe.Add(ref laneOffset, k) + r);
                Vector256<double> x0v = Vector256.LoadUnsafe(ref x), x1v = Vector256.LoadUnsafe(ref x, 4);
                Vector256<double> wv = Vector256.Create(Unsafe.Add(ref w0, k));
                a0 += wv * x0v; a1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w1, k));
                b0 += wv * x0v; b1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w2, k));
                c0 += wv * x0v; c1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w3, k));
                e0 += wv * x0v; e1 += wv * x1v;
            }
            a0.StoreUnsafe(ref p0); a1.StoreUnsafe(ref p0, 4);
            b0.StoreUnsafe(ref p1); b1.StoreUnsafe(ref p1, 4);
            c0.StoreUnsafe(ref p2); c1.StoreUnsafe(ref p2, 4);
            e0.StoreUnsafe(ref p3); e1.StoreUnsafe(ref p3, 4);
        }
    }

    /// <summary>Adds <paramref name="count"/> pairs of two shared factors (packed as their products) to the members'
    /// lanes, the same term on every row.</summary>
    [MethodImpl(Tiering.HotLoop)]
    private static void SharedStretch(ref double d, ref double w0, ref double w1, ref double w2, ref double w3, int count,
        Outputs o, int whole, bool fresh)
    {
        for (int r = 0; r < whole; r += 8)
        {
            ref double p0 = ref Unsafe.Add(ref d, o.O0 + r), p1 = ref Unsafe.Add(ref d, o.O1 + r);
            ref double p2 = ref Unsafe.Add(ref d, o.O2 + r), p3 = ref Unsafe.Add(ref d, o.O3 + r);
            Vector256<double> a0, a1, b0, b1, c0, c1, e0, e1;
            if (fresh)
            {
                a0 = a1 = b0 = b1 = c0 = c1 = e0 = e1 = Vector256.Create(-0.0);
            }
            else
            {
                a0 = Vector256.LoadUnsafe(ref p0); a1 = Vector256.LoadUnsafe(ref p0, 4);
                b0 = Vector256.LoadUnsafe(ref p1); b1 = Vector256.LoadUnsafe(ref p1, 4);
                c0 = Vector256.LoadUnsafe(ref p2); c1 = Vector256.LoadUnsafe(ref p2, 4);
                e0 = Vector256.LoadUnsafe(ref p3); e1 = Vector256.LoadUnsafe(ref p3, 4);
            }
            for (nint k = 0, n = count; k < n; k++)
            {
                Vector256<double> v0 = Vector256.Create(Unsafe.Add(ref w0, k)), v1 = Vector256.Create(Unsafe.Add(ref w1, k));
                Vector256<double> v2 = Vector256.Create(Unsafe.Add(ref w2, k)), v3 = Vector256.Create(Unsafe.Add(ref w3, k));
                a0 += v0; a1 += v0; b0 += v1; b1 += v1; c0 += v2; c1 += v2; e0 += v3; e1 += v3;
            }
            a0.StoreUnsafe(ref p0); a1.StoreUnsafe(ref p0, 4);
            b0.StoreUnsafe(ref p1); b1.StoreUnsafe(ref p1, 4);
            c0.StoreUnsafe(ref p2); c1.StoreUnsafe(ref p2, 4);
            e0.StoreUnsafe(ref p3); e1.StoreUnsafe(ref p3, 4);
        }
    }

    /// <summary>
    /// For every pair k of <c>[from, to)</c> with a lane factor and every member m: <c>S = Σ_r G_m[r]·x_k[r]</c>, written
    /// where <see cref="GroupWeights.LaneSum"/> says (added to what is there when <paramref name="accumulate"/>), where
    /// member m's gradients <c>G_m</c> lie in <paramref name="g"/> from <paramref name="gStart"/> +
    /// m·<paramref name="gStride"/>, row by row.
    /// </summary>
    /// <remarks>Two pairs by four members at a time, each product a vector over four rows (no broadcast: each load of
    /// four rows' gradients serves two pairs, each load of an input lane four members); each lane of an accumulator sums
    /// every fourth row from the first, the four lanes are added pairwise at the end ((0 + 1) + (2 + 3)), and the rows
    /// past the last whole four follow in order. A fixed order, so the sums are the same from run to run.</remarks>
    [MethodImpl(Tiering.HotLoop)]
    internal static void WeightGradients(double[] data, double[] g, int gStart, int gStride, DotGroup group, int rows,
        int from, int to, bool accumulate)
    {
        ref double d = ref MemoryMarshal.GetArrayDataReference(data);
        ref double g0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(g), gStart);
        ref double g1 = ref Unsafe.Add(ref g0, gStride);
        ref double g2 = ref Unsafe.Add(ref g1, gStride);
        ref double g3 = ref Unsafe.Add(ref g2, gStride);
        ref int laneOffset = ref MemoryMarshal.GetArrayDataReference(group.LaneOffset);
        GroupWeights weights = group.Weights;
        int[] segmentStart = group.SegmentStart;
        bool[] segmentIsLane = group.SegmentIsLane;
        int whole = rows & ~3;
        for (int segment = 0; segment < segmentIsLane.Length; segment++)
        {
            if (!segmentIsLane[segment]) continue;
            int k = Math.Max(segmentStart[segment], from), end = Math.Min(segmentStart[segment + 1], to);
            if (k >= end) continue;
            ref double s0 = ref weights.LaneSum(0, k), s1 = ref weights.LaneSum(1, k);
            ref double s2 = ref weights.LaneSum(2, k), s3 = ref weights.LaneSum(3, k);
            int first = k;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; k + 2 <= end; k += 2)
                {
                    ref double xa = ref Unsafe.Add(ref d, Unsafe.Add(ref laneOffset, k));
                    ref double xb = ref Unsafe.Add(ref d, Unsafe.Add(ref laneOffset, k + 1));
                    Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
                    for (nuint r = 0, n = (nuint)whole; r < n; r += 4)
                    {
                        Vector256<double> va = Vector256.LoadUnsafe(ref xa, r), vb = Vector256.LoadUnsafe(ref xb, r);
                        Vector256<double> gv = Vector256.LoadUnsafe(ref g0, r);
                        a0 = MulAdd(gv, va, a0); b0 = MulAdd(gv, vb, b0);
                        gv = Vector256.LoadUnsafe(ref g1, r);
                        a1 = MulAdd(gv, va, a1); b1 = MulAdd(gv, vb, b1);
                        gv = Vector256.LoadUnsafe(ref g2, r);
                        a2 = MulAdd(gv, va, a2); b2 = MulAdd(gv, vb, b2);
                        gv = Vector256.LoadUnsafe(ref g3, r);
                        a3 = MulAdd(gv, va, a3); b3 = MulAdd(gv, vb, b3);
                    }
                    Vector256<double> sa = Fold(a0, a1, a2, a3), sb = Fold(b0, b1, b2, b3);
                    for (int r = whole; r < rows; r++)
                    {
                        Vector256<double> gv = Vector256.Create(Unsafe.Add(ref g0, r), Unsafe.Add(ref g1, r), Unsafe.Add(ref g2, r),
                            Unsafe.Add(ref g3, r));
                        sa = MulAdd(gv, Vector256.Create(Unsafe.Add(ref xa, r)), sa);
                        sb = MulAdd(gv, Vector256.Create(Unsafe.Add(ref xb, r)), sb);
                    }
                    int at = k - first;
                    Write(ref Unsafe.Add(ref s0, at), sa.GetElement(0), accumulate);
                    Write(ref Unsafe.Add(ref s1, at), sa.GetElement(1), accumulate);
                    Write(ref Unsafe.Add(ref s2, at), sa.GetElement(2), accumulate);
                    Write(ref Unsafe.Add(ref s3, at), sa.GetElement(3), accumulate);
                    Write(ref Unsafe.Add(ref s0, at + 1), sb.GetElement(0), accumulate);
                    Write(ref Unsafe.Add(ref s1, at + 1), sb.GetElement(1), accumulate);
                    Write(ref Unsafe.Add(ref s2, at + 1), sb.GetElement(2), accumulate);
                    Write(ref Unsafe.Add(ref s3, at + 1), sb.GetElement(3), accumulate);
                }
                if (k < end)
                {
                    // A last pair alone, summed as the pairs above are, so that a pair's sums do not depend on
                    // where a stretch of pairs begins or ends.
                    Vector256<double> sa = PairSums(ref Unsafe.Add(ref d, Unsafe.Add(ref laneOffset, k)), ref g0, ref g1, ref g2,
                        ref g3, whole, rows);
                    int at = k - first;
                    Write(ref Unsafe.Add(ref s0, at), sa.GetElement(0), accumulate);
                    Write(ref Unsafe.Add(ref s1, at), sa.GetElement(1), accumulate);
                    Write(ref Unsafe.Add(ref s2, at), sa.GetElement(2), accumulate);
                    Write(ref Unsafe.Add(ref s3, at), sa.GetElement(3), accumulate);
                    k++;
                }
            }
            for (; k < end; k++)
            {
                ref double x = ref Unsafe.Add(ref d, Unsafe.Add(ref laneOffset, k));
                double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
                for (int r = 0; r < rows; r++)
                {
                    double xs = Unsafe.Add(ref x, r);
                    t0 += Unsafe.Add(ref g0, r) * xs;
                    t1 += Unsafe.Add(ref g1, r) * xs;
                    t2 += Unsafe.Add(ref g2, r) * xs;
                    t3 += Unsafe.Add(ref g3, r) * xs;
                }
                int at = k - first;
                Write(ref Unsafe.Add(ref s0, at), t0, accumulate);
                Write(ref Unsafe.Add(ref s1, at), t1, accumulate);
                Write(ref Unsafe.Add(ref s2, at), t2, accumulate);
                Write(ref Unsafe.Add(ref s3, at), t3, accumulate);
            }
        }
    }

    /// <summary>One pair's four sums over rows, <c>Σ_r G_m[r]·x[r]</c> for each member m, in the order of
    /// <see cref="WeightGradients"/>'s loop over two pairs: a lane per fourth row, folded pairwise, then the last rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PairSums(ref double x, ref double g0, ref double g1, ref double g2, ref double g3, int whole,
        int rows)
    {
        Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
        for (nuint r = 0, n = (nuint)whole; r < n; r += 4)
        {
            Vector256<double> v = Vector256.LoadUnsafe(ref x, r);
            a0 = MulAdd(Vector256.LoadUnsafe(ref g0, r), v, a0);
            a1 = MulAdd(Vector256.LoadUnsafe(ref g1, r), v, a1);
            a2 = MulAdd(Vector256.LoadUnsafe(ref g2, r), v, a2);
            a3 = MulAdd(Vector256.LoadUnsafe(ref g3, r), v, a3);
        }
        Vector256<double> sums = Fold(a0, a1, a2, a3);
        for (int r = whole; r < rows; r++)
        {
            Vector256<double> gv = Vector256.Create(Unsafe.Add(ref g0, r), Unsafe.Add(ref g1, r), Unsafe.Add(ref g2, r),
                Unsafe.Add(ref g3, r));
            sums = MulAdd(gv, Vector256.Create(Unsafe.Add(ref x, r)), sums);
        }
        return sums;
    }

    /// <summary>Writes a weight's sum over rows, or adds it to what is there. A sum starts from +0, so it is never -0
    /// and writing it is writing <c>0 + sum</c>, the gradient after a ZeroGrad.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(ref double into, double sum, bool accumulate) => into = accumulate ? into + sum : sum;

    /// <summary><c>c + a·b</c> rounded once where the processor multiplies and adds in one instruction, else
    /// <c>c + a·b</c> with the product rounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MulAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : c + a * b;

    /// <summary>The sums of four vectors' lanes, as one vector: <c>((v[0] + v[1]) + (v[2] + v[3]))</c> for each.</summary>
    private static Vector256<double> Fold(Vector256<double> v0, Vector256<double> v1, Vector256<double> v2, Vector256<double> v3)
    {
        if (Avx.IsSupported)
        {
            Vector256<double> h01 = Avx.HorizontalAdd(v0, v1);   // v0[0]+v0[1], v1[0]+v1[1], v0[2]+v0[3], v1[2]+v1[3]
            Vector256<double> h23 = Avx.HorizontalAdd(v2, v3);
            return Avx.Permute2x128(h01, h23, 0x20) + Avx.Permute2x128(h01, h23, 0x31);
        }
        return Vector256.Create(Pairwise(v0), Pairwise(v1), Pairwise(v2), Pairwise(v3));

        static double Pairwise(Vector256<double> v) => (v[0] + v[1]) + (v[2] + v[3]);
    }

    /// <summary>
    /// <c>grad[offset + r] += Σ_m G_m[r]·w_m</c> for rows <c>[0, rows)</c>, the members from the last to the first (the
    /// order the backward sweep meets them): what pair <paramref name="k"/>'s lane factor receives from every member,
    /// whose gradients <c>G_m</c> lie in <paramref name="g"/> from <c>gStart + m·stride</c>.
    /// </summary>
    [MethodImpl(Tiering.HotLoop)]
    internal static void LaneGradient(double[] grad, int offset, double[] g, int gStart, int stride, DotGroup group, int k, int rows)
    {
        ref double y = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(grad), offset);
        ref double g0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(g), gStart);
        int members = group.Members;
        Span<double> weights = stackalloc double[W];
        for (int m = 0; m < members; m++) weights[m] = group.Weights.Lane(m, k);
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; r + 4 <= rows; r += 4)
            {
                Vector256<double> v = Vector256.LoadUnsafe(ref y, (nuint)r);
                for (int m = members - 1; m >= 0; m--)
                    v += Vector256.LoadUnsafe(ref g0, (nuint)(m * stride + r)) * Vector256.Create(weights[m]);
                v.StoreUnsafe(ref y, (nuint)r);
            }
        }
        for (; r < rows; r++)
        {
            double v = Unsafe.Add(ref y, r);
            for (int m = members - 1; m >= 0; m--) v += Unsafe.Add(ref g0, m * stride + r) * weights[m];
            Unsafe.Add(ref y, r) = v;
        }
    }
}
