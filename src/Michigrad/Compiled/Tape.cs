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
    internal Tape(OpCode[] ops, int[] operandStart, int[] operands, int leafCount, int firstInterior, int[] runIndex,
        DotRun[] runs, bool[] needsGrad)
    {
        RunIndex = runIndex;
        NeedsGrad = needsGrad;
        Runs = runs;
        ResolveRunGradients();
        Ops = ops;
        OperandStart = operandStart;
        Operands = operands;
        LeafCount = leafCount;
        FirstInterior = firstInterior;
        Data = new double[ops.Length];
        Grad = new double[ops.Length];
        PairedWithNext = FindDotPairs(ops, operandStart, operands, runIndex);
        int widest = 0;
        for (int i = 0; i < ops.Length; i++)
            if (ops[i] == OpCode.LogSumExp) widest = Math.Max(widest, operandStart[i + 1] - operandStart[i]);
        Gathered = new double[widest];
        Schedule = RunSchedule.For(this);
        BackwardOps = new OpCode[ops.Length];
        for (int i = 0; i < ops.Length; i++) BackwardOps[i] = needsGrad[i] ? ops[i] : OpCode.Leaf;
    }

    /// <summary><see cref="Ops"/> as the backward sweep reads them: a slot that needs no gradient shows as a leaf, so
    /// the sweep's one switch passes it over without a second look-up per slot.</summary>
    internal OpCode[] BackwardOps { get; }

    /// <summary>How the sweeps batch the streamed dots.</summary>
    internal RunSchedule Schedule { get; }

    /// <summary>Room for the operands' data of the widest n-ary node, gathered for its rule.</summary>
    internal double[] Gathered { get; }

    /// <summary>
    /// Marks each dot node whose successor is a dot of the same length that does not read it (two neurons of one
    /// layer): the forward sweep runs such pairs side by side, two independent chains of additions for the
    /// processor to overlap, each still summed left to right.
    /// </summary>
    internal bool[] PairedWithNext { get; }

    /// <summary>Whether each slot needs a gradient (<see cref="Value.RequiresGrad"/>): the backward sweep spends no
    /// work on the others, and their gradients are never read.</summary>
    internal bool[] NeedsGrad { get; }

    /// <summary>For each slot, the index of its <see cref="DotRun"/> in <see cref="Runs"/>, or -1 (not a dot, or a dot
    /// whose operands are gathered one by one).</summary>
    internal int[] RunIndex { get; }

    /// <summary>The streamed stretches of the dot nodes.</summary>
    internal DotRun[] Runs { get; }

    /// <summary>Records in each <see cref="DotRun"/> whether its factors need gradients.</summary>
    private void ResolveRunGradients()
    {
        for (int r = 0; r < Runs.Length; r++)
        {
            DotRun run = Runs[r];
            Runs[r] = run with
            {
                LeftNeedsGrad = Array.IndexOf(NeedsGrad, true, run.Left, run.Length) >= 0,
                RightNeedsGrad = Array.IndexOf(NeedsGrad, true, run.Right, run.Length) >= 0,
            };
        }
    }

    internal OpCode[] Ops { get; }
    internal int[] OperandStart { get; }   // Count + 1 entries
    internal int[] Operands { get; }
    internal double[] Data { get; }
    internal double[] Grad { get; }
    internal int LeafCount { get; }
    internal int FirstInterior { get; }
    internal int Count => Ops.Length;

    /// <summary>Whether the constants are all finite (set once by the compiler).</summary>
    internal bool ConstantsFinite { get; set; } = true;

    private static bool[] FindDotPairs(OpCode[] ops, int[] operandStart, int[] operands, int[] runIndex)
    {
        var paired = new bool[ops.Length];
        for (int i = 0; i + 1 < ops.Length; i++)
        {
            if (!IsDot(ops[i]) || !IsDot(ops[i + 1]) || runIndex[i] >= 0 || runIndex[i + 1] >= 0) continue;
            int length = operandStart[i + 1] - operandStart[i];
            if (operandStart[i + 2] - operandStart[i + 1] != length) continue;
            if (Array.IndexOf(operands, i, operandStart[i + 1], length) >= 0) continue;
            paired[i] = true;
            i++;   // the partner cannot head a pair of its own
        }
        return paired;

        static bool IsDot(OpCode op) => op is OpCode.Dot or OpCode.DotRelu;
    }

    /// <summary>The bytes held by the arrays (their contents, without object headers).</summary>
    internal long Bytes => Ops.Length * (long)(4 * sizeof(byte) + 2 * sizeof(double)) + Gathered.Length * (long)sizeof(double)
        + OperandStart.Length * (long)sizeof(int) + Operands.Length * (long)sizeof(int)
        + RunIndex.Length * (long)sizeof(int) + Runs.Length * 4L * sizeof(int);
}
