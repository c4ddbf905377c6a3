using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Michigrad.Compiled;

/// <summary>Applies the chain rule over a replayed <see cref="Tape"/> (<see cref="TapeReplay"/>), from the last slot down to the first interior one.</summary>
/// <remarks>
/// The rules are the op table's (<see cref="OpRules"/>), as <see cref="Value"/> applies them; a fused node's terms are visited in the order the object graph
/// would reach them, so gradients match it to the last bit wherever the contributions to a node arrive in the same
/// order.
/// <para>A sum or dot node whose gradient is exactly 0 (a dead relu, a satisfied hinge) can be skipped without changing
/// a single bit, given two facts the caller vouches for with <c>skipZeroGradients</c>: every value is finite, so each
/// skipped contribution is ±0 rather than 0·∞ = NaN; and no leaf gradient starts at -0, the only number that adding
/// +0 changes. Interior gradients start at +0, and a sum that starts at +0 is never -0.</para>
/// </remarks>
internal static class BackwardSweep
{
    /// <summary>Propagates the gradients already in <see cref="TapeReplay.Grad"/> (seeded by the caller).</summary>
    /// <param name="tape">The tape, its data from the last forward sweep.</param>
    /// <param name="skipZeroGradients">Whether sum and dot nodes with a zero gradient may be skipped (see remarks).</param>
    [MethodImpl(Tiering.HotLoop)]
    internal static void Run(TapeReplay tape, bool skipZeroGradients)
    {
        // Unchecked indexing: every operand index was written by the compiler and is below its slot (see Tape).
        ref OpCode op = ref MemoryMarshal.GetArrayDataReference(tape.BackwardOps);   // a leaf where no gradient is needed
        ref int start = ref MemoryMarshal.GetArrayDataReference(tape.OperandStart);
        ref int operand0 = ref MemoryMarshal.GetArrayDataReference(tape.Operands);
        ref double d = ref MemoryMarshal.GetArrayDataReference(tape.Data);
        ref double gr = ref MemoryMarshal.GetArrayDataReference(tape.Grad);
        int one = tape.LeafCount;   // the constant 1 that a dot node's plain addends are paired with
        ref int runIndex = ref MemoryMarshal.GetArrayDataReference(tape.RunIndex);
        DotRun[] runs = tape.Runs;
        RunSchedule schedule = tape.Schedule;
        // Only a deferred run's gradient is read back (by RunDeferred); most tapes have none, or few.
        double[] runGrad = schedule.RunGrad;
        foreach (int run in schedule.DeferredRuns) runGrad[run] = 0.0;

        for (int i = tape.Count - 1; i >= tape.FirstInterior; i--)
        {
            double g = Unsafe.Add(ref gr, i);
            int s = Unsafe.Add(ref start, i);
            ref int a = ref Unsafe.Add(ref operand0, s);
            int a0 = a;
            switch (Unsafe.Add(ref op, i))
            {
                case OpCode.Leaf:
                    break;   // nothing below it needs a gradient
                case OpCode.Dot:
                    if (g == 0 && skipZeroGradients) break;
                    if (Unsafe.Add(ref runIndex, i) is int run and >= 0)
                        StreamedDot(ref d, ref gr, ref a, Unsafe.Add(ref start, i + 1) - s, g, one, runs[run], run, schedule);
                    else
                        Dot(ref d, ref gr, ref a, Unsafe.Add(ref start, i + 1) - s, g, one);
                    break;
                case OpCode.DotRelu:
                    g = OpRules.ReluGrad<Number>(g, Unsafe.Add(ref d, i)).Data;   // the relu's rule, then the dot's
                    if (g == 0 && skipZeroGradients) break;
                    if (Unsafe.Add(ref runIndex, i) is int reluRun and >= 0)
                        StreamedDot(ref d, ref gr, ref a, Unsafe.Add(ref start, i + 1) - s, g, one, runs[reluRun], reluRun, schedule);
                    else
                        Dot(ref d, ref gr, ref a, Unsafe.Add(ref start, i + 1) - s, g, one);
                    break;
                case OpCode.Sum:
                    if (g == 0 && skipZeroGradients) break;
                    Sum(ref gr, ref a, Unsafe.Add(ref start, i + 1) - s, g);
                    break;
                case OpCode.SumRelu:
                    g = OpRules.ReluGrad<Number>(g, Unsafe.Add(ref d, i)).Data;
                    if (g == 0 && skipZeroGradients) break;
                    Sum(ref gr, ref a, Unsafe.Add(ref start, i + 1) - s, g);
                    break;
                case OpCode.LogSumExp:
                {
                    Number y = Unsafe.Add(ref d, i);
                    for (int k = 0, n = Unsafe.Add(ref start, i + 1) - s; k < n; k++)
                    {
                        int x = Unsafe.Add(ref a, k);
                        Unsafe.Add(ref gr, x) += OpRules.LogSumExpGrad<Number>(g, Unsafe.Add(ref d, x), y).Data;
                    }
                    break;
                }
                default:
                {
                    // One or two operands: the op table's rule, as Value applies it.
                    OpCode code = Unsafe.Add(ref op, i);
                    int a1 = OpRules.HasSecondOperand(code) ? Unsafe.Add(ref a, 1) : a0;
                    if (OpRules.IsBinary(code))
                    {
                        (Number da, Number db) = OpRules.BackwardBinary<Number>(code, g, Unsafe.Add(ref d, a0),
                            Unsafe.Add(ref d, a1), Unsafe.Add(ref d, i));
                        Unsafe.Add(ref gr, a0) += da.Data;
                        Unsafe.Add(ref gr, a1) += db.Data;
                    }
                    else
                    {
                        Unsafe.Add(ref gr, a0) += OpRules.BackwardUnary<Number>(code, g, Unsafe.Add(ref d, a0),
                            Unsafe.Add(ref d, a1), Unsafe.Add(ref d, i)).Data;
                    }
                    break;
                }
            }
        }
        RunDeferred(tape, schedule);
    }

