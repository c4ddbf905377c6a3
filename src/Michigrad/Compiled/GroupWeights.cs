using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Michigrad.Compiled;

/// <summary>
/// Where a <see cref="DotGroup"/>'s shared factors are read, and where the sums over rows of what they receive go.
/// </summary>
/// <remarks>
/// <para>A place <c>(k, m)</c> is pair k of member m. Its shared factor is <i>direct</i> when it is a lane pair's leaf
/// that the whole tape reads only there (a layer's weight). When every member's direct leaves are windows on one
/// storage, one place after another along the pairs (a <c>Layer</c>'s or <c>Linear</c>'s row, see
/// <see cref="ParameterStorage"/>), the kernels read the weights there, in place, and, when every one of them learns,
/// write the sums of their gradients there too: no pass copies a weight or a gradient. Otherwise each forward pass packs
/// the factors into <see cref="Packed"/>, and the sums go to <see cref="Sums"/> and then to the leaves.</para>
/// <para>Pairs of two shared factors (a bias and the constant 1) are always packed, as the product of the two.</para>
/// </remarks>
internal sealed class GroupWeights
{
    private const int W = DotGroup.Width;
    private readonly int _pairs;
    private readonly WeightRow[] _rows;
    private readonly int[] _directAt;        // the direct places k·W + m, when read or credited through their leaves
    private readonly Value[] _directLeaf;
    private readonly bool[] _directNeedsGrad;
    private readonly int[] _sharedSlot, _otherSlot;

    internal GroupWeights(DotGroup group, TapeLeaves leaves)
    {
        _pairs = group.Pairs;
        _sharedSlot = group.SharedSlot;
        _otherSlot = group.OtherSlot;
        Packed = new double[W * _pairs];
        Sums = new double[W * _pairs];

        // Direct places, and whether each member's lie in one storage one place after another.
        var direct = new bool[W * _pairs];
        var indirect = new List<int>();
        bool inStorage = true, everyOneLearns = true;
        var rowStart = new (ParameterStorage? Storage, int Start)[W];
        for (int m = 0; m < group.Members; m++)
        {
            bool first = true;
            for (int k = 0; k < _pairs; k++)
            {
                int at = k * W + m, s = _sharedSlot[at];
                bool isDirect = group.LaneOffset[k] >= 0 && leaves.ReadOnceAsLeaf(s);
                if (!isDirect)
                {
                    indirect.Add(at);
                    inStorage &= group.LaneOffset[k] < 0;   // a lane factor's partner read elsewhere too: packed
                    continue;
                }
                direct[at] = true;
                everyOneLearns &= leaves.NeedsGrad[s];
                Value leaf = leaves.Leaves[s];
                if (leaf.Storage is not { } storage) { inStorage = false; continue; }
                if (first) rowStart[m] = (storage, leaf.StorageIndex - k);
                else inStorage &= rowStart[m].Storage == storage && rowStart[m].Start == leaf.StorageIndex - k;
                first = false;
            }
            inStorage &= !first;   // a member with no direct place has nothing to read in place
        }
        ReadsInPlace = inStorage;
        SumsInStorage = ReadsInPlace && everyOneLearns;
        Indirect = indirect.ToArray();

        _rows = new WeightRow[W];
        for (int m = 0; m < W; m++)
        {
            if (ReadsInPlace && m < group.Members && rowStart[m].Storage is { } storage)
                _rows[m] = SumsInStorage
                    ? new WeightRow(storage.Data, rowStart[m].Start, storage.Grad, rowStart[m].Start)
                    : new WeightRow(storage.Data, rowStart[m].Start, Sums, m * _pairs);
            else
                _rows[m] = new WeightRow(Packed, m * _pairs, Sums, m * _pairs);   // packed (a padding member's stay 0)
        }

        // Direct leaves are read through their leaves unless read in place, and credited so unless summed in place.
        _directAt = SumsInStorage ? [] : Enumerable.Range(0, direct.Length).Where(at => direct[at]).ToArray();
        _directLeaf = Array.ConvertAll(_directAt, at => leaves.Leaves[_sharedSlot[at]]);
        _directNeedsGrad = Array.ConvertAll(_directAt, at => leaves.NeedsGrad[_sharedSlot[at]]);
        IsDirect = direct;
    }

