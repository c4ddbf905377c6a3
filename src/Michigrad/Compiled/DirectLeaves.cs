using System.Runtime.Intrinsics;

namespace Michigrad.Compiled;

/// <summary>
/// The leaves of a <see cref="DotGroup"/>'s direct factors (a layer's weights, see <see cref="DotGroup.Direct"/>):
/// their numbers packed into <see cref="DotGroup.Weights"/> and their gradients given back (with a plain SGD step, if
/// asked), in one tight loop each, or, once adopted (<see cref="Adopt"/>), kept in the group's arrays for good.
/// </summary>
/// <remarks>
/// <para>A layer's weights as <see cref="Value"/> objects are megabytes, more than the processor's second-level cache:
/// reading them all before the forward pass and writing them all after the backward pass took as long as both matrix
/// products. A trainer's step adopts them instead: their numbers and gradients move into the group's
/// <see cref="DotGroup.Weights"/> and <see cref="DotGroup.LeafGrad"/> (see <see cref="LeafHome"/>), which the loops
/// read and write in place, and which <see cref="Value.Data"/> and <see cref="Value.Grad"/> read from then on.</para>
/// <para>The leaves are listed in the arrays' order (pair by pair, each pair's members in order).</para>
/// </remarks>
internal static class DirectLeaves
{
    /// <summary>Lists the group's direct places and binds their leaves.</summary>
    internal static void Bind(DotGroup group, Value[] leaves, bool[] needsGrad)
    {
        var at = new List<int>();
        for (int p = 0; p < group.Direct.Length; p++)
            if (group.Direct[p]) at.Add(p);
        group.DirectAt = at.ToArray();
        group.DirectLeaf = new Value[at.Count];
        group.DirectNeedsGrad = new bool[at.Count];
        group.PairLearns = new byte[group.Pairs];
        for (int i = 0; i < at.Count; i++)
        {
            int slot = group.SharedSlot[at[i]];
            group.DirectLeaf[i] = leaves[slot];
            group.DirectNeedsGrad[i] = needsGrad[slot];
            if (needsGrad[slot]) group.PairLearns[at[i] / DotGroup.Width] |= (byte)(1 << (at[i] % DotGroup.Width));
        }
        bool every = at.Count > 0;
        for (int k = 0; k < group.Pairs && every; k++)
            every = group.LaneOffset[k] < 0 || group.PairLearns[k] == (1 << DotGroup.Width) - 1;
        group.EveryLaneWeightLearns = every;
    }

    /// <summary>Moves the group's direct leaves into its arrays as part of <paramref name="adoption"/> (a leaf already
    /// there stays; one adopted by another step moves, and that step's adoption is lost).</summary>
    internal static void Adopt(DotGroup group, Adoption adoption)
    {
        if (group.Homes.Length != group.DirectLeaf.Length)
        {
            group.Homes = new LeafHome[group.DirectLeaf.Length];
            for (int i = 0; i < group.Homes.Length; i++)
                group.Homes[i] = new LeafHome(group.Weights, group.LeafGrad, group.DirectAt[i], adoption);
        }
        for (int i = 0; i < group.Homes.Length; i++) group.DirectLeaf[i].MoveTo(group.Homes[i]);
        group.Adoption = adoption;
    }

    /// <summary>Whether the group's direct leaves live in its arrays now.</summary>
    internal static bool Holds(DotGroup group) => group.Adoption is { Lost: false };

    /// <summary>Packs the group's direct factors from their leaves (nothing to do when they live in the group).</summary>
    internal static void Pack(DotGroup group)
    {
        if (Holds(group)) return;
        Value[] leaf = group.DirectLeaf;
        int[] at = group.DirectAt;
        double[] weights = group.Weights;
        for (int i = 0; i < leaf.Length; i++) weights[at[i]] = leaf[i].Data;
    }