    /// <summary>The deferred stretches (see <see cref="RunSchedule"/>): each left run's contributions in one pass.</summary>
    private static void RunDeferred(TapeReplay tape, RunSchedule schedule)
    {
        int[] starts = schedule.DeferredStart, members = schedule.DeferredRuns;
        double[] runGrad = schedule.RunGrad, g = schedule.ScratchGrad;
        int[] rights = schedule.ScratchRight;
        DotRun[] runs = tape.Runs;
        ref double d = ref MemoryMarshal.GetArrayDataReference(tape.Data);
        ref double gr = ref MemoryMarshal.GetArrayDataReference(tape.Grad);
        for (int k = 0; k + 1 < starts.Length; k++)
        {
            int n = starts[k + 1] - starts[k];
            for (int m = 0; m < n; m++)
            {
                int run = members[starts[k] + m];
                g[m] = runGrad[run];
                rights[m] = runs[run].Right;
            }
            DotRun head = runs[members[starts[k]]];
            SimdKernels.AccumulateRuns(ref Unsafe.Add(ref gr, head.Left), head.Length, g.AsSpan(0, n), rights.AsSpan(0, n), ref d);
        }
    }

    /// <summary>The rule of a dot node for gradient <paramref name="g"/>: each pair's product rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot(ref double d, ref double gr, ref int a, int length, double g, int one)
    {
        // The last term first, as the object graph meets them going down the chain. The first two terms are one
        // addition: its left operand hears first when it is an addend, after its partner otherwise.
        ref int stop = ref Unsafe.Add(ref a, 4);
        for (ref int p = ref Unsafe.Add(ref a, length - 2); !Unsafe.IsAddressLessThan(ref p, ref stop); p = ref Unsafe.Subtract(ref p, 2))
            Pair(ref d, ref gr, g, p, Unsafe.Add(ref p, 1));
        int a0 = a, b0 = Unsafe.Add(ref a, 1);
        if (b0 == one) Unsafe.Add(ref gr, (nint)a0) += OpRules.AddGrad<Number>(g).Item1.Data;
        Pair(ref d, ref gr, g, Unsafe.Add(ref a, 2), Unsafe.Add(ref a, 3));
        if (b0 != one) Pair(ref d, ref gr, g, a0, b0);
    }

    /// <summary>
    /// The rule of a dot node with a streamed stretch: each pair outside it as in <see cref="Dot"/>, and the stretch
    /// as two <c>axpy</c> loops, one per side that needs a gradient (the input pixels of a batch need none).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StreamedDot(ref double d, ref double gr, ref int a, int length, double g, int one, DotRun run,
        int runNumber, RunSchedule schedule)
    {
        int pairs = length / 2, end = run.FirstPair + run.Length;
        for (int k = pairs - 1; k >= end; k--) PairOrAddend(ref d, ref gr, g, ref a, k, one);
        if (schedule.Deferred[runNumber])
            schedule.RunGrad[runNumber] = g;   // added with the rest of its left run's at the end of the sweep
        else if (run.LeftNeedsGrad)
            SimdKernels.Axpy(g, ref Unsafe.Add(ref d, run.Right), ref Unsafe.Add(ref gr, run.Left), run.Length);
        if (run.RightNeedsGrad)
            SimdKernels.Axpy(g, ref Unsafe.Add(ref d, run.Left), ref Unsafe.Add(ref gr, run.Right), run.Length);
        for (int k = run.FirstPair - 1; k >= 0; k--) PairOrAddend(ref d, ref gr, g, ref a, k, one);
    }

    /// <summary>Pair <paramref name="k"/> of a dot node: a plain addend (paired with the constant 1) or a product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairOrAddend(ref double d, ref double gr, double g, ref int a, int k, int one)
    {
        int left = Unsafe.Add(ref a, 2 * k), right = Unsafe.Add(ref a, 2 * k + 1);
        if (right == one) Unsafe.Add(ref gr, (nint)left) += OpRules.AddGrad<Number>(g).Item1.Data;
        else Pair(ref d, ref gr, g, left, right);
    }

    /// <summary>The rule of a sum node: every term receives exactly g, so their order changes no sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sum(ref double gr, ref int a, int length, double g)
    {
        double term = OpRules.AddGrad<Number>(g).Item1.Data;
        ref int end = ref Unsafe.Add(ref a, length);
        for (ref int p = ref a; Unsafe.IsAddressLessThan(ref p, ref end); p = ref Unsafe.Add(ref p, 1))
            Unsafe.Add(ref gr, (nint)p) += term;
    }

    /// <summary>The product rule for one pair, in <see cref="Value"/>'s order: the left factor first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(ref double d, ref double gr, double g, nint left, nint right)
    {
        (Number dl, Number dr) = OpRules.MulGrad<Number>(g, Unsafe.Add(ref d, left), Unsafe.Add(ref d, right));
        Unsafe.Add(ref gr, left) += dl.Data;
        Unsafe.Add(ref gr, right) += dr.Data;
    }
}
