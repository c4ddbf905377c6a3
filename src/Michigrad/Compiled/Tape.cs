namespace Michigrad.Compiled;

/// <summary>
/// A compiled graph as a struct of arrays, one slot per node: leaves in <c>[0, LeafCount)</c>, constants up to
/// <see cref="FirstInterior"/>, then the interior nodes in topological order. The operands of slot <c>i</c> are
/// <c>Operands[OperandStart[i] .. OperandStart[i + 1])</c>, as slot numbers that are all below <c>i</c>.
/// </summary>
/// <remarks>The sweeps index these arrays without bounds checks: <see cref="Compiler"/> guarantees the invariants
/// above, and nothing else writes the index arrays.</remarks>
internal sealed class Tape
{
    internal Tape(TapeOp[] ops, int[] operandStart, int[] operands, int leafCount, int firstInterior)
    {
        Ops = ops;
        OperandStart = operandStart;
        Operands = operands;
        LeafCount = leafCount;
        FirstInterior = firstInterior;
        Data = new double[ops.Length];
        Grad = new double[ops.Length];
    }

    internal TapeOp[] Ops { get; }
    internal int[] OperandStart { get; }   // Count + 1 entries
    internal int[] Operands { get; }
    internal double[] Data { get; }
    internal double[] Grad { get; }
    internal int LeafCount { get; }
    internal int FirstInterior { get; }
    internal int Count => Ops.Length;

    /// <summary>Whether the constants are all finite (set once by the compiler).</summary>
    internal bool ConstantsFinite { get; set; } = true;

    /// <summary>The bytes held by the arrays (their contents, without object headers).</summary>
    internal long Bytes => Ops.Length * (long)(sizeof(byte) + 2 * sizeof(double))
        + OperandStart.Length * (long)sizeof(int) + Operands.Length * (long)sizeof(int);
}
