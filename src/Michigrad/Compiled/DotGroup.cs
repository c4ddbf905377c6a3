namespace Michigrad.Compiled;

/// <summary>
/// Up to four dot nodes of a tape run in lanes (a layer's neurons) whose products all pair a shared factor (a weight)
/// with the same lane factor at the same place (the row's input), so that each load of an input lane serves every
/// member, as a blocked matrix product does. A pair of two shared factors (a bias and the constant 1) is a term that
/// is the same on every lane.
/// </summary>
/// <remarks>Members are padded to four: a padding member has weight 0 and writes a scratch lane nobody reads. A group
/// is fixed once made; where its weights are read and where their gradients go is its <see cref="Weights"/>.</remarks>
internal sealed class DotGroup
{
    /// <summary>The most members a group holds.</summary>
    internal const int Width = 4;

    /// <param name="memberSlots">The members' slots, ascending.</param>
    /// <param name="laneSlot">For each pair, the slot of its lane factor, or -1 when both factors are shared.</param>
    /// <param name="laneOffset">For each pair, its lane factor's offset in the lane data, or -1.</param>
    /// <param name="sharedSlot">At <c>k·Width + m</c>: pair k of member m's shared factor (the left one of two), or -1
    /// for padding.</param>
    /// <param name="otherSlot">At <c>k·Width + m</c>: the right factor when both are shared, else -1.</param>
    /// <param name="relu">Whether each member is a dot followed by a relu.</param>
    /// <param name="outputOffset">The lane each member writes (padding: the scratch lane).</param>
    /// <param name="leaves">The tape's leaves and how it reads them.</param>
    internal DotGroup(int[] memberSlots, int[] laneSlot, int[] laneOffset, int[] sharedSlot, int[] otherSlot, bool[] relu,
        int[] outputOffset, TapeLeaves leaves)
    {
        MemberSlot = memberSlots;
        First = memberSlots[0];
        Members = memberSlots.Length;
        Pairs = laneSlot.Length;
        LaneSlot = laneSlot;
        LaneOffset = laneOffset;
        SharedSlot = sharedSlot;
        OtherSlot = otherSlot;
        Relu = relu;
        OutputOffset = outputOffset;
        for (int at = 0; at < sharedSlot.Length; at++)
        {
            if (sharedSlot[at] < 0) continue;
            SharedNeedsGrad |= leaves.NeedsGrad[sharedSlot[at]] || (otherSlot[at] >= 0 && leaves.NeedsGrad[otherSlot[at]]);
            HasSharedPairs |= otherSlot[at] >= 0;
        }
        (SegmentStart, SegmentIsLane, SegmentStep) = FindSegments(laneOffset);
        Weights = new GroupWeights(this, leaves);
    }

    /// <summary>The slot of the first member, the lowest: the sweeps run the group there.</summary>
    internal int First { get; }

    /// <summary>The members' slots, ascending (not necessarily adjacent: a model's outputs may have other nodes between
    /// them; those never feed a member, whose lane factors all lie below the first).</summary>
    internal int[] MemberSlot { get; }

    /// <summary>How many dot nodes the group holds (1 to <see cref="Width"/>).</summary>
    internal int Members { get; }

    /// <summary>How many operand pairs each member has.</summary>
    internal int Pairs { get; }

    /// <summary>For each pair, the offset of its lane factor in the lane data, or -1 when both factors are shared.</summary>
    internal int[] LaneOffset { get; }

    /// <summary>For each pair, the slot of its lane factor, or -1.</summary>
    internal int[] LaneSlot { get; }

    /// <summary>For pair k of member m, at <c>k·Width + m</c>: the slot of its shared factor (the left one of two
    /// shared factors), or -1 for a padding member.</summary>
    internal int[] SharedSlot { get; }

    /// <summary>At <c>k·Width + m</c>: the right factor's slot when both factors are shared, else -1.</summary>
    internal int[] OtherSlot { get; }

    /// <summary>Whether each member is a dot followed by a relu.</summary>
    internal bool[] Relu { get; }

    /// <summary>The lane offset each member writes (padding members: the scratch lane).</summary>
    internal int[] OutputOffset { get; }

    /// <summary>Whether any shared factor needs a gradient.</summary>
    internal bool SharedNeedsGrad { get; }

    /// <summary>Whether any pair has two shared factors.</summary>
    internal bool HasSharedPairs { get; }

    /// <summary>The pairs cut into stretches that are all lane pairs or all shared pairs, in order: stretch i is pairs
    /// <c>[SegmentStart[i], SegmentStart[i + 1])</c>, of lane pairs when <see cref="SegmentIsLane"/>[i].</summary>
    internal int[] SegmentStart { get; }

    internal bool[] SegmentIsLane { get; }

    /// <summary>For a stretch of lane pairs whose lane factors lie a constant distance apart (a layer's inputs,
    /// adjacent lanes), that distance; <see cref="int.MinValue"/> otherwise.</summary>
    internal int[] SegmentStep { get; }

    /// <summary>Where the shared factors are read and where their gradients go.</summary>
    internal GroupWeights Weights { get; }

    private static (int[] Start, bool[] IsLane, int[] Step) FindSegments(int[] laneOffset)
    {
        var starts = new List<int>();
        var lane = new List<bool>();
        for (int k = 0; k < laneOffset.Length; k++)
        {
            bool isLane = laneOffset[k] >= 0;
            if (k == 0 || isLane != lane[^1])
            {
                starts.Add(k);
                lane.Add(isLane);
            }
        }
        starts.Add(laneOffset.Length);
        var steps = new int[lane.Count];
        for (int i = 0; i < lane.Count; i++)
        {
            if (!lane[i]) continue;
            int first = starts[i], end = starts[i + 1];
            int step = end - first > 1 ? laneOffset[first + 1] - laneOffset[first] : 0;
            bool even = true;
            for (int k = first + 1; k < end && even; k++) even = laneOffset[k] - laneOffset[k - 1] == step;
            steps[i] = even ? step : int.MinValue;
        }
        return (starts.ToArray(), lane.ToArray(), steps);
    }
}
