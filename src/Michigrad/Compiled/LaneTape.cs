using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Michigrad.Compiled;

/// <summary>
/// A <see cref="Tape"/> laid out to run over a batch of rows at once: every row leaf and every interior slot holds one
/// number per row (a lane), every other leaf and constant one number shared by all rows.
/// </summary>
/// <remarks>
/// <para>Lane data is slot-major: lane <c>b</c> holds rows <c>[0, Capacity)</c> from <c>Base + b·Stride</c>,
/// so a run over the rows of one slot is contiguous. Row leaves take the first lanes, in slot order, then the interior
/// slots; one more lane at the end is scratch that padding members of a <see cref="DotGroup"/> write.</para>
/// <para>Dot nodes are gathered into <see cref="DotGroup"/>s where their pairs allow (see there); the others, and every
/// other op, run one lane at a time.</para>
/// </remarks>
internal sealed class LaneTape
{
    internal LaneTape(Tape tape, Value[] leaves, bool[] isRowLeaf, int capacity)
    {
        Tape = tape;
        Capacity = capacity;
        Stride = StrideFor(capacity);
        int stride = Stride;
        int count = tape.Count;
        int laneTotal = tape.Count - tape.FirstInterior + 1;
        for (int s = 0; s < tape.LeafCount; s++)
            if (isRowLeaf[s]) laneTotal++;
        // The lanes start on a cache line (the array is pinned so that it stays there): a vector of rows then never
        // straddles two lines.
        Data = GC.AllocateArray<double>(checked(laneTotal * stride + LineDoubles), pinned: true);
        Base = FirstOnLine(Data);
        Grad = new double[Data.Length];
        Offset = new int[count];
        int lanes = 0;
        for (int s = 0; s < tape.FirstInterior; s++)
            Offset[s] = s < tape.LeafCount && isRowLeaf[s] ? checked(Base + lanes++ * stride) : -1;
        FirstInteriorLane = lanes;
        for (int s = tape.FirstInterior; s < count; s++) Offset[s] = checked(Base + lanes++ * stride);
        LaneCount = lanes;
        ScratchOffset = checked(Base + lanes * stride);
        Shared = new double[tape.FirstInterior];
        SharedGrad = new double[tape.FirstInterior];
        tape.Constants.CopyTo(Shared, tape.LeafCount);
        GroupOf = new int[count];
        Array.Fill(GroupOf, -1);
        Groups = FindGroups(leaves);
        IsDirect = new bool[tape.LeafCount];
        foreach (DotGroup group in Groups)
            for (int at = 0; at < group.SharedSlot.Length; at++)
                if (group.Weights.IsDirect[at]) IsDirect[group.SharedSlot[at]] = true;
        int widest = 1;
        for (int i = tape.FirstInterior; i < count; i++)
            if (tape.Ops[i] == OpCode.LogSumExp) widest = Math.Max(widest, tape.OperandStart[i + 1] - tape.OperandStart[i]);
        Gathered = new double[widest];
        (RunHead, RunLength) = FindRuns(Groups);
        GradientLanePairs = Array.ConvertAll(Groups, group =>
            Enumerable.Range(0, group.Pairs).Where(k => group.LaneSlot[k] >= 0 && tape.NeedsGrad[group.LaneSlot[k]]).Reverse().ToArray());
        int longest = RunLength.DefaultIfEmpty(0).Max();
        MemberGrad = GC.AllocateArray<double>(checked(DotGroup.Width * stride * Math.Max(1, longest) + LineDoubles), pinned: true);
        MemberGradBase = FirstOnLine(MemberGrad);
        // The widest stretch a run's lanes are packed in: a run's pairs, at most a KBlock, in whole chunks.
        int widestStretch = Math.Min(LaneSweeps.KBlock, Groups.Select(group => group.Pairs).DefaultIfEmpty(0).Max());
        int stretch = (widestStretch + LaneKernels.Chunk - 1) / LaneKernels.Chunk * LaneKernels.Chunk;
        RowMajor = GC.AllocateArray<double>(checked(stretch * capacity + LineDoubles), pinned: true);
        RowMajorBase = FirstOnLine(RowMajor);
    }

    internal Tape Tape { get; }

    private const int LineDoubles = 8;

    /// <summary>The index of the first element of a pinned array that starts a cache line.</summary>
    private static int FirstOnLine(double[] pinned)
    {
        GCHandle handle = GCHandle.Alloc(pinned, GCHandleType.Pinned);
        long address = handle.AddrOfPinnedObject();
        handle.Free();   // allocated pinned: it does not move (if a runtime moved it, only the alignment would be lost)
        return (int)((LineDoubles - address / sizeof(double) % LineDoubles) % LineDoubles);
    }

