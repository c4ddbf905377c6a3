using System.Runtime.CompilerServices;

namespace Michigrad.Autograd;

/// <summary>
/// Lists the nodes of a graph so that every node comes after all of its children (post-order of a depth-first
/// walk, left operand first). The walk is iterative, with its own stack, so its depth is bounded by memory rather
/// than by the thread's stack: a chain of millions of nodes is fine.
/// </summary>
internal static class TopologicalOrder
{
    private static int s_lastWalk;

    // The walk's path is kept in a buffer on the thread's stack; on a deeper path, the buffer's older half moves to an
    // array kept per thread, and comes back when the walk climbs up to it.
    private const int InlineDepth = 512;
    private const int SpillCount = InlineDepth / 2;
    private const int MaxKeptDepth = 1 << 16;
    [ThreadStatic] private static Value?[]? t_spilledPath;

    /// <summary>A number no earlier walk has used: interior nodes whose <see cref="Value.VisitMark"/> equals it are
    /// visited. Each walk has its own number, so walks of separate graphs never confuse each other's marks.</summary>
    internal static int NewWalk() => Interlocked.Increment(ref s_lastWalk);

    /// <summary>Two consecutive walk numbers no earlier walk has used, for a walk that tells a node met once (the
    /// first) from a node met again (the second); returns the first.</summary>
    internal static int NewCountingWalk() => Interlocked.Add(ref s_lastWalk, 2) - 1;

    /// <summary>
    /// Appends the nodes under <paramref name="root"/> to <paramref name="order"/>, children before parents and
    /// the left operand's subtree first, each node once however many paths lead to it.
    /// </summary>
    /// <param name="root">Where the walk starts.</param>
    /// <param name="order">Receives the nodes; what it held before is kept.</param>
    /// <param name="forBackward">List only interior nodes that need a gradient (<see cref="Value.RequiresGrad"/>),
    /// setting each one's <see cref="Value.Grad"/> to 0 as it is listed: what the backward pass needs (leaves have no
    /// rule to apply, and a subgraph that needs no gradient is not entered), without a second sweep.</param>
    internal static void Build(Value root, List<Value> order, bool forBackward = false)
    {
        if (forBackward) Walk<BackwardWalk>(root, order);
        else Walk<ListingWalk>(root, order);
    }

    // The walk is compiled once per kind (a struct type argument gets its own code), with forBackward a constant in each
    // copy: the backward walk, paid on every Backward(), then tests neither it nor a set of leaves per node.
    private interface IWalkKind
    {
        static abstract bool ForBackward { get; }
    }

    private struct BackwardWalk : IWalkKind
    {
        public static bool ForBackward => true;
    }

    private struct ListingWalk : IWalkKind
    {
        public static bool ForBackward => false;
    }