    /// <summary>At <c>m·Pairs + k</c>: the packed factor of place (k, m) (the product of both for a pair of two shared
    /// factors), written by <see cref="Pack"/>; 0 for padding members.</summary>
    internal double[] Packed { get; }

    /// <summary>At <c>m·Pairs + k</c>: the sum over rows of what place (k, m)'s shared factor receives, for the places
    /// whose gradient does not go straight to its storage.</summary>
    internal double[] Sums { get; }

    /// <summary>Whether the kernels read every member's lane weights in place, in the model's storage.</summary>
    internal bool ReadsInPlace { get; }

    /// <summary>Whether the kernels write the lane weights' gradient sums straight into the storage's gradients (every
    /// one read in place learns).</summary>
    internal bool SumsInStorage { get; }

    /// <summary>At <c>k·Width + m</c>: whether the place's shared factor is direct.</summary>
    internal bool[] IsDirect { get; }

    /// <summary>The real members' places whose shared factor goes through the tape's shared arrays: lane pairs that are
    /// not direct, and pairs of two shared factors.</summary>
    internal int[] Indirect { get; }

    /// <summary>Member <paramref name="m"/>'s weight of lane pair <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref double Lane(int m, int k)
    {
        WeightRow row = _rows[m];
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(row.Data), row.DataStart + k);
    }

    /// <summary>Where member <paramref name="m"/>'s sum for lane pair <paramref name="k"/> goes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref double LaneSum(int m, int k)
    {
        WeightRow row = _rows[m];
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(row.Sums), row.SumsStart + k);
    }

    /// <summary>Member <paramref name="m"/>'s packed factor of pair <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref double Shared(int m, int k) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Packed), m * _pairs + k);

    /// <summary>Packs, once per forward pass, the factors not read in place: the indirect ones from the tape's shared
    /// numbers <paramref name="shared"/>, the direct ones from their leaves.</summary>
    [MethodImpl(Tiering.HotLoop)]
    internal void Pack(double[] shared)
    {
        foreach (int at in Indirect)
        {
            int s = _sharedSlot[at];
            Packed[at % W * _pairs + at / W] = _otherSlot[at] >= 0 ? OpRules.Mul(shared[s], shared[_otherSlot[at]]) : shared[s];
        }
        if (ReadsInPlace) return;
        for (int i = 0; i < _directAt.Length; i++)
            Packed[_directAt[i] % W * _pairs + _directAt[i] / W] = _directLeaf[i].Data;
    }

    /// <summary>Gives the direct leaves whose sums are in <see cref="Sums"/> their gradients: adds the sums, or writes
    /// <c>0 + sum</c> after a ZeroGrad when <paramref name="assign"/>.</summary>
    [MethodImpl(Tiering.HotLoop)]
    internal void CreditLeaves(bool assign)
    {
        for (int i = 0; i < _directAt.Length; i++)
        {
            if (!_directNeedsGrad[i]) continue;
            double sum = Sums[_directAt[i] % W * _pairs + _directAt[i] / W];
            Value leaf = _directLeaf[i];
            leaf.Grad = assign ? 0.0 + sum : leaf.Grad + sum;
        }
    }

    /// <summary>Where one member's lane weights are read (at <c>Data[DataStart + k]</c> for lane pair k) and where the
    /// sums of their gradients go (<c>Sums[SumsStart + k]</c>).</summary>
    private readonly record struct WeightRow(double[] Data, int DataStart, double[] Sums, int SumsStart);
}
