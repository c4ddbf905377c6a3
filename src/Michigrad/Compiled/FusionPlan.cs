using System.Runtime.CompilerServices;
using Michigrad.Autograd;

namespace Michigrad.Compiled;

/// <summary>
/// Decides which nodes of a graph are fused into their consumer, and where the others go on the tape: leaves first,
/// then the constants, then the interior nodes in topological order.
/// </summary>
/// <remarks>
/// <para>Fusion follows the left spine of a chain of additions, <c>((t₀ + t₁) + t₂) + …</c>: an addition whose only
/// consumer is an addition that takes it as its left operand joins that chain, and a product whose only consumer is
/// an addition becomes one of the chain's terms. A right operand that is itself a chain stays a node of its own, so
/// that the chain's terms keep the object graph's order. A chain whose only consumer is a relu is fused into it, so a
/// hidden neuron is one node.</para>
/// <para>The plan writes nothing on the nodes but the walk's visit mark: the slots live in a table of the plan's own,
/// so compiling one graph while another thread walks a graph that shares its leaves is safe (on a shared leaf the mark
/// only spares a lookup in that table, which decides). Only the nodes that keep a slot (leaves and unfused nodes, a small share of a big
/// graph) are in that table; a fused node is recognised by its absence.</para>
/// <para>Leaf slots are not decided here: the compiler hands them out as it emits the tape (see
/// <see cref="PlaceLeaf"/>), so that the operands of a dot node can be laid side by side.</para>
/// </remarks>
internal sealed class FusionPlan
{
    /// <summary>The slot of a node that is fused into its consumer and so has no slot.</summary>
    internal const int Fused = -1;

    /// <summary>The slot of a leaf that has not been placed yet.</summary>
    private const int Unplaced = -2;

    /// <summary>The slot of the constant 1, the partner of a dot node's plain addends: right after the leaves.</summary>
    internal int One => LeafCount;

    private readonly Dictionary<long, int> _constantSlots = new();
    private readonly ReferenceTable _slots;   // leaves and unfused interior nodes: their slot
    private readonly Value[] _leafAt;          // by leaf slot, as they are placed
    private readonly Dictionary<Value, int> _observedPositions = new(ReferenceEqualityComparer.Instance);
    private int _placedLeaves;

    private readonly List<bool> _fusable;   // by position: could it fuse into the consumer the walk came from

    // The walk's lists, kept per thread between compiles of graphs up to this size, so that compiling the same graph
    // shape again (a batch size seen anew) does not allocate them each time.
    private const int MaxKeptNodes = 1 << 20;
    [ThreadStatic] private static List<Value>? t_order;
    [ThreadStatic] private static List<bool>? t_fusable;
    private readonly int _once;              // the walk's number for a node met once
    private int _nextInterior;

    private FusionPlan(List<Value> order, List<bool> fusable, ReferenceTable slots, int once)
    {
        Order = order;
        _fusable = fusable;
        _slots = slots;
        _once = once;
        LeafCount = slots.Count;
        _leafAt = new Value[LeafCount];
    }

    /// <summary>The graph's nodes, children before parents.</summary>
    internal List<Value> Order { get; }

    /// <summary>The constants' values, in slot order starting at <see cref="One"/>.</summary>
    internal List<double> Constants { get; } = [1.0];

    internal int LeafCount { get; }
    internal int FusedCount { get; private set; }

    /// <summary>The first slot of an interior node.</summary>
    internal int FirstInterior => LeafCount + Constants.Count;

    /// <summary>The number of slots: leaves, constants and interior nodes (once every node is admitted).</summary>
    internal int SlotCount => _nextInterior;

    /// <summary>The slot of a node of the graph: <see cref="Fused"/> for a fused node; a leaf must be placed.</summary>
    internal int SlotOf(Value node) => _slots.TryGet(node, out int slot) ? slot : Fused;

    /// <summary>Whether <paramref name="node"/>, a node of the graph, is fused into its only consumer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsFused(Value node) => node.Code != OpCode.Leaf && !_slots.Contains(node);