    private static void Walk<TKind>(Value root, List<Value> order) where TKind : struct, IWalkKind
    {
        bool forBackward = TKind.ForBackward;
        if (root.Code == OpCode.Leaf)
        {
            if (!forBackward) order.Add(root);
            return;
        }

        // Only interior nodes carry the walk's mark. Leaves are where graphs on different threads meet (one model's
        // parameters), so a walk never writes to them: backward skips them, and a listing walk keeps its own set.
        HashSet<Value>? listedLeaves = forBackward ? null : new HashSet<Value>(ReferenceEqualityComparer.Instance);
        int walk = NewWalk();
        root.VisitMark = walk;

        // The interior nodes from the root down to the current one that still have a child to enter. The newest
        // part of the path is kept on the thread's stack, where storing a reference needs no GC write barrier; an older
        // part of a deep path waits in `spilled`.
        var path = new InlinePath();
        int top = -1;
        Value?[]? spilled = null;
        int spilledCount = 0;
        Value? next = root;   // marked on this walk, interior, and about to be entered

        while (true)
        {
            // Enter `next` and go on down left operands. An interior node is marked when it is met, so nothing
            // reaches it again; a leaf has no subtree, so it is listed where it is met (or, for backward, skipped).
            // A node with no child left to enter (a product of a weight and a value already listed, most of a
            // network's nodes) is listed at once, without going on the path and coming back to it.
            while (next is not null)
            {
                Value node = next;
                next = ChildToEnter<TKind>(node, walk, order, listedLeaves);
                if (next is null)
                {
                    Append<TKind>(order, node);
                    continue;
                }
                // `node` waits on the path for the child entered next; once that is listed, the walk comes back to it.
                if (top == InlineDepth - 1) top = Spill(ref path, ref spilled, ref spilledCount);
                path[++top] = node;
            }
            if (top < 0)
            {
                if (spilledCount == 0) break;
                top = Unspill(ref path, spilled!, ref spilledCount);
            }

            // Back at the top node, whose left subtree (or right one) is listed. An unvisited right operand is entered
            // now; once it is visited (before, or by the time the walk comes back here), the node itself is listed.
            Value waiting = path[top]!;
            Value? second = forBackward ? waiting.SecondSlot : waiting.RightChild;
            if (Enters<TKind>(second, walk, order, listedLeaves))
            {
                // Most often the right operand has no child to enter itself (the product in a neuron's running sum):
                // then it is listed, and `waiting` right after it, without coming back here to look at it again.
                next = ChildToEnter<TKind>(second!, walk, order, listedLeaves);
                if (next is not null)
                {
                    if (top == InlineDepth - 1) top = Spill(ref path, ref spilled, ref spilledCount);
                    path[++top] = second;
                    continue;
                }
                Append<TKind>(order, second!);
            }
            else if (waiting.Code == OpCode.LogSumExp && (next = NextOfMany(waiting, walk, order, listedLeaves, forBackward)) is not null)
            {
                continue;
            }
            Append<TKind>(order, waiting);
            path[top--] = null;   // so that the stack holds no node once the walk is over
        }

        if (spilled is not null && spilled.Length <= MaxKeptDepth) t_spilledPath = spilled;
    }

    /// <summary>The child of <paramref name="node"/> the walk goes down into next (now marked), or
    /// <see langword="null"/> when none is left and the node can be listed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value? ChildToEnter<TKind>(Value node, int walk, List<Value> order, HashSet<Value>? listedLeaves)
        where TKind : struct, IWalkKind
    {
        Value left = node.Left!;   // an interior node always has a first operand
        // Backward may read the second slot as it is: besides a second child it holds only constants that need no
        // gradient (an exponent, the shared 0), which Enters skips, as it skips a constant child.
        Value? right = TKind.ForBackward ? node.SecondSlot : node.RightChild;
        if (Enters<TKind>(left, walk, order, listedLeaves)) return left;
        if (Enters<TKind>(right, walk, order, listedLeaves)) return right;
        return node.Code == OpCode.LogSumExp ? NextOfMany(node, walk, order, listedLeaves, TKind.ForBackward) : null;
    }

    /// <summary>Lists an interior node whose children are all listed; backward also starts its gradient at 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Append<TKind>(List<Value> order, Value node) where TKind : struct, IWalkKind
    {
        if (TKind.ForBackward) node.ClearInteriorGrad();
        order.Add(node);
    }

    /// <summary>Whether the walk goes down into <paramref name="child"/>: an interior node it has not met (now marked).
    /// A leaf is listed here by a listing walk; backward passes over leaves and anything that needs no gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Enters<TKind>(Value? child, int walk, List<Value> order, HashSet<Value>? listedLeaves)
        where TKind : struct, IWalkKind
    {
        if (child is null || (TKind.ForBackward && !child.RequiresGrad)) return false;
        if (child.Code == OpCode.Leaf)
        {
            if (!TKind.ForBackward && listedLeaves!.Add(child)) order.Add(child);
            return false;
        }
        if (child.VisitMark == walk) return false;
        child.VisitMark = walk;
        return true;
    }