    /// <summary>Where the first lane starts in <see cref="Data"/> and <see cref="Grad"/> (the lanes of
    /// <see cref="Data"/> start on a cache line).</summary>
    internal int Base { get; }

    /// <summary>The most rows a pass can run.</summary>
    internal int Capacity { get; }

    /// <summary>The distance between two lanes: the capacity rounded up to whole cache lines, and an odd number of
    /// them, so that the lanes a dot reads one after another do not all fall into the same few cache sets (as they
    /// would 512 bytes apart, at 64 rows).</summary>
    internal int Stride { get; }

    private static int StrideFor(int capacity)
    {
        int lines = checked(capacity + 7) / 8;
        return checked((lines % 2 == 0 ? lines + 1 : lines) * 8);
    }

    /// <summary>For each slot, the start of its lane in <see cref="Data"/> and <see cref="Grad"/>, or -1 for a shared
    /// slot (a leaf that is not a row leaf, or a constant), whose number is in <see cref="Shared"/>.</summary>
    internal int[] Offset { get; }

    /// <summary>How many lanes (row leaves, then interior slots).</summary>
    internal int LaneCount { get; }

    /// <summary>The first interior slot's lane number.</summary>
    internal int FirstInteriorLane { get; }

    /// <summary>The lane padding members write.</summary>
    internal int ScratchOffset { get; }

    internal double[] Data { get; }
    internal double[] Grad { get; }

    /// <summary>The shared slots' numbers (by slot; lane slots' entries are unused).</summary>
    internal double[] Shared { get; }

    /// <summary>What each shared slot received in the last backward pass, summed over rows.</summary>
    internal double[] SharedGrad { get; }

    /// <summary>For each slot, the index in <see cref="Groups"/> of the group it belongs to, or -1.</summary>
    internal int[] GroupOf { get; }

    internal DotGroup[] Groups { get; }

    /// <summary>For each group, the pairs whose lane factor needs a gradient, the last first (the same for every group
    /// of a run, whose groups read the same lanes).</summary>
    internal int[][] GradientLanePairs { get; }

    /// <summary>Room for one lane's operands of the widest log-sum-exp.</summary>
    internal double[] Gathered { get; }

    /// <summary>For each group, the first group of its run: the groups, one after another, that read the same lanes in the
    /// same order (a layer's neurons), which the sweeps run a stretch of pairs at a time.</summary>
    internal int[] RunHead { get; }

    /// <summary>For the first group of a run, how many groups it holds; 0 for the others.</summary>
    internal int[] RunLength { get; }

    private static (int[] Head, int[] Length) FindRuns(DotGroup[] groups)
    {
        var head = new int[groups.Length];
        var length = new int[groups.Length];
        for (int g = 0; g < groups.Length; g++)
        {
            DotGroup previous = g > 0 ? groups[g - 1] : null!;
            bool joins = g > 0 && groups[g].LaneOffset.AsSpan().SequenceEqual(previous.LaneOffset);
            head[g] = joins ? head[g - 1] : g;
            length[head[g]]++;
        }
        return (head, length);
    }

    /// <summary>The gradients of a run's groups' members (after their relu), which their lane factors' and weights'
    /// gradients read: group j's member m on row r at <c>MemberGradBase + (j·Width + m)·Stride + r</c>, each member's
    /// rows on whole cache lines; padding members 0 in a group whose weights need a gradient.</summary>
    internal double[] MemberGrad { get; }

    /// <summary>A stretch of a run's lane factors, row by row (see <see cref="LaneKernels.PackRowMajor"/>): what the
    /// weights' gradient sums read, each row's eight pairs of a chunk on one cache line.</summary>
    internal double[] RowMajor { get; }

    /// <summary>Where the first chunk starts in <see cref="RowMajor"/> (on a cache line).</summary>
    internal int RowMajorBase { get; }

    /// <summary>Where group 0's member 0 starts in <see cref="MemberGrad"/>.</summary>
    internal int MemberGradBase { get; }

    /// <summary>The slot's number on row <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double ValueAt(int slot, int row) => Offset[slot] is int offset and >= 0 ? Data[offset + row] : Shared[slot];

    /// <summary>Packs every group's shared factors that are not read in place (once per forward pass).</summary>
    internal void PackWeights()
    {
        foreach (DotGroup group in Groups) group.Weights.Pack(Shared);
    }

    /// <summary>Whether a leaf slot is read only as a group's direct factor (see <see cref="GroupWeights"/>).</summary>
    internal bool[] IsDirect { get; }