    /// <summary>
    /// Whether <paramref name="operand"/>, an operand of <paramref name="consumer"/> (its left one when
    /// <paramref name="leftOperand"/>), is fused into it: used once, and of a kind that joins that consumer. Reads the
    /// use count the plan's walk left on the operand, so it is only asked between <see cref="Start"/> and the end of
    /// compiling, when no other walk has visited the graph.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsFusedInto(Value operand, OpCode consumer, bool leftOperand) =>
        operand.VisitMark == _once && operand.Code != OpCode.Leaf && CanFuseInto(consumer, leftOperand, operand.Code);

    /// <summary>The leaf in each slot (once every leaf is placed).</summary>
    internal Value[] Leaves => _leafAt;

    /// <summary>The index in <see cref="Order"/> of a node passed as observed to <see cref="Create"/>.</summary>
    internal int PositionOfObserved(Value node) => _observedPositions[node];

    /// <summary>The slot of the constant exponent of a <see cref="OpCode.PowConst"/> node.</summary>
    internal int ExponentSlot(Value powConst) =>
        One + _constantSlots[BitConverter.DoubleToInt64Bits(powConst.Exponent)];

    /// <summary>Hands the walk's lists back for the next plan on this thread; the plan must not be used after.</summary>
    internal void Release()
    {
        if (Order.Capacity > MaxKeptNodes) return;
        Order.Clear();   // drop the references so that the graph can be collected
        _fusable.Clear();
        t_order = Order;
        t_fusable = _fusable;
    }

    /// <summary>Whether a leaf has its slot yet.</summary>
    internal bool IsPlaced(Value leaf) => _slots.TryGet(leaf, out int slot) && slot >= 0;

    /// <summary>Gives <paramref name="leaf"/> the next free leaf slot unless it has one; returns its slot.</summary>
    internal int PlaceLeaf(Value leaf)
    {
        _slots.TryGet(leaf, out int slot);
        if (slot >= 0) return slot;
        slot = _placedLeaves++;
        _slots.Set(leaf, slot);
        _leafAt[slot] = leaf;
        return slot;
    }

    /// <summary>Places every leaf that has no slot yet, in the order the walk met them.</summary>
    internal void PlaceRemainingLeaves()
    {
        if (_placedLeaves == LeafCount) return;
        foreach (Value node in Order)
            if (node.Code == OpCode.Leaf) PlaceLeaf(node);
    }

    /// <summary>Plans the graph under <paramref name="root"/>: every node admitted, every leaf placed in the order
    /// the walk met it.</summary>
    /// <param name="root">The graph's output.</param>
    /// <param name="observed">Nodes that must keep a slot of their own, so that their data can be read after a
    /// forward pass; each must belong to the graph.</param>
    internal static FusionPlan Create(Value root, IReadOnlyList<Value>? observed = null)
    {
        FusionPlan plan = Start(root, observed);
        for (int i = 0; i < plan.Order.Count; i++) plan.Admit(i);
        plan.PlaceRemainingLeaves();
        return plan;
    }

    /// <summary>
    /// Walks the graph under <paramref name="root"/> and counts uses; the caller then calls <see cref="Admit"/> for
    /// each position of <see cref="Order"/>, in order (so that a node's operands have their slots before it), and
    /// places the leaves.
    /// </summary>
    internal static FusionPlan Start(Value root, IReadOnlyList<Value>? observed = null)
    {
        observed ??= [];
        List<Value> order = t_order ?? [];
        List<bool> fusable = t_fusable ?? [];
        t_order = null;   // taken while in use
        t_fusable = null;
        var leaves = new ReferenceTable(1024);
        var exponents = new List<double>();
        int once = Walk(root, order, fusable, leaves, exponents);

        // An observed node counts as used twice, so it is never fused away and keeps its data on the tape.
        for (int k = 0; k < observed.Count; k++)
        {
            Value node = observed[k] ?? throw new ArgumentNullException(nameof(observed), $"observed[{k}] is null.");
            bool inGraph = node.Code == OpCode.Leaf ? leaves.Contains(node) : node.VisitMark == once || node.VisitMark == once + 1;
            if (!inGraph)
                throw new ArgumentException($"observed[{k}] ({node}) is not part of the graph being compiled.", nameof(observed));
            if (node.Code != OpCode.Leaf) node.VisitMark = once + 1;
        }

        var plan = new FusionPlan(order, fusable, leaves, once);
        foreach (double exponent in exponents)
        {
            long bits = BitConverter.DoubleToInt64Bits(exponent);
            if (plan._constantSlots.TryAdd(bits, plan.Constants.Count)) plan.Constants.Add(exponent);
        }
        plan._nextInterior = plan.FirstInterior;
        plan.FindObservedPositions(observed);
        return plan;
    }

