using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Michigrad.Compiled;

/// <summary>Recomputes every interior slot of a <see cref="Tape"/> from its operands, in tape order.</summary>
/// <remarks>The formulas are <see cref="Value"/>'s, in the same order, so the numbers are the same bit for bit.</remarks>
internal static class ForwardSweep
{
    internal static void Run(Tape tape)
    {
        // Unchecked indexing: every operand index was written by the compiler and is below its slot (see Tape).
        ref TapeOp op = ref MemoryMarshal.GetArrayDataReference(tape.Ops);
        ref int start = ref MemoryMarshal.GetArrayDataReference(tape.OperandStart);
        ref int operand0 = ref MemoryMarshal.GetArrayDataReference(tape.Operands);
        ref double d = ref MemoryMarshal.GetArrayDataReference(tape.Data);

        int count = tape.Count;
        for (int i = tape.FirstInterior; i < count; i++)
        {
            int s = Unsafe.Add(ref start, i);
            ref int a = ref Unsafe.Add(ref operand0, s);
            double x = Unsafe.Add(ref d, a);
            double r;
            switch (Unsafe.Add(ref op, i))
            {
                case TapeOp.Dot:
                {
                    int length = Unsafe.Add(ref start, i + 1) - s;
                    r = x * Unsafe.Add(ref d, Unsafe.Add(ref a, 1));
                    for (int j = 2; j < length; j += 2)
                        r += Unsafe.Add(ref d, Unsafe.Add(ref a, j)) * Unsafe.Add(ref d, Unsafe.Add(ref a, j + 1));
                    break;
                }
                case TapeOp.Sum:
                {
                    int length = Unsafe.Add(ref start, i + 1) - s;
                    r = x;
                    for (int j = 1; j < length; j++)
                        r += Unsafe.Add(ref d, Unsafe.Add(ref a, j));
                    break;
                }
                case TapeOp.Add: r = x + Unsafe.Add(ref d, Unsafe.Add(ref a, 1)); break;
                case TapeOp.Sub: r = x - Unsafe.Add(ref d, Unsafe.Add(ref a, 1)); break;
                case TapeOp.Mul: r = x * Unsafe.Add(ref d, Unsafe.Add(ref a, 1)); break;
                case TapeOp.Div: r = x / Unsafe.Add(ref d, Unsafe.Add(ref a, 1)); break;
                case TapeOp.Neg: r = -x; break;
                case TapeOp.PowConst:
                case TapeOp.Pow: r = Math.Pow(x, Unsafe.Add(ref d, Unsafe.Add(ref a, 1))); break;
                case TapeOp.Exp: r = Math.Exp(x); break;
                case TapeOp.Log: r = Math.Log(x); break;
                case TapeOp.Tanh: r = Math.Tanh(x); break;
                case TapeOp.Relu: r = Math.Max(0.0, x); break;
                case TapeOp.Sigmoid: r = Value.StableSigmoid(x); break;
                default: throw new InvalidOperationException($"Tape op {Unsafe.Add(ref op, i)} has no forward rule.");
            }
            Unsafe.Add(ref d, i) = r;
        }
    }
}
