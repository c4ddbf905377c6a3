using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Michigrad.Compiled;

/// <summary>Recomputes every interior slot of a replayed <see cref="Tape"/> (<see cref="TapeReplay"/>) from its operands, in tape order.</summary>
/// <remarks>The formulas are the op table's (<see cref="OpRules"/>), as <see cref="Value"/> uses them, in the same
/// order, so the numbers are the same bit for bit, except for the streamed stretches of long dot nodes (see
/// <see cref="DotRun"/>), whose SIMD sums differ from the left-to-right ones by rounding.</remarks>
internal static class ForwardSweep
{
    /// <summary>Runs the sweep; returns whether every interior value came out finite.</summary>
    [MethodImpl(Tiering.HotLoop)]
    internal static bool Run(TapeReplay tape)
    {
        // Unchecked indexing: every operand index was written by the compiler and is below its slot (see Tape).
        ref OpCode op = ref MemoryMarshal.GetArrayDataReference(tape.Ops);
        ref int start = ref MemoryMarshal.GetArrayDataReference(tape.OperandStart);
        ref int operand0 = ref MemoryMarshal.GetArrayDataReference(tape.Operands);
        ref double d = ref MemoryMarshal.GetArrayDataReference(tape.Data);

        ref bool paired = ref MemoryMarshal.GetArrayDataReference(tape.PairedWithNext);
        ref int runIndex = ref MemoryMarshal.GetArrayDataReference(tape.RunIndex);
        DotRun[] runs = tape.Runs;
        byte[] groupLength = tape.Schedule.GroupLength;
        Span<double> stretches = stackalloc double[4];

        int count = tape.Count;
        bool finite = true;
        for (int i = tape.FirstInterior; i < count; i++)
        {
            int s = Unsafe.Add(ref start, i);
            ref int a = ref Unsafe.Add(ref operand0, s);
            double r;
            if (Unsafe.Add(ref paired, i))
            {
                // Two independent dots at once (see TapeReplay.PairedWithNext): the same sums, overlapped.
                int length = Unsafe.Add(ref start, i + 1) - s;
                (double first, double second) = DotPair(ref d, ref a, ref Unsafe.Add(ref a, length), length);
                if (Unsafe.Add(ref op, i) == OpCode.DotRelu) first = OpRules.Relu(first);
                if (Unsafe.Add(ref op, i + 1) == OpCode.DotRelu) second = OpRules.Relu(second);
                Unsafe.Add(ref d, i) = first;
                Unsafe.Add(ref d, i + 1) = second;
                finite &= double.IsFinite(first) & double.IsFinite(second);
                i++;
                continue;
            }
            OpCode code = Unsafe.Add(ref op, i);
            // Only a dot can have a streamed stretch: other slots skip the look-up.
            if (code is OpCode.Dot or OpCode.DotRelu && Unsafe.Add(ref runIndex, i) >= 0)
            {
                // A group of streamed dots on one input (see RunSchedule): their stretches in one pass, then each dot.
                int members = groupLength[i];
                StreamGroup(ref d, runs, ref runIndex, i, members, stretches);
                for (int m = 0; m < members; m++)
                {
                    int slot = i + m, first = Unsafe.Add(ref start, slot);
                    r = StreamedDot(ref d, ref Unsafe.Add(ref operand0, first), Unsafe.Add(ref start, slot + 1) - first,
                        runs[Unsafe.Add(ref runIndex, slot)], stretches[m]);
                    if (Unsafe.Add(ref op, slot) == OpCode.DotRelu) r = OpRules.Relu(r);
                    Unsafe.Add(ref d, slot) = r;
                    finite &= double.IsFinite(r);
                }
                i += members - 1;
                continue;
            }
            switch (code)
            {
                case OpCode.Dot: r = Dot(ref d, ref a, Unsafe.Add(ref start, i + 1) - s); break;
                case OpCode.DotRelu: r = OpRules.Relu(Dot(ref d, ref a, Unsafe.Add(ref start, i + 1) - s)); break;
                case OpCode.Sum: r = Sum(ref d, ref a, Unsafe.Add(ref start, i + 1) - s); break;
                case OpCode.SumRelu: r = OpRules.Relu(Sum(ref d, ref a, Unsafe.Add(ref start, i + 1) - s)); break;
                case OpCode.LogSumExp: r = LogSumExp(tape, ref d, ref a, Unsafe.Add(ref start, i + 1) - s); break;
                default:
                    // One or two operands (a unary op reads its operand twice and ignores the second).
                    int a0 = a;
                    r = OpRules.Forward(code, Unsafe.Add(ref d, a0),
                        Unsafe.Add(ref d, OpRules.HasSecondOperand(code) ? Unsafe.Add(ref a, 1) : a0));
                    break;
            }
            Unsafe.Add(ref d, i) = r;
            finite &= double.IsFinite(r);
        }
        return finite;
    }