    /// <summary>How far apart (in slots) two members of a group may be.</summary>
    private const int MemberGap = 8;

    /// <summary>
    /// Gathers dot nodes into groups: each pair of a member must have exactly one lane factor, at the same
    /// slot as in the other members, or two shared factors at the same place.
    /// </summary>
    private DotGroup[] FindGroups(Value[] leaves)
    {
        Tape tape = Tape;
        TapeLeaves tapeLeaves = TapeLeaves.Of(tape, leaves);
        var groups = new List<DotGroup>();
        int count = tape.Count;
        var lanes = new List<int>();
        var memberSlots = new List<int>();
        for (int i = tape.FirstInterior; i < count; i++)
        {
            if (GroupOf[i] >= 0 || !IsDot(tape.Ops[i]) || !LaneFactors(i, lanes)) continue;
            // Members: the next dots on the same lane factors, a few slots apart at most (a layer's neurons are
            // adjacent; a model's outputs may each be followed by the loss's first use of them). Their lane factors
            // are the first member's, all below it, so no member reads another, and the sweeps may run them all at
            // the first member's slot.
            memberSlots.Clear();
            memberSlots.Add(i);
            for (int j = i + 1; j < count && j <= memberSlots[^1] + MemberGap && memberSlots.Count < DotGroup.Width; j++)
                if (GroupOf[j] < 0 && IsDot(tape.Ops[j]) && SameLaneFactors(j, lanes)) memberSlots.Add(j);
            int members = memberSlots.Count, pairs = lanes.Count;
            var laneOffset = new int[pairs];
            for (int k = 0; k < pairs; k++) laneOffset[k] = lanes[k] >= 0 ? Offset[lanes[k]] : -1;
            var sharedSlot = new int[pairs * DotGroup.Width];
            var otherSlot = new int[pairs * DotGroup.Width];
            var relu = new bool[DotGroup.Width];
            var outputOffset = new int[DotGroup.Width];
            for (int m = 0; m < DotGroup.Width; m++)
            {
                if (m >= members)
                {
                    outputOffset[m] = ScratchOffset;
                    for (int k = 0; k < pairs; k++) sharedSlot[k * DotGroup.Width + m] = otherSlot[k * DotGroup.Width + m] = -1;
                    continue;
                }
                int slot = memberSlots[m], start = tape.OperandStart[slot];
                outputOffset[m] = Offset[slot];
                relu[m] = tape.Ops[slot] == OpCode.DotRelu;
                for (int k = 0; k < pairs; k++)
                {
                    int a = tape.Operands[start + 2 * k], b = tape.Operands[start + 2 * k + 1];
                    int at = k * DotGroup.Width + m;
                    bool bothShared = lanes[k] < 0;
                    sharedSlot[at] = bothShared ? a : Offset[a] >= 0 ? b : a;
                    otherSlot[at] = bothShared ? b : -1;
                }
            }
            var group = new DotGroup(memberSlots.ToArray(), lanes.ToArray(), laneOffset, sharedSlot, otherSlot, relu,
                outputOffset, tapeLeaves);
            foreach (int slot in memberSlots) GroupOf[slot] = groups.Count;
            groups.Add(group);
        }
        return groups.ToArray();

        static bool IsDot(OpCode op) => op is OpCode.Dot or OpCode.DotRelu;
    }

    /// <summary>Lists the lane factor of each pair of dot <paramref name="slot"/> (-1 where both are shared); false if
    /// a pair has two lane factors.</summary>
    private bool LaneFactors(int slot, List<int> lanes)
    {
        lanes.Clear();
        int start = Tape.OperandStart[slot], end = Tape.OperandStart[slot + 1];
        for (int p = start; p < end; p += 2)
        {
            int a = Tape.Operands[p], b = Tape.Operands[p + 1];
            bool laneA = Offset[a] >= 0, laneB = Offset[b] >= 0;
            if (laneA && laneB) return false;
            lanes.Add(laneA ? a : laneB ? b : -1);
        }
        return true;
    }

    private bool SameLaneFactors(int slot, List<int> lanes)
    {
        int start = Tape.OperandStart[slot], end = Tape.OperandStart[slot + 1];
        if (end - start != 2 * lanes.Count) return false;
        for (int k = 0; k < lanes.Count; k++)
        {
            int a = Tape.Operands[start + 2 * k], b = Tape.Operands[start + 2 * k + 1];
            bool laneA = Offset[a] >= 0, laneB = Offset[b] >= 0;
            if (laneA && laneB) return false;
            if ((laneA ? a : laneB ? b : -1) != lanes[k]) return false;
        }
        return true;
    }
}
