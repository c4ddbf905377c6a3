namespace Michigrad.Compiled;

/// <summary>
/// A <see cref="Tape"/> as <see cref="CompiledGraph"/> replays it: a number and a gradient per slot, and how the
/// sweeps run its long dots (streamed stretches, <see cref="DotRun"/>, batched by a <see cref="RunSchedule"/>) and its
/// neighbouring dots (<see cref="PairedWithNext"/>).
/// </summary>
/// <remarks>The program's arrays are the tape's, passed through under the same names for the sweeps.</remarks>
internal sealed class TapeReplay
{
    internal TapeReplay(Tape tape, int[] runIndex, DotRun[] runs)
    {
        Tape = tape;
        Data = new double[tape.Count];
        Grad = new double[tape.Count];
        tape.Constants.CopyTo(Data, tape.LeafCount);
        RunIndex = runIndex;
        Runs = Array.ConvertAll(runs, run => run with
        {
            LeftNeedsGrad = Array.IndexOf(tape.NeedsGrad, true, run.Left, run.Length) >= 0,
            RightNeedsGrad = Array.IndexOf(tape.NeedsGrad, true, run.Right, run.Length) >= 0,
        });
        PairedWithNext = FindDotPairs(tape, runIndex);
        int widest = 0;
        for (int i = 0; i < tape.Count; i++)
            if (tape.Ops[i] == OpCode.LogSumExp) widest = Math.Max(widest, tape.OperandStart[i + 1] - tape.OperandStart[i]);
        Gathered = new double[widest];
        Schedule = RunSchedule.For(this);
        BackwardOps = new OpCode[tape.Count];
        for (int i = 0; i < tape.Count; i++) BackwardOps[i] = tape.NeedsGrad[i] ? tape.Ops[i] : OpCode.Leaf;
    }

    internal Tape Tape { get; }

    /// <summary>Each slot's number as of the last forward sweep (leaves as read, constants as compiled).</summary>
    internal double[] Data { get; }

    /// <summary>Each slot's gradient in the last backward sweep.</summary>
    internal double[] Grad { get; }

    /// <summary><see cref="Tape.Ops"/> as the backward sweep reads them: a slot that needs no gradient shows as a leaf, so
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

    /// <summary>For each slot, the index of its <see cref="DotRun"/> in <see cref="Runs"/>, or -1 (not a dot, or a dot
    /// whose operands are gathered one by one).</summary>
    internal int[] RunIndex { get; }

    /// <summary>The streamed stretches of the dot nodes, with whether their factors need gradients.</summary>
    internal DotRun[] Runs { get; }

    internal OpCode[] Ops => Tape.Ops;
    internal int[] OperandStart => Tape.OperandStart;
    internal int[] Operands => Tape.Operands;
    internal int LeafCount => Tape.LeafCount;
    internal int FirstInterior => Tape.FirstInterior;
    internal int Count => Tape.Count;
    internal bool[] NeedsGrad => Tape.NeedsGrad;

    /// <summary>The bytes held by the replay's own arrays (their contents, without object headers).</summary>
    internal long Bytes => Count * (long)(2 * sizeof(double) + sizeof(byte) + sizeof(bool) + sizeof(int))
        + Gathered.Length * (long)sizeof(double) + Runs.Length * 4L * sizeof(int);

    private static bool[] FindDotPairs(Tape tape, int[] runIndex)
    {
        OpCode[] ops = tape.Ops;
        int[] operandStart = tape.OperandStart, operands = tape.Operands;
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
}
