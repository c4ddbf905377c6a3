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
/// <para>They use <see cref="Vector256{T}"/> where the processor has 256-bit vectors and plain loops elsewhere: a
/// vector holds four rows of a lane in the forward sums and the lane factors' gradients, and four pairs of one row in
/// the shared factors' gradients (read from a row-major copy, <see cref="PackRowMajor"/>). The forward sums and the
/// lane factors' gradients multiply and add separately (no fused multiply-add), so every row's numbers are the same on
/// every machine: the forward sums run over each row in the pairs' order, from -0 (which adding leaves every number
/// as it is), so each row's value is the scalar tape's and the object graph's to the bit.</para>
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
            // Four pairs a turn, then one at a time: the same terms in the same order, with a quarter of the loop's own
            // instructions, which compete with the arithmetic for the processor's dispatch slots. Native-sized index
            // and steps, so that the loop widens nothing.
            nint k = 0;
            for (nint fours = count - 3, lanes = step, lanes2 = 2 * lanes, lanes3 = 3 * lanes, lanes4 = 4 * lanes;
                 k < fours; k += 4)
            {
                Vector256<double> x0v, x1v, wv;
                x0v = Vector256.LoadUnsafe(ref x); x1v = Vector256.LoadUnsafe(ref x, 4);
                wv = Vector256.Create(Unsafe.Add(ref w0, k + 0)); a0 += wv * x0v; a1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w1, k + 0)); b0 += wv * x0v; b1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w2, k + 0)); c0 += wv * x0v; c1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w3, k + 0)); e0 += wv * x0v; e1 += wv * x1v;
                x0v = Vector256.LoadUnsafe(ref x, (nuint)lanes); x1v = Vector256.LoadUnsafe(ref x, (nuint)lanes + 4);
                wv = Vector256.Create(Unsafe.Add(ref w0, k + 1)); a0 += wv * x0v; a1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w1, k + 1)); b0 += wv * x0v; b1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w2, k + 1)); c0 += wv * x0v; c1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w3, k + 1)); e0 += wv * x0v; e1 += wv * x1v;
                x0v = Vector256.LoadUnsafe(ref x, (nuint)lanes2); x1v = Vector256.LoadUnsafe(ref x, (nuint)lanes2 + 4);
                wv = Vector256.Create(Unsafe.Add(ref w0, k + 2)); a0 += wv * x0v; a1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w1, k + 2)); b0 += wv * x0v; b1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w2, k + 2)); c0 += wv * x0v; c1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w3, k + 2)); e0 += wv * x0v; e1 += wv * x1v;
                x0v = Vector256.LoadUnsafe(ref x, (nuint)lanes3); x1v = Vector256.LoadUnsafe(ref x, (nuint)lanes3 + 4);
                wv = Vector256.Create(Unsafe.Add(ref w0, k + 3)); a0 += wv * x0v; a1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w1, k + 3)); b0 += wv * x0v; b1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w2, k + 3)); c0 += wv * x0v; c1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w3, k + 3)); e0 += wv * x0v; e1 += wv * x1v;
                x = ref Unsafe.Add(ref x, lanes4);
            }
            for (nint n = count, lanes = step; k < n; k++)
            {
                Vector256<double> x0v = Vector256.LoadUnsafe(ref x), x1v = Vector256.LoadUnsafe(ref x, 4);
                Vector256<double> wv = Vector256.Create(Unsafe.Add(ref w0, k)); a0 += wv * x0v; a1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w1, k)); b0 += wv * x0v; b1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w2, k)); c0 += wv * x0v; c1 += wv * x1v;
                wv = Vector256.Create(Unsafe.Add(ref w3, k)); e0 += wv * x0v; e1 += wv * x1v;
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

    /// <summary>How many pairs <see cref="PackRowMajor"/> lays side by side: a row's numbers of a chunk fill one cache
    /// line, two vectors.</summary>
    internal const int Chunk = 8;

    /// <summary>
    /// Lays the lane factors of pairs <c>[from, to)</c> on rows <c>[0, rows)</c> out row by row, <see cref="Chunk"/>
    /// pairs at a time: pair <c>from + Chunk·c + i</c> on row r goes to <c>into[start + (c·rows + r)·Chunk + i]</c>, and 0
    /// where the pair has no lane factor or lies past <paramref name="to"/>.
    /// </summary>
    /// <remarks>A lane holds one pair's rows; a weight's gradient sums over rows. Row by row, a vector holds the numbers
    /// of several pairs on one row, so a vector of sums needs no adding across its elements at the end.</remarks>
    [MethodImpl(Tiering.HotLoop)]
    internal static void PackRowMajor(double[] data, int[] laneOffset, int rows, int from, int to, double[] into, int start)
    {
        ref double d = ref MemoryMarshal.GetArrayDataReference(data);
        ref double p = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(into), start);
        Span<int> lane = stackalloc int[4];
        for (int k = from, c = 0; k < to; k += Chunk, c++)
        {
            ref double chunk = ref Unsafe.Add(ref p, c * rows * Chunk);
            for (int quarter = 0; quarter < Chunk; quarter += 4)
            {
                bool allLanes = true;
                for (int i = 0; i < 4; i++)
                {
                    int pair = k + quarter + i;
                    lane[i] = pair < to ? laneOffset[pair] : -1;
                    allLanes &= lane[i] >= 0;
                }
                ref double column = ref Unsafe.Add(ref chunk, quarter);
                int r = 0;
                if (allLanes && Avx.IsSupported)
                {
                    ref double a = ref Unsafe.Add(ref d, lane[0]), b = ref Unsafe.Add(ref d, lane[1]);
                    ref double e = ref Unsafe.Add(ref d, lane[2]), f = ref Unsafe.Add(ref d, lane[3]);
                    for (; r + 4 <= rows; r += 4)
                    {
                        // Four lanes' four rows in, four rows' four lanes out: a 4×4 transpose.
                        Vector256<double> va = Vector256.LoadUnsafe(ref a, (nuint)r), vb = Vector256.LoadUnsafe(ref b, (nuint)r);
                        Vector256<double> ve = Vector256.LoadUnsafe(ref e, (nuint)r), vf = Vector256.LoadUnsafe(ref f, (nuint)r);
                        Vector256<double> ab0 = Avx.UnpackLow(va, vb), ab1 = Avx.UnpackHigh(va, vb);   // a0 b0 a2 b2 | a1 b1 a3 b3
                        Vector256<double> ef0 = Avx.UnpackLow(ve, vf), ef1 = Avx.UnpackHigh(ve, vf);
                        ref double row = ref Unsafe.Add(ref column, r * Chunk);
                        Avx.Permute2x128(ab0, ef0, 0x20).StoreUnsafe(ref row);
                        Avx.Permute2x128(ab1, ef1, 0x20).StoreUnsafe(ref row, Chunk);
                        Avx.Permute2x128(ab0, ef0, 0x31).StoreUnsafe(ref row, 2 * Chunk);
                        Avx.Permute2x128(ab1, ef1, 0x31).StoreUnsafe(ref row, 3 * Chunk);
                    }
                }
                for (; r < rows; r++)
                    for (int i = 0; i < 4; i++)
                        Unsafe.Add(ref column, r * Chunk + i) = lane[i] >= 0 ? Unsafe.Add(ref d, lane[i] + r) : 0.0;
            }
        }
    }

    /// <summary>
    /// For every pair k of <c>[from, to)</c> with a lane factor and every member m: <c>S = Σ_r G_m[r]·x_k[r]</c>, written
    /// where <see cref="GroupWeights.LaneSum"/> says (added to what is there when <paramref name="accumulate"/>), where
    /// member m's gradients <c>G_m</c> lie in <paramref name="g"/> from <paramref name="gStart"/> +
    /// m·<paramref name="gStride"/>, row by row, and the lane factors in <paramref name="packed"/> from
    /// <paramref name="packedStart"/> as <see cref="PackRowMajor"/> laid them out for the same stretch.
    /// </summary>
    /// <remarks>Each sum runs over the rows in order from +0, one multiply-add per row (<see cref="MulAdd(double, double, double)"/>:
    /// rounded once where the processor fuses them), the same numbers on the vector and the scalar path. A chunk at a time,
    /// two vectors of pairs by four members: each load of a row's pairs serves four members, each member's gradient on
    /// the row eight pairs.</remarks>
    [MethodImpl(Tiering.HotLoop)]
    internal static void WeightGradients(double[] packed, int packedStart, double[] g, int gStart, int gStride, DotGroup group,
        int rows, int from, int to, bool accumulate)
    {
        ref double x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(packed), packedStart);
        ref double g0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(g), gStart);
        ref double g1 = ref Unsafe.Add(ref g0, gStride);
        ref double g2 = ref Unsafe.Add(ref g1, gStride);
        ref double g3 = ref Unsafe.Add(ref g2, gStride);
        ref int laneOffset = ref MemoryMarshal.GetArrayDataReference(group.LaneOffset);
        GroupWeights weights = group.Weights;
        Span<double> sums = stackalloc double[W * Chunk];   // member m's sum of pair i at m·Chunk + i
        for (int k = from, c = 0; k < to; k += Chunk, c++)
        {
            ref double xc = ref Unsafe.Add(ref x, c * rows * Chunk);
            int n = Math.Min(Chunk, to - k);
            bool whole = n == Chunk;
            for (int i = 0; i < n && whole; i++) whole = Unsafe.Add(ref laneOffset, k + i) >= 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
                for (nuint r = 0, end = (nuint)rows; r < end; r++)
                {
                    ref double xr = ref Unsafe.Add(ref xc, r * Chunk);
                    Vector256<double> lo = Vector256.LoadUnsafe(ref xr), hi = Vector256.LoadUnsafe(ref xr, 4);
                    Vector256<double> gv = Vector256.Create(Unsafe.Add(ref g0, r));
                    a0 = MulAdd(gv, lo, a0); b0 = MulAdd(gv, hi, b0);
                    gv = Vector256.Create(Unsafe.Add(ref g1, r));
                    a1 = MulAdd(gv, lo, a1); b1 = MulAdd(gv, hi, b1);
                    gv = Vector256.Create(Unsafe.Add(ref g2, r));
                    a2 = MulAdd(gv, lo, a2); b2 = MulAdd(gv, hi, b2);
                    gv = Vector256.Create(Unsafe.Add(ref g3, r));
                    a3 = MulAdd(gv, lo, a3); b3 = MulAdd(gv, hi, b3);
                }
                if (whole)
                {
                    // Every pair of the chunk has a lane factor, and a member's places for them lie one after another
                    // (GroupWeights); a place is only referred to once its pair is known to have one.
                    Write(ref weights.LaneSum(0, k), a0, b0, accumulate);
                    Write(ref weights.LaneSum(1, k), a1, b1, accumulate);
                    Write(ref weights.LaneSum(2, k), a2, b2, accumulate);
                    Write(ref weights.LaneSum(3, k), a3, b3, accumulate);
                    continue;
                }
                ref double s = ref MemoryMarshal.GetReference(sums);
                a0.StoreUnsafe(ref s); b0.StoreUnsafe(ref s, 4); a1.StoreUnsafe(ref s, 8); b1.StoreUnsafe(ref s, 12);
                a2.StoreUnsafe(ref s, 16); b2.StoreUnsafe(ref s, 20); a3.StoreUnsafe(ref s, 24); b3.StoreUnsafe(ref s, 28);
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
                    for (int r = 0; r < rows; r++)
                    {
                        double xs = Unsafe.Add(ref xc, r * Chunk + i);
                        t0 = MulAdd(Unsafe.Add(ref g0, r), xs, t0);
                        t1 = MulAdd(Unsafe.Add(ref g1, r), xs, t1);
                        t2 = MulAdd(Unsafe.Add(ref g2, r), xs, t2);
                        t3 = MulAdd(Unsafe.Add(ref g3, r), xs, t3);
                    }
                    sums[i] = t0; sums[Chunk + i] = t1; sums[2 * Chunk + i] = t2; sums[3 * Chunk + i] = t3;
                }
            }
            for (int i = 0; i < n; i++)
            {
                if (Unsafe.Add(ref laneOffset, k + i) < 0) continue;   // a pair of two shared factors: its own loop (GroupRun)
                Write(ref weights.LaneSum(0, k + i), sums[i], accumulate);
                Write(ref weights.LaneSum(1, k + i), sums[Chunk + i], accumulate);
                Write(ref weights.LaneSum(2, k + i), sums[2 * Chunk + i], accumulate);
                Write(ref weights.LaneSum(3, k + i), sums[3 * Chunk + i], accumulate);
            }
        }
    }

    /// <summary>Writes a weight's sum over rows, or adds it to what is there. A sum starts from +0, so it is never -0
    /// and writing it is writing <c>0 + sum</c>, the gradient after a ZeroGrad.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(ref double into, double sum, bool accumulate) => into = accumulate ? into + sum : sum;

    /// <summary><see cref="Write(ref double, double, bool)"/> for eight sums in a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(ref double into, Vector256<double> low, Vector256<double> high, bool accumulate)
    {
        if (accumulate)
        {
            low += Vector256.LoadUnsafe(ref into);
            high += Vector256.LoadUnsafe(ref into, 4);
        }
        low.StoreUnsafe(ref into);
        high.StoreUnsafe(ref into, 4);
    }

    /// <summary><c>c + a·b</c> rounded once where the processor multiplies and adds in one instruction, else
    /// <c>c + a·b</c> with the product rounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MulAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : c + a * b;

    /// <summary>The scalar <see cref="MulAdd(Vector256{double}, Vector256{double}, Vector256{double})"/>: the same
    /// rounding as each of its elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double MulAdd(double a, double b, double c) => Fma.IsSupported ? Math.FusedMultiplyAdd(a, b, c) : c + a * b;

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