    /// <summary>
    /// The first child of an n-ary node after its first that this walk has not entered, now marked; leaves met on the
    /// way are listed. <see langword="null"/> once every child is visited.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // rare: out of the walk's loop, which then keeps its values in registers
    private static Value? NextOfMany(Value node, int walk, List<Value> order, HashSet<Value>? listedLeaves, bool forBackward)
    {
        for (int k = 1, n = node.Arity; k < n; k++)
        {
            Value child = node.ChildAt(k);
            if (forBackward && !child.RequiresGrad) continue;
            if (child.Code == OpCode.Leaf)
            {
                if (listedLeaves is not null && listedLeaves.Add(child)) order.Add(child);
            }
            else if (child.VisitMark != walk)
            {
                child.VisitMark = walk;
                return child;
            }
        }
        return null;
    }

    // The backward pass's list, kept per thread between calls, so that a training loop does not allocate it every step.
    [ThreadStatic] private static List<Value>? t_backwardOrder;
    private const int MaxKeptCapacity = 1 << 20;

    /// <summary>The interior nodes under <paramref name="root"/> that need a gradient, children before parents, each
    /// with its gradient set to 0: what <see cref="Value.Backward"/> applies the chain rule to, from the end. Give the
    /// list back with <see cref="Return"/>.</summary>
    internal static List<Value> ForBackward(Value root)
    {
        List<Value> order = t_backwardOrder ?? [];
        t_backwardOrder = null;   // taken while in use
        Walk<BackwardWalk>(root, order);
        return order;
    }

    /// <summary>Takes back a list from <see cref="ForBackward"/>, dropping its nodes so that the graph can be collected.</summary>
    internal static void Return(List<Value> order)
    {
        order.Clear();
        if (order.Capacity <= MaxKeptCapacity) t_backwardOrder = order;
    }

    /// <summary>Returns the nodes under <paramref name="root"/>, children before parents.</summary>
    internal static List<Value> Of(Value root)
    {
        var order = new List<Value>();
        Build(root, order);
        return order;
    }

    /// <summary>Moves the older half of a full stack buffer to the end of <paramref name="spilled"/> (the thread's kept
    /// array, or a longer one) and the newer half down; returns the new top.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Spill(ref InlinePath path, ref Value?[]? spilled, ref int spilledCount)
    {
        if (spilled is null || spilled.Length < spilledCount + SpillCount)
        {
            Value?[] longer;
            if (t_spilledPath is { } kept && kept.Length >= spilledCount + SpillCount)
            {
                longer = kept;
                t_spilledPath = null;   // taken while in use, so that a walk started meanwhile cannot share it
            }
            else
            {
                longer = new Value?[Math.Max(InlineDepth, 2 * (spilledCount + SpillCount))];
            }
            spilled?.AsSpan(0, spilledCount).CopyTo(longer);
            spilled = longer;
        }
        Span<Value?> buffer = path;
        buffer[..SpillCount].CopyTo(spilled.AsSpan(spilledCount));
        spilledCount += SpillCount;
        buffer[SpillCount..].CopyTo(buffer);
        buffer[SpillCount..].Clear();
        return SpillCount - 1;
    }

    /// <summary>Moves the newest spilled nodes back into the empty stack buffer; returns the new top.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Unspill(ref InlinePath path, Value?[] spilled, ref int spilledCount)
    {
        int count = Math.Min(SpillCount, spilledCount);
        spilledCount -= count;
        Span<Value?> moved = spilled.AsSpan(spilledCount, count);
        moved.CopyTo(path);
        moved.Clear();
        return count - 1;
    }

    /// <summary>Room for the first <see cref="InlineDepth"/> nodes of a path, as a local on the thread's stack.</summary>
    [InlineArray(InlineDepth)]
    private struct InlinePath
    {
        private Value? _node;
    }
}