    /// <summary>
    /// Decides the node at <paramref name="position"/>: a leaf is left for placing; an interior node is fused (it was
    /// used once, by a consumer it joins) or gets the next interior slot. Returns whether it has or will have a slot.
    /// </summary>
    internal bool Admit(int position)
    {
        Value node = Order[position];
        if (node.Code == OpCode.Leaf) return true;
        if (_fusable[position] && node.VisitMark == _once)
        {
            FusedCount++;
            return false;
        }
        _slots.TryAdd(node, _nextInterior++);
        return true;
    }

    /// <summary>
    /// Lists the graph children first (a depth-first post-order, left operand first) and counts each interior node's
    /// uses on its visit mark: the first number of the walk when it is an operand once, the second when more often.
    /// For each listed node, says whether it could fuse into the consumer it was reached from (should that be its only
    /// one). Leaves go into <paramref name="leaves"/>, each once. Returns the walk's first number.
    /// </summary>
    private static int Walk(Value root, List<Value> order, List<bool> fusable, ReferenceTable leaves, List<double> exponents)
    {
        int once = TopologicalOrder.NewCountingWalk(), again = once + 1;
        if (root.Code == OpCode.Leaf)
        {
            leaves.TryAdd(root, Unplaced);
            order.Add(root);
            fusable.Add(false);
            return once;
        }

        // Each frame is a node and the index of its next operand: every operand edge is looked at exactly once.
        var path = new Frame[64];
        int top = 0;
        root.VisitMark = once;
        path[0] = new Frame(root);
        while (top >= 0)
        {
            ref Frame frame = ref path[top];
            Value node = frame.Node;
            if (frame.Next < node.Arity)
            {
                Value child = node.ChildAt(frame.Next++);
                if (child.Code == OpCode.Leaf)
                {
                    // The table says whether a leaf is new; the leaf's mark only spares asking it again. Another
                    // thread's walk may overwrite the mark of a leaf both graphs share, which costs one more question
                    // to the table, never a leaf listed twice.
                    if (child.VisitMark != once)
                    {
                        child.VisitMark = once;
                        if (leaves.TryAdd(child, Unplaced))
                        {
                            order.Add(child);
                            fusable.Add(false);
                        }
                    }
                }
                else if (child.VisitMark == once || child.VisitMark == again)
                {
                    child.VisitMark = again;   // an operand once more
                }
                else
                {
                    child.VisitMark = once;
                    if (++top == path.Length) Array.Resize(ref path, path.Length * 2);
                    path[top] = new Frame(child);
                }
                continue;
            }

            order.Add(node);
            if (node.Code == OpCode.PowConst) exponents.Add(node.Exponent);
            bool canFuse = false;
            if (top > 0)
            {
                ref Frame parent = ref path[top - 1];
                canFuse = CanFuseInto(parent.Node.Code, leftOperand: parent.Next == 1, node.Code);
            }
            fusable.Add(canFuse);
            path[top--] = default;
        }
        return once;
    }

    /// <summary>Whether a node of kind <paramref name="code"/> used only by a <paramref name="consumer"/> joins it.</summary>
    private static bool CanFuseInto(OpCode consumer, bool leftOperand, OpCode code) => consumer switch
    {
        OpCode.Add => code == OpCode.Mul || (code == OpCode.Add && leftOperand),
        OpCode.Relu => code == OpCode.Add,
        _ => false,
    };

    private void FindObservedPositions(IReadOnlyList<Value> observed)
    {
        if (observed.Count == 0) return;
        foreach (Value node in observed) _observedPositions.TryAdd(node, -1);
        for (int i = 0; i < Order.Count; i++)
            if (_observedPositions.TryGetValue(Order[i], out int position) && position < 0) _observedPositions[Order[i]] = i;
    }

    /// <summary>A node on the walk's path and the index of the next operand to look at.</summary>
    private struct Frame(Value node)
    {
        public readonly Value Node = node;
        public int Next;
    }
}