    /// <summary>Σ d[a₂ₖ]·d[a₂ₖ₊₁] over <paramref name="length"/> operands, left to right from the first product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ref double d, ref int a, int length)
    {
        // Walks a reference over the operands and widens each index once: the loop is a handful of instructions.
        double r = OpRules.Mul(Unsafe.Add(ref d, (nint)a), Unsafe.Add(ref d, (nint)Unsafe.Add(ref a, 1)));
        ref int end = ref Unsafe.Add(ref a, length);
        for (ref int p = ref Unsafe.Add(ref a, 2); Unsafe.IsAddressLessThan(ref p, ref end); p = ref Unsafe.Add(ref p, 2))
            r = OpRules.Add(r, OpRules.Mul(Unsafe.Add(ref d, (nint)p), Unsafe.Add(ref d, (nint)Unsafe.Add(ref p, 1))));
        return r;
    }

    /// <summary>
    /// A dot node with a streamed stretch: the pairs before it left to right, then the stretch's SIMD dot product,
    /// then the pairs after it (see <see cref="SimdKernels.DotShared"/> for the order of the stretch's own sum).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double StreamedDot(ref double d, ref int a, int length, DotRun run, double stretch)
    {
        int pairs = length / 2, end = run.FirstPair + run.Length;
        double r;
        if (run.FirstPair == 0)
        {
            r = stretch;
        }
        else
        {
            r = Product(ref d, ref a, 0);
            for (int k = 1; k < run.FirstPair; k++) r = OpRules.Add(r, Product(ref d, ref a, k));
            r = OpRules.Add(r, stretch);
        }
        for (int k = end; k < pairs; k++) r = OpRules.Add(r, Product(ref d, ref a, k));
        return r;
    }

    /// <summary>The stretches of the <paramref name="members"/> dots from slot <paramref name="first"/>, which share
    /// their right run, into <paramref name="stretches"/>.</summary>
    private static void StreamGroup(ref double d, DotRun[] runs, ref int runIndex, int first, int members, Span<double> stretches)
    {
        DotRun head = runs[Unsafe.Add(ref runIndex, first)];
        ref double w0 = ref Unsafe.Add(ref d, head.Left);
        ref double w1 = ref members > 1 ? ref Unsafe.Add(ref d, runs[Unsafe.Add(ref runIndex, first + 1)].Left) : ref w0;
        ref double w2 = ref members > 2 ? ref Unsafe.Add(ref d, runs[Unsafe.Add(ref runIndex, first + 2)].Left) : ref w0;
        ref double w3 = ref members > 3 ? ref Unsafe.Add(ref d, runs[Unsafe.Add(ref runIndex, first + 3)].Left) : ref w0;
        SimdKernels.DotShared(ref Unsafe.Add(ref d, head.Right), ref w0, ref w1, ref w2, ref w3, head.Length, stretches);
    }

    /// <summary>The product of a dot node's pair <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Product(ref double d, ref int a, int k) =>
        OpRules.Mul(Unsafe.Add(ref d, (nint)Unsafe.Add(ref a, 2 * k)), Unsafe.Add(ref d, (nint)Unsafe.Add(ref a, 2 * k + 1)));

    /// <summary>Two <see cref="Dot"/>s of the same length, computed in one loop; each is summed in its own order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double, double) DotPair(ref double d, ref int a, ref int b, int length)
    {
        double r = OpRules.Mul(Unsafe.Add(ref d, (nint)a), Unsafe.Add(ref d, (nint)Unsafe.Add(ref a, 1)));
        double q = OpRules.Mul(Unsafe.Add(ref d, (nint)b), Unsafe.Add(ref d, (nint)Unsafe.Add(ref b, 1)));
        for (int k = 2; k < length; k += 2)
        {
            r = OpRules.Add(r, OpRules.Mul(Unsafe.Add(ref d, (nint)Unsafe.Add(ref a, k)), Unsafe.Add(ref d, (nint)Unsafe.Add(ref a, k + 1))));
            q = OpRules.Add(q, OpRules.Mul(Unsafe.Add(ref d, (nint)Unsafe.Add(ref b, k)), Unsafe.Add(ref d, (nint)Unsafe.Add(ref b, k + 1))));
        }
        return (r, q);
    }

    /// <summary>The log-sum-exp of <paramref name="length"/> operands, gathered into the tape's scratch array.</summary>
    private static double LogSumExp(TapeReplay tape, ref double d, ref int a, int length)
    {
        Span<double> gathered = tape.Gathered.AsSpan(0, length);
        for (int k = 0; k < length; k++) gathered[k] = Unsafe.Add(ref d, Unsafe.Add(ref a, k));
        return OpRules.LogSumExp(gathered);
    }

    /// <summary>Σ d[aₖ] over <paramref name="length"/> operands, left to right from the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(ref double d, ref int a, int length)
    {
        double r = Unsafe.Add(ref d, (nint)a);
        ref int end = ref Unsafe.Add(ref a, length);
        for (ref int p = ref Unsafe.Add(ref a, 1); Unsafe.IsAddressLessThan(ref p, ref end); p = ref Unsafe.Add(ref p, 1))
            r = OpRules.Add(r, Unsafe.Add(ref d, (nint)p));
        return r;
    }
}
