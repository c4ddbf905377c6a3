namespace Michigrad.Compiled;

/// <summary>
/// A compiled graph's program, as a struct of arrays, one slot per node: leaves in <c>[0, LeafCount)</c>, constants up
/// to <see cref="FirstInterior"/>, then the interior nodes in topological order. The operands of slot <c>i</c> are
/// <c>Operands[OperandStart[i] .. OperandStart[i + 1])</c>, as slot numbers that are all below <c>i</c>.
/// </summary>
/// <remarks>
/// <para>Two ways run it: <see cref="CompiledGraph"/> replays it on one number per slot (see <see cref="TapeReplay"/>),
/// and <see cref="RowBatchGraph"/> runs it on one number per row in lanes (see <see cref="LaneTape"/>).</para>
/// <para>The sweeps index these arrays without bounds checks: <see cref="Compiler"/> guarantees the invariants above,
/// and nothing writes the arrays after it.</para>
/// </remarks>
internal sealed class Tape
{
    internal Tape(OpCode[] ops, int[] operandStart, int[] operands, int leafCount, double[] constants, bool[] needsGrad)
    {
        Ops = ops;
        OperandStart = operandStart;
        Operands = operands;
        LeafCount = leafCount;
        Constants = constants;
        NeedsGrad = needsGrad;
        ConstantsFinite = Array.TrueForAll(constants, double.IsFinite);
    }

    internal OpCode[] Ops { get; }
    internal int[] OperandStart { get; }   // Count + 1 entries
    internal int[] Operands { get; }
    internal int LeafCount { get; }

    /// <summary>The constants' numbers, slots <c>[LeafCount, FirstInterior)</c> (the first is the 1 that a dot node's
    /// plain addends are paired with).</summary>
    internal double[] Constants { get; }

    internal int FirstInterior => LeafCount + Constants.Length;
    internal int Count => Ops.Length;

    /// <summary>Whether each slot needs a gradient (<see cref="Value.RequiresGrad"/>): the backward sweeps spend no
    /// work on the others, and their gradients are never read.</summary>
    internal bool[] NeedsGrad { get; }

    /// <summary>Whether the constants are all finite.</summary>
    internal bool ConstantsFinite { get; }

    /// <summary>The bytes held by the arrays (their contents, without object headers).</summary>
    internal long Bytes => Ops.Length * (long)(sizeof(byte) + sizeof(bool)) + Constants.Length * (long)sizeof(double)
        + OperandStart.Length * (long)sizeof(int) + Operands.Length * (long)sizeof(int);
}