    /// <summary>
    /// Gives the adopted leaves of pairs <c>[from, to)</c> that need a gradient their sums over rows from
    /// <see cref="DotGroup.WeightGrad"/>, in the group's own arrays, as <paramref name="credit"/> says: called by the
    /// backward sweep as soon as those sums are made, while they are in cache (the arrays are megabytes for a whole
    /// layer, and a pass over them afterwards would wait on memory).
    /// </summary>
    /// <param name="group">The group, whose leaves it <see cref="Holds"/>.</param>
    /// <param name="from">The first pair.</param>
    /// <param name="to">The pair after the last.</param>
    /// <param name="credit">What to do with each sum.</param>
    /// <param name="summedInPlace">The sums were written straight into <see cref="DotGroup.LeafGrad"/> (after a
    /// ZeroGrad, for a group whose every lane weight learns: see <see cref="SumsInPlace"/>), not into
    /// <see cref="DotGroup.WeightGrad"/>: only the SGD step is left.</param>
    internal static void CreditHeld(DotGroup group, int from, int to, LeafCredit credit, bool summedInPlace = false)
    {
        const int W = DotGroup.Width;
        byte[] learns = group.PairLearns;
        double[] sum = group.WeightGrad, grad = group.LeafGrad, data = group.Weights;
        bool sgd = credit.LearningRate is not null;
        double lr = credit.LearningRate ?? 0.0;
        if (summedInPlace)
        {
            // The sums start from +0, so none is -0 and each is already 0 + sum, the gradient an assignment writes.
            if (!sgd) return;
            int[] laneOffset = group.LaneOffset;
            Vector256<double> minusRate = Vector256.Create(-lr);
            for (int k = from; k < to; k++)
            {
                if (laneOffset[k] < 0) continue;   // a bias pair: not a lane weight
                int p = k * W;
                if (Vector256.IsHardwareAccelerated)
                    (Vector256.LoadUnsafe(ref data[p]) + minusRate * Vector256.LoadUnsafe(ref grad[p])).StoreUnsafe(ref data[p]);
                else
                    for (int m = 0; m < W; m++) data[p + m] = Optim.Sgd.Updated(data[p + m], lr, grad[p + m]);
            }
            return;
        }
        for (int k = from; k < to; k++)
        {
            int learn = learns[k], p = k * W;
            if (learn == 0) continue;
            if (learn == (1 << W) - 1 && Vector256.IsHardwareAccelerated)
            {
                // The four members' weights of this pair at once: the same operations as the loop below.
                Vector256<double> s = Vector256.LoadUnsafe(ref sum[p]);
                if (sgd)
                {
                    Vector256<double> g = Vector256<double>.Zero + s;
                    g.StoreUnsafe(ref grad[p]);
                    (Vector256.LoadUnsafe(ref data[p]) + Vector256.Create(-lr) * g).StoreUnsafe(ref data[p]);
                }
                else if (credit.Assign)
                    (Vector256<double>.Zero + s).StoreUnsafe(ref grad[p]);
                else
                    (Vector256.LoadUnsafe(ref grad[p]) + s).StoreUnsafe(ref grad[p]);
                continue;
            }
            for (int m = 0; m < W; m++)
            {
                if ((learn & (1 << m)) == 0) continue;
                if (sgd)
                {
                    double g = 0.0 + sum[p + m];
                    grad[p + m] = g;
                    data[p + m] = Optim.Sgd.Updated(data[p + m], lr, g);
                }
                else if (credit.Assign)
                    grad[p + m] = 0.0 + sum[p + m];
                else
                    grad[p + m] += sum[p + m];
            }
        }
    }

    /// <summary>Whether the backward sweep may write the sums of the group's lane weights straight into
    /// <see cref="DotGroup.LeafGrad"/> (their gradients' home): when the group holds its leaves, every lane weight is
    /// one of them and learns, and the credit writes rather than adds. Saves a megabyte of scratch a layer.</summary>
    internal static bool SumsInPlace(DotGroup group, LeafCredit credit) =>
        credit.Assign && group.EveryLaneWeightLearns && Holds(group);

    /// <summary>Gives the group's direct leaves that need a gradient their sums over rows from
    /// <see cref="DotGroup.WeightGrad"/> through their <see cref="Value.Grad"/> and <see cref="Value.Data"/>, as
    /// <paramref name="credit"/> says: for a group whose leaves do not live in its arrays (see <see cref="Holds"/>).</summary>
    internal static void CreditLeaves(DotGroup group, LeafCredit credit)
    {
        Value[] leaf = group.DirectLeaf;
        int[] at = group.DirectAt;
        bool[] needs = group.DirectNeedsGrad;
        double[] sum = group.WeightGrad;
        if (credit.LearningRate is double lr)
        {
            for (int i = 0; i < leaf.Length; i++)
            {
                if (!needs[i]) continue;
                Value v = leaf[i];
                double g = 0.0 + sum[at[i]];
                v.Grad = g;
                v.Data = Optim.Sgd.Updated(v.Data, lr, g);
            }
        }
        else if (credit.Assign)
        {
            for (int i = 0; i < leaf.Length; i++)
                if (needs[i]) leaf[i].Grad = 0.0 + sum[at[i]];
        }
        else
        {
            for (int i = 0; i < leaf.Length; i++)
                if (needs[i]) leaf[i].Grad += sum[at[i]];
        }
    }
}

/// <summary>How a backward pass gives shared leaves their gradients: adds them (<c>+=</c>), or writes <c>0 + sum</c>
/// after a ZeroGrad (<paramref name="Assign"/>), and then takes a plain SGD step when a
/// <paramref name="LearningRate"/> is given (<see cref="Optim.Sgd.Updated"/>).</summary>
internal readonly record struct LeafCredit(bool Assign, double? LearningRate);
