namespace Michigrad.Compiled;

/// <summary>
/// How the sweeps batch the streamed dots (<see cref="DotRun"/>s) of a replayed <see cref="Tape"/>, so that each number
/// loaded from memory serves several products, as a blocked matrix product does.
/// </summary>
/// <remarks>
/// <para>Forward: up to four consecutive dots that read the same right run (the neurons of a layer on one sample's
/// input) are one group, computed in one pass over that input (<see cref="SimdKernels.DotShared"/>).</para>
/// <para>Backward: a dot whose run writes gradients only into leaves (a first layer's weights; its input needs none)
/// is deferred to the end of the sweep, since no rule reads a leaf's gradient. The deferred dots that share a left run
/// (one neuron over every sample of the batch) then add all their contributions in one pass over that neuron's
/// gradients (<see cref="SimdKernels.AccumulateRuns"/>), in the order the sweep would have added them.</para>
/// </remarks>
internal sealed class RunSchedule
{
    private RunSchedule(byte[] groupLength, bool[] deferred, int[] deferredStart, int[] deferredRuns, int widest)
    {
        GroupLength = groupLength;
        Deferred = deferred;
        DeferredStart = deferredStart;
        DeferredRuns = deferredRuns;
        RunGrad = new double[deferred.Length];
        ScratchGrad = new double[widest];
        ScratchRight = new int[widest];
    }

    /// <summary>For the first dot of a forward group, how many dots it holds (1 to 4); 0 for the others.</summary>
    internal byte[] GroupLength { get; }

    /// <summary>For each run, whether its backward waits for the end of the sweep.</summary>
    internal bool[] Deferred { get; }

    /// <summary>The deferred runs grouped by left run: group <c>k</c> is
    /// <c>DeferredRuns[DeferredStart[k] .. DeferredStart[k + 1])</c>, in the order the sweep meets them.</summary>
    internal int[] DeferredStart { get; }

    internal int[] DeferredRuns { get; }

    /// <summary>The gradient each deferred run's dot had in this backward pass (0 where it was skipped).</summary>
    internal double[] RunGrad { get; }

    internal double[] ScratchGrad { get; }
    internal int[] ScratchRight { get; }

    internal static RunSchedule For(TapeReplay tape)
    {
        DotRun[] runs = tape.Runs;
        int[] runIndex = tape.RunIndex;
        int count = tape.Count;

        // Forward groups: consecutive streamed dots on one right run, none reading another's slot.
        var groupLength = new byte[count];
        for (int i = tape.FirstInterior; i < count; i++)
        {
            if (runIndex[i] < 0) continue;
            DotRun head = runs[runIndex[i]];
            int length = 1;
            while (length < 4 && i + length < count && runIndex[i + length] >= 0)
            {
                DotRun next = runs[runIndex[i + length]];
                if (next.Right != head.Right || next.Length != head.Length || ReadsAny(tape, i + length, i, length)) break;
                length++;
            }
            groupLength[i] = (byte)length;
            i += length - 1;
        }

        // Backward: runs that write leaf gradients only, grouped by left run in sweep order (the tape's last first).
        var deferred = new bool[runs.Length];
        var groups = new Dictionary<int, List<int>>();
        var groupOrder = new List<int>();
        for (int i = count - 1; i >= tape.FirstInterior; i--)
        {
            int r = runIndex[i];
            if (r < 0) continue;
            DotRun run = runs[r];
            if (!run.LeftNeedsGrad || run.RightNeedsGrad || run.Left + run.Length > tape.LeafCount) continue;
            deferred[r] = true;
            if (!groups.TryGetValue(run.Left, out List<int>? members))
            {
                groups.Add(run.Left, members = []);
                groupOrder.Add(run.Left);
            }
            members.Add(r);
        }
        var deferredStart = new int[groupOrder.Count + 1];
        var deferredRuns = new List<int>();
        int widest = 0;
        for (int k = 0; k < groupOrder.Count; k++)
        {
            deferredStart[k] = deferredRuns.Count;
            List<int> members = groups[groupOrder[k]];
            deferredRuns.AddRange(members);
            widest = Math.Max(widest, members.Count);
        }
        deferredStart[groupOrder.Count] = deferredRuns.Count;
        return new RunSchedule(groupLength, deferred, deferredStart, deferredRuns.ToArray(), widest);
    }

    /// <summary>Whether slot <paramref name="slot"/> reads any of the <paramref name="length"/> slots from
    /// <paramref name="first"/>.</summary>
    private static bool ReadsAny(TapeReplay tape, int slot, int first, int length)
    {
        DotRun run = tape.Runs[tape.RunIndex[slot]];
        if (Overlaps(run.Left, run.Length, first, length) || Overlaps(run.Right, run.Length, first, length)) return true;
        for (int k = tape.OperandStart[slot]; k < tape.OperandStart[slot + 1]; k++)
            if (tape.Operands[k] >= first && tape.Operands[k] < first + length) return true;
        return false;

        static bool Overlaps(int start, int n, int first, int length) => start < first + length && first < start + n;
    }
}
