namespace Michigrad.Compiled;

/// <summary>
/// Up to four dot nodes of a tape run in lanes (a layer's neurons) whose products all pair a shared factor
/// (a weight) with the same lane factor at the same place (the row's input), so that each load of an input lane serves
/// every member, as a blocked matrix product does. A pair of two shared factors (a bias and the constant 1) is a term
/// that is the same on every lane.
/// </summary>
/// <remarks>Members are padded to four: a padding member has weight 0 and writes a scratch lane nobody reads.</remarks>
internal sealed class DotGroup
{
    /// <summary>The most members a group holds.</summary>
    internal const int Width = 4;

    internal DotGroup(int[] memberSlots, int pairs)
    {
        MemberSlot = memberSlots;
        First = memberSlots[0];
        Members = memberSlots.Length;
        Pairs = pairs;
        LaneOffset = new int[pairs];
        LaneSlot = new int[pairs];
        SharedSlot = new int[pairs * Width];
        OtherSlot = new int[pairs * Width];
        Weights = new double[pairs * Width];
        WeightGrad = new double[pairs * Width];
        LeafGrad = new double[pairs * Width];
        Relu = new bool[Width];
        Direct = new bool[pairs * Width];
        OutputOffset = new int[Width];
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

    /// <summary>At <c>k·Width + m</c>: the shared factor's value (the product of both when both are shared), packed
    /// by each forward pass, or, for an adopted direct leaf, its <see cref="Value.Data"/> itself; 0 for padding.</summary>
    internal double[] Weights { get; }

    /// <summary>Scratch for the backward pass: at <c>k·Width + m</c>, the sum over rows of what the shared factor
    /// receives.</summary>
    internal double[] WeightGrad { get; }

    /// <summary>At <c>k·Width + m</c>: the gradient of an adopted direct leaf (its <see cref="Value.Grad"/> lives here,
    /// as its <see cref="Value.Data"/> lives in <see cref="Weights"/>; see <see cref="DirectLeaves.Adopt"/>).</summary>
    internal double[] LeafGrad { get; }

    /// <summary>The adoption the direct leaves were last moved in with, or null if they never were.</summary>
    internal Adoption? Adoption { get; set; }

    /// <summary>For each pair, a bit per member (bit m for member m) set when that member's factor is a direct leaf
    /// that needs a gradient.</summary>
    internal byte[] PairLearns { get; set; } = [];

    /// <summary>Whether every lane pair's factor of every member is a direct leaf that needs a gradient (no padding, no
    /// frozen or shared weight among them).</summary>
    internal bool EveryLaneWeightLearns { get; set; }

    /// <summary>The home of each leaf of <see cref="DirectLeaf"/> once adopted.</summary>
    internal LeafHome[] Homes { get; set; } = [];

    /// <summary>At <c>k·Width + m</c>: whether the shared factor is a leaf read nowhere else in the tape (a weight), so
    /// that its number goes straight from the leaf into <see cref="Weights"/> and its gradient straight from
    /// <see cref="WeightGrad"/> to the leaf (or, once adopted, both live in the group's arrays), never through the
    /// tape's shared arrays.</summary>
    internal bool[] Direct { get; }

    /// <summary>The places <c>k·Width + m</c> that are <see cref="Direct"/>, in order (see
    /// <see cref="DirectLeaves.Bind"/>).</summary>
    internal int[] DirectAt { get; set; } = [];

    /// <summary>The leaf of each place of <see cref="DirectAt"/>.</summary>
    internal Value[] DirectLeaf { get; set; } = [];

    /// <summary>Whether the leaf of each place of <see cref="DirectAt"/> needs a gradient.</summary>
    internal bool[] DirectNeedsGrad { get; set; } = [];

    /// <summary>The places <c>k·Width + m</c> (real members only) whose shared factor's gradient goes through the
    /// tape's shared arrays: lane pairs that are not <see cref="Direct"/>, and pairs of two shared factors.</summary>
    internal int[] Indirect { get; set; } = [];

    /// <summary>Whether each member is a dot followed by a relu.</summary>
    internal bool[] Relu { get; }

    /// <summary>The lane offset each member writes (padding members: the scratch lane).</summary>
    internal int[] OutputOffset { get; }

    /// <summary>The pairs cut into stretches that are all lane pairs or all shared pairs, in order: stretch i is pairs
    /// <c>[SegmentStart[i], SegmentStart[i + 1])</c>, of lane pairs when <see cref="SegmentIsLane"/>[i].</summary>
    internal int[] SegmentStart { get; private set; } = [];

    internal bool[] SegmentIsLane { get; private set; } = [];

    /// <summary>For a stretch of lane pairs whose lane factors lie a constant distance apart (a layer's inputs,
    /// adjacent lanes), that distance; <see cref="int.MinValue"/> otherwise.</summary>
    internal int[] SegmentStep { get; private set; } = [];

    /// <summary>Cuts the pairs into stretches (see <see cref="SegmentStart"/>) once <see cref="LaneOffset"/> is known.</summary>
    internal void FindSegments()
    {
        var starts = new List<int>();
        var lane = new List<bool>();
        for (int k = 0; k < Pairs; k++)
        {
            bool isLane = LaneOffset[k] >= 0;
            if (k == 0 || isLane != lane[^1])
            {
                starts.Add(k);
                lane.Add(isLane);
            }
        }
        starts.Add(Pairs);
        SegmentStart = starts.ToArray();
        SegmentIsLane = lane.ToArray();
        SegmentStep = new int[lane.Count];
        for (int i = 0; i < lane.Count; i++)
        {
            if (!lane[i]) continue;
            int first = starts[i], end = starts[i + 1];
            int step = end - first > 1 ? LaneOffset[first + 1] - LaneOffset[first] : 0;
            bool even = true;
            for (int k = first + 1; k < end && even; k++) even = LaneOffset[k] - LaneOffset[k - 1] == step;
            SegmentStep[i] = even ? step : int.MinValue;
        }
    }

    /// <summary>Whether any shared factor needs a gradient.</summary>
    internal bool SharedNeedsGrad { get; set; }

    /// <summary>Whether any pair has two shared factors.</summary>
    internal bool HasSharedPairs { get; set; }
}
