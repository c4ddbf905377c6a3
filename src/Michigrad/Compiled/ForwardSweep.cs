using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Michigrad.Compiled;

/// <summary>Recomputes every interior slot of a <see cref="Tape"/> from its operands, in tape order.</summary>
/// <remarks>The formulas are <see cref="Value"/>'s, in the same order, so the numbers are the same bit for bit.</remarks>
internal static class ForwardSweep
{
    /// <summary>Runs the sweep; returns whether every interior value came out finite.</summary>
    internal static bool Run(Tape tape)
    {
        // Unchecked indexing: every operand index was written by the compiler and is below its slot (see Tape).
        ref TapeOp op = ref MemoryMarshal.GetArrayDataReference(tape.Ops);
        ref int start = ref MemoryMarshal.GetArrayDataReference(tape.OperandStart);
        ref int operand0 = ref MemoryMarshal.GetArrayDataReference(tape.Operands);
        ref double d = ref MemoryMarshal.GetArrayDataReference(tape.Data);

        ref bool paired = ref MemoryMarshal.GetArrayDataReference(tape.PairedWithNext);

        int count = tape.Count;
        bool finite = true;
        for (int i = tape.FirstInterior; i < count; i++)
        {
            int s = Unsafe.Add(ref start, i);
            ref int a = ref Unsafe.Add(ref operand0, s);
            double r;
            if (Unsafe.Add(ref paired, i))
            {
                // Two independent dots at once (see Tape.PairedWithNext): the same sums, overlapped.
                int length = Unsafe.Add(ref start, i + 1) - s;
                (double first, double second) = DotPair(ref d, ref a, ref Unsafe.Add(ref a, length), length);
                if (Unsafe.Add(ref op, i) == TapeOp.DotRelu) first = Math.Max(0.0, first);
                if (Unsafe.Add(ref op, i + 1) == TapeOp.DotRelu) second = Math.Max(0.0, second);
                Unsafe.Add(ref d, i) = first;
                Unsafe.Add(ref d, i + 1) = second;
                finite &= double.IsFinite(first) & double.IsFinite(second);
                i++;
                continue;
            }
            switch (Unsafe.Add(ref op, i))
            {
                case TapeOp.Dot: r = Dot(ref d, ref a, Unsafe.Add(ref start, i + 1) - s); break;
                case TapeOp.DotRelu: r = Math.Max(0.0, Dot(ref d, ref a, Unsafe.Add(ref start, i + 1) - s)); break;
                case TapeOp.Sum: r = Sum(ref d, ref a, Unsafe.Add(ref start, i + 1) - s); break;
                case TapeOp.SumRelu: r = Math.Max(0.0, Sum(ref d, ref a, Unsafe.Add(ref start, i + 1) - s)); break;
                case TapeOp.Add: r = Unsafe.Add(ref d, a) + Unsafe.Add(ref d, Unsafe.Add(ref a, 1)); break;
                case TapeOp.Sub: r = Unsafe.Add(ref d, a) - Unsafe.Add(ref d, Unsafe.Add(ref a, 1)); break;
                case TapeOp.Mul: r = Unsafe.Add(ref d, a) * Unsafe.Add(ref d, Unsafe.Add(ref a, 1)); break;
                case TapeOp.Div: r = Unsafe.Add(ref d, a) / Unsafe.Add(ref d, Unsafe.Add(ref a, 1)); break;
                case TapeOp.Neg: r = -Unsafe.Add(ref d, a); break;
                case TapeOp.PowConst: r = Value.PowScalar(Unsafe.Add(ref d, a), Unsafe.Add(ref d, Unsafe.Add(ref a, 1))); break;
                case TapeOp.Pow: r = Math.Pow(Unsafe.Add(ref d, a), Unsafe.Add(ref d, Unsafe.Add(ref a, 1))); break;
                case TapeOp.Exp: r = Math.Exp(Unsafe.Add(ref d, a)); break;
                case TapeOp.Log: r = Math.Log(Unsafe.Add(ref d, a)); break;
                case TapeOp.Tanh: r = Math.Tanh(Unsafe.Add(ref d, a)); break;
                case TapeOp.Relu: r = Math.Max(0.0, Unsafe.Add(ref d, a)); break;
                case TapeOp.Sigmoid: r = Value.StableSigmoid(Unsafe.Add(ref d, a)); break;
                default: throw new InvalidOperationException($"Tape op {Unsafe.Add(ref op, i)} has no forward rule.");
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
        double r = Unsafe.Add(ref d, (nint)a) * Unsafe.Add(ref d, (nint)Unsafe.Add(ref a, 1));
        ref int end = ref Unsafe.Add(ref a, length);
        for (ref int p = ref Unsafe.Add(ref a, 2); Unsafe.IsAddressLessThan(ref p, ref end); p = ref Unsafe.Add(ref p, 2))
            r += Unsafe.Add(ref d, (nint)p) * Unsafe.Add(ref d, (nint)Unsafe.Add(ref p, 1));
        return r;
    }

    /// <summary>Two <see cref="Dot"/>s of the same length, computed in one loop; each is summed in its own order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double, double) DotPair(ref double d, ref int a, ref int b, int length)
    {
        double r = Unsafe.Add(ref d, (nint)a) * Unsafe.Add(ref d, (nint)Unsafe.Add(ref a, 1));
        double q = Unsafe.Add(ref d, (nint)b) * Unsafe.Add(ref d, (nint)Unsafe.Add(ref b, 1));
        for (int k = 2; k < length; k += 2)
        {
            r += Unsafe.Add(ref d, (nint)Unsafe.Add(ref a, k)) * Unsafe.Add(ref d, (nint)Unsafe.Add(ref a, k + 1));
            q += Unsafe.Add(ref d, (nint)Unsafe.Add(ref b, k)) * Unsafe.Add(ref d, (nint)Unsafe.Add(ref b, k + 1));
        }
        return (r, q);
    }

    /// <summary>Σ d[aₖ] over <paramref name="length"/> operands, left to right from the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(ref double d, ref int a, int length)
    {
        double r = Unsafe.Add(ref d, (nint)a);
        ref int end = ref Unsafe.Add(ref a, length);
        for (ref int p = ref Unsafe.Add(ref a, 1); Unsafe.IsAddressLessThan(ref p, ref end); p = ref Unsafe.Add(ref p, 1))
            r += Unsafe.Add(ref d, (nint)p);
        return r;
    }
}
