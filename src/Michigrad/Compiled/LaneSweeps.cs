using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Michigrad.Compiled;

/// <summary>The forward and backward sweeps of a <see cref="LaneTape"/>: the tape's ops, each applied to every row.</summary>
/// <remarks>
/// <para>The formulas are the op table's (<see cref="OpRules"/>) in the scalar tape's order, so every row's forward
/// values are the object graph's to the bit (dot groups included, see <see cref="LaneKernels"/>). Gradients on lanes
/// follow the backward sweep's rules; a shared slot receives the sum over rows of what each row gives it, which agrees
/// with the object graph of the whole batch to rounding.</para>
/// </remarks>
internal static class LaneSweeps
{
    /// <summary>Recomputes every interior lane on rows <c>[0, rows)</c> from the row leaves and the shared slots.</summary>
    [MethodImpl(Tiering.HotLoop)]
    internal static void Forward(LaneTape lanes, int rows)
    {
        Tape tape = lanes.Tape;
        double[] data = lanes.Data, shared = lanes.Shared;
        int[] offset = lanes.Offset, start = tape.OperandStart, operands = tape.Operands;
        for (int i = tape.FirstInterior; i < tape.Count; i++)
        {
            if (lanes.GroupOf[i] is int member and >= 0)
            {
                // A run of groups on the same lanes (a layer), all at its first slot (its other members come later, and
                // nothing they read does): a stretch of pairs at a time for every group, so that the stretch's input
                // lanes stay in cache while each group reads them.
                int g = lanes.RunHead[member];
                if (i != lanes.Groups[g].First) continue;   // computed with its run
                int count = lanes.RunLength[g], pairs = lanes.Groups[g].Pairs, stretch = ForwardStretch(rows);
                for (int from = 0; from < pairs; from += stretch)
                {
                    int to = Math.Min(from + stretch, pairs);
                    for (int j = g; j < g + count; j++) LaneKernels.Forward(data, lanes.Groups[j], rows, from, to);
                }
                for (int j = g; j < g + count; j++)
                {
                    DotGroup group = lanes.Groups[j];
                    for (int m = 0; m < group.Members; m++)
                        if (group.Relu[m]) Relu(data.AsSpan(group.OutputOffset[m], rows));
                }
                continue;
            }
            OpCode code = tape.Ops[i];
            int s = start[i], n = start[i + 1] - s, output = offset[i];
            switch (code)
            {
                case OpCode.Dot or OpCode.DotRelu:
                    for (int r = 0; r < rows; r++)
                    {
                        double sum = -0.0;   // adding to -0 changes no number: the sum is the first product's onward
                        for (int p = s; p < s + n; p += 2)
                            sum = OpRules.Add(sum, OpRules.Mul(At(operands[p], r), At(operands[p + 1], r)));
                        data[output + r] = sum;
                    }
                    if (code == OpCode.DotRelu) Relu(data.AsSpan(output, rows));
                    break;
                case OpCode.Sum or OpCode.SumRelu:
                    for (int r = 0; r < rows; r++)
                    {
                        double sum = At(operands[s], r);
                        for (int p = s + 1; p < s + n; p++) sum = OpRules.Add(sum, At(operands[p], r));
                        data[output + r] = sum;
                    }
                    if (code == OpCode.SumRelu) Relu(data.AsSpan(output, rows));
                    break;
                case OpCode.LogSumExp:
                {
                    Span<double> gathered = lanes.Gathered.AsSpan(0, n);
                    for (int r = 0; r < rows; r++)
                    {
                        for (int k = 0; k < n; k++) gathered[k] = At(operands[s + k], r);
                        data[output + r] = OpRules.LogSumExp(gathered);
                    }
                    break;
                }
                default:
                {
                    int a0 = operands[s], a1 = OpRules.HasSecondOperand(code) ? operands[s + 1] : a0;
                    for (int r = 0; r < rows; r++) data[output + r] = OpRules.Forward(code, At(a0, r), At(a1, r));
                    break;
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        double At(int slot, int row) => offset[slot] is int o and >= 0 ? data[o + row] : shared[slot];
    }

    [MethodImpl(Tiering.HotLoop)]
    private static void Relu(Span<double> lane)
    {
        for (int r = 0; r < lane.Length; r++) lane[r] = OpRules.Relu(lane[r]);
    }

    /// <summary>
    /// Propagates the gradients seeded on the lanes (interior lanes fresh, <see cref="LaneTape.SharedGrad"/> cleared by
    /// the caller) down to the row leaves' lanes and the shared slots, on rows <c>[0, rows)</c>.
    /// </summary>
    /// <param name="lanes">The tape.</param>
    /// <param name="rows">How many rows.</param>
    /// <param name="assign">Whether the weights whose gradients the kernels write in place, in their storage (see
    /// <see cref="GroupWeights"/>), get their sums written (after a ZeroGrad) rather than added; the caller credits
    /// every other shared leaf.</param>
    [MethodImpl(Tiering.HotLoop)]
    internal static void Backward(LaneTape lanes, int rows, bool assign)
    {
        Tape tape = lanes.Tape;
        double[] data = lanes.Data, grad = lanes.Grad, shared = lanes.Shared, sharedGrad = lanes.SharedGrad;
        int[] offset = lanes.Offset, start = tape.OperandStart, operands = tape.Operands;
        bool[] needs = tape.NeedsGrad;
        for (int i = tape.Count - 1; i >= tape.FirstInterior; i--)
        {
            if (lanes.GroupOf[i] is int gi and >= 0)
            {
                // The run goes at its first slot, the lowest: every consumer of every member has been met by then.
                int head = lanes.RunHead[gi];
                if (i == lanes.Groups[head].First) GroupRun(lanes, head, lanes.RunLength[head], rows, assign);
                continue;
            }
            if (!needs[i]) continue;
            OpCode code = tape.Ops[i];
            int s = start[i], n = start[i + 1] - s, output = offset[i];
            switch (code)
            {
                case OpCode.Dot or OpCode.DotRelu:
                    for (int p = s + n - 2; p >= s; p -= 2)
                    {
                        int a = operands[p], b = operands[p + 1];
                        bool needA = needs[a], needB = needs[b];
                        if (!needA && !needB) continue;
                        for (int r = 0; r < rows; r++)
                        {
                            double g = code == OpCode.DotRelu ? ReluGrad(grad[output + r], data[output + r]) : grad[output + r];
                            (Number da, Number db) = OpRules.MulGrad<Number>(g, At(a, r), At(b, r));
                            if (needA) Add(a, r, da.Data);
                            if (needB) Add(b, r, db.Data);
                        }
                    }
                    break;
                case OpCode.Sum or OpCode.SumRelu:
                    for (int p = s; p < s + n; p++)
                    {
                        int a = operands[p];
                        if (!needs[a]) continue;
                        for (int r = 0; r < rows; r++)
                        {
                            double g = code == OpCode.SumRelu ? ReluGrad(grad[output + r], data[output + r]) : grad[output + r];
                            Add(a, r, OpRules.AddGrad<Number>(g).Item1.Data);
                        }
                    }
                    break;
                case OpCode.LogSumExp:
                    for (int p = s; p < s + n; p++)
                    {
                        int a = operands[p];
                        if (!needs[a]) continue;
                        for (int r = 0; r < rows; r++)
                            Add(a, r, OpRules.LogSumExpGrad<Number>(grad[output + r], At(a, r), data[output + r]).Data);
                    }
                    break;
                default:
                {
                    int a0 = operands[s], a1 = OpRules.HasSecondOperand(code) ? operands[s + 1] : a0;
                    bool binary = OpRules.IsBinary(code);
                    for (int r = 0; r < rows; r++)
                    {
                        double g = grad[output + r], y = data[output + r];
                        if (binary)
                        {
                            (Number da, Number db) = OpRules.BackwardBinary<Number>(code, g, At(a0, r), At(a1, r), y);
                            if (needs[a0]) Add(a0, r, da.Data);
                            if (needs[a1]) Add(a1, r, db.Data);
                        }
                        else if (needs[a0])
                        {
                            Add(a0, r, OpRules.BackwardUnary<Number>(code, g, At(a0, r), At(a1, r), y).Data);
                        }
                    }
                    break;
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        double At(int slot, int row) => offset[slot] is int o and >= 0 ? data[o + row] : shared[slot];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        void Add(int slot, int row, double x)
        {
            if (offset[slot] is int o and >= 0) grad[o + row] += x;
            else sharedGrad[slot] += x;
        }
    }

    private static double ReluGrad(double g, double y) => OpRules.ReluGrad<Number>(g, y).Data;

    /// <summary><c>into[r] = ReluGrad(g[r], y[r])</c> for every row, four at a time where the processor has 256-bit
    /// vectors: the op table's rule (0 where <c>y ≤ 0</c>, else g, so a NaN output passes g), the same numbers.</summary>
    [MethodImpl(Tiering.HotLoop)]
    private static void ReluGrads(ReadOnlySpan<double> g, ReadOnlySpan<double> y, Span<double> into)
    {
        int r = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; r + 4 <= into.Length; r += 4)
            {
                Vector256<double> yv = Vector256.Create(y.Slice(r, 4));
                Vector256.ConditionalSelect(Vector256.LessThanOrEqual(yv, Vector256<double>.Zero), Vector256<double>.Zero,
                    Vector256.Create(g.Slice(r, 4))).CopyTo(into.Slice(r, 4));
            }
        }
        for (; r < into.Length; r++) into[r] = ReluGrad(g[r], y[r]);
    }

    /// <summary>
    /// The backward rule of a run of dot groups (a layer): each member's relu, what its lane factors get (group by
    /// group, the last first, as the sweep meets them), then what the weights get, a stretch of pairs at a time: the
    /// stretch's input lanes copied row by row once, and every group of the run summing from that copy while it is in
    /// cache.
    /// </summary>
    [MethodImpl(Tiering.HotLoop)]
    private static void GroupRun(LaneTape lanes, int head, int count, int rows, bool assign)
    {
        double[] data = lanes.Data, grad = lanes.Grad, saved = lanes.MemberGrad;
        double[] shared = lanes.Shared, sharedGrad = lanes.SharedGrad;
        bool[] needs = lanes.Tape.NeedsGrad;
        const int W = DotGroup.Width;
        int laneStride = lanes.Stride, block = W * laneStride;   // one group's members in saved
        bool anyWeights = false;
        Span<bool> reached = count <= 256 ? stackalloc bool[count] : new bool[count];
        for (int j = count - 1; j >= 0; j--)
        {
            DotGroup group = lanes.Groups[head + j];
            // The members' gradients after their relu, where the weights' sums over rows read them later.
            int keep = lanes.MemberGradBase + j * block;
            bool any = false;
            for (int m = 0; m < group.Members; m++)
            {
                int slot = group.MemberSlot[m], o = group.OutputOffset[m], at = keep + m * laneStride;
                if (!needs[slot])
                {
                    Array.Clear(saved, at, rows);   // nothing below it needs a gradient
                    continue;
                }
                any = true;
                if (group.Relu[m])
                    ReluGrads(grad.AsSpan(o, rows), data.AsSpan(o, rows), saved.AsSpan(at, rows));
                else
                    Array.Copy(grad, o, saved, at, rows);
            }
            reached[j] = any;
            if (!any) continue;
            foreach (int k in lanes.GradientLanePairs[head + j])   // the last first
                LaneKernels.LaneGradient(grad, group.LaneOffset[k], saved, keep, laneStride, group, k, rows);
            if (!group.SharedNeedsGrad) continue;
            anyWeights = true;
            for (int m = group.Members; m < W; m++) Array.Clear(saved, keep + m * laneStride, rows);   // padding: 0
        }
        if (!anyWeights) return;

        int pairs = lanes.Groups[head].Pairs;
        for (int from = 0; from < pairs; from += KBlock)
        {
            int to = Math.Min(from + KBlock, pairs);
            // The run's groups read the same lanes: laid out row by row once, for all of them.
            LaneKernels.PackRowMajor(data, lanes.Groups[head].LaneOffset, rows, from, to, lanes.RowMajor, lanes.RowMajorBase);
            for (int j = 0; j < count; j++)
            {
                DotGroup group = lanes.Groups[head + j];
                if (!reached[j] || !group.SharedNeedsGrad) continue;
                LaneKernels.WeightGradients(lanes.RowMajor, lanes.RowMajorBase, saved, lanes.MemberGradBase + j * block, laneStride,
                    group, rows, from, to, accumulate: group.Weights.SumsInStorage && !assign);
            }
        }
        for (int j = 0; j < count; j++)
        {
            DotGroup group = lanes.Groups[head + j];
            if (!reached[j] || !group.SharedNeedsGrad) continue;
            foreach (int at in group.Weights.Indirect)   // the direct ones: in their storage, or credited by the caller
            {
                int k = at / W, m = at % W;
                int a = group.SharedSlot[at];
                if (group.LaneOffset[k] >= 0)
                {
                    sharedGrad[a] += group.Weights.LaneSum(m, k);
                    continue;
                }
                // Two shared factors (a bias times the constant 1): each receives the other times each row's g.
                int b = group.OtherSlot[at];
                double da = 0, db = 0;
                for (int r = 0; r < rows; r++)
                {
                    (Number ga, Number gb) = OpRules.MulGrad<Number>(saved[lanes.MemberGradBase + j * block + m * laneStride + r], shared[a], shared[b]);
                    da += ga.Data;
                    db += gb.Data;
                }
                sharedGrad[a] += da;
                sharedGrad[b] += db;
            }
        }
    }

    /// <summary>How many pairs a run of groups takes at a time backward: the stretch's row-major copy of the input
    /// lanes is what every group of the run reads, so it should stay near the core (at a batch of 64 rows it fills the
    /// first-level cache; larger batches spill to the second), and each member reads its weights in place in stretches
    /// of 64 (half a kilobyte of a storage row), long enough that going from one member's row to the next does not
    /// dominate.</summary>
    internal const int KBlock = 64;

    /// <summary>How many pairs a run of groups takes at a time forward, for <paramref name="rows"/> rows: as many as keep
    /// the stretch's input lanes (pairs × rows numbers, which every group of the run reads) within 128 KiB, in the
    /// second-level cache, from <see cref="KBlock"/> to 4 × <see cref="KBlock"/>, in whole fours so that only the last
    /// stretch leaves pairs to the kernel's one-at-a-time loop. Each call of the kernel then has work enough to pay for
    /// looking up its group; the order of each row's terms is the pairs' order whatever the stretch.</summary>
    internal static int ForwardStretch(int rows) => Math.Clamp(16384 / Math.Max(rows, 1) & ~3, KBlock, 4 * KBlock);
}
