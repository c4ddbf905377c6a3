namespace Michigrad.Compiled;

/// <summary>
/// The leaves of a <see cref="DotGroup"/>'s direct factors (a layer's weights, see <see cref="DotGroup.Direct"/>):
/// their numbers packed into <see cref="DotGroup.Weights"/> and their gradients given back (with a plain SGD step, if
/// asked), in one tight loop each.
/// </summary>
/// <remarks>A layer's weights as <see cref="Value"/> objects are megabytes, more than the processor's second-level cache,
/// so a pass over them waits on memory: the leaves are listed member by member, each member's pairs in order (a neuron's
/// weights were made one after another), so each pass walks memory forwards.</remarks>
internal static class DirectLeaves
{
    /// <summary>Lists the group's direct places and binds their leaves.</summary>
    internal static void Bind(DotGroup group, Value[] leaves, bool[] needsGrad)
    {
        const int W = DotGroup.Width;
        var at = new List<int>();
        for (int m = 0; m < group.Members; m++)
            for (int k = 0; k < group.Pairs; k++)
                if (group.Direct[k * W + m]) at.Add(k * W + m);
        group.DirectAt = at.ToArray();
        group.DirectLeaf = new Value[at.Count];
        group.DirectNeedsGrad = new bool[at.Count];
        for (int i = 0; i < at.Count; i++)
        {
            int slot = group.SharedSlot[at[i]];
            group.DirectLeaf[i] = leaves[slot];
            group.DirectNeedsGrad[i] = needsGrad[slot];
        }
    }

    /// <summary>Packs the group's direct factors from their leaves.</summary>
    internal static void Pack(DotGroup group)
    {
        Value[] leaf = group.DirectLeaf;
        int[] at = group.DirectAt;
        double[] weights = group.Weights;
        for (int i = 0; i < leaf.Length; i++) weights[at[i]] = leaf[i].Data;
    }

    /// <summary>Gives the group's direct leaves that need a gradient their sums over rows from
    /// <see cref="DotGroup.WeightGrad"/>, as <paramref name="credit"/> says.</summary>
    internal static void Credit(DotGroup group, LeafCredit credit)
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
