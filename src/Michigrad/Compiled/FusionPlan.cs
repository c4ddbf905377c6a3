using Michigrad.Autograd;

namespace Michigrad.Compiled;

/// <summary>
/// Decides where every node of a graph goes on the tape: leaves first, then the constants, then the interior
/// nodes in topological order, except the nodes fused into their consumer.
/// </summary>
/// <remarks>
/// <para>Fusion follows the left spine of a chain of additions, <c>((t₀ + t₁) + t₂) + …</c>: an addition whose only
/// consumer is an addition that takes it as its left operand joins that chain, and a product whose only consumer is
/// an addition becomes one of the chain's terms. Summing the terms left to right then repeats the object graph's
/// arithmetic exactly. A right operand that is itself a chain stays a node of its own, for the same reason. A chain
/// whose only consumer is a relu is fused into it, so a hidden neuron is one node.</para>
/// <para>While a plan is alive, each node's <see cref="Value.VisitMark"/> holds its position in <see cref="Order"/>;
/// <see cref="Dispose"/> gives the nodes back a used-up walk number, so no later walk mistakes them for visited.</para>
/// </remarks>
internal sealed class FusionPlan : IDisposable
{
    /// <summary>The slot of a node that is fused into its consumer and so has no slot.</summary>
    internal const int Fused = -1;

    /// <summary>The slot of the constant 1, the partner of a dot node's plain addends: right after the leaves.</summary>
    internal int One => LeafCount;

    private readonly int _walk;
    private readonly Dictionary<long, int> _constantSlots = new();

    private FusionPlan(List<Value> order, int walk)
    {
        Order = order;
        _walk = walk;
        Slots = new int[order.Count];
    }

    /// <summary>The graph's nodes, children before parents.</summary>
    internal List<Value> Order { get; }

    /// <summary>The tape slot of each node of <see cref="Order"/>, or <see cref="Fused"/>.</summary>
    internal int[] Slots { get; }

    /// <summary>The constants' values, in slot order starting at <see cref="One"/>.</summary>
    internal List<double> Constants { get; } = [1.0];

    internal int LeafCount { get; private set; }
    internal int FusedCount { get; private set; }

    /// <summary>The first slot of an interior node.</summary>
    internal int FirstInterior => LeafCount + Constants.Count;

    /// <summary>The number of slots: leaves, constants and interior nodes.</summary>
    internal int SlotCount { get; private set; }

    /// <summary>The slot of a node of the graph (or <see cref="Fused"/>).</summary>
    internal int SlotOf(Value node) => Slots[node.VisitMark];

    /// <summary>Whether <paramref name="node"/> is fused into its only consumer.</summary>
    internal bool IsFused(Value node) => Slots[node.VisitMark] == Fused;

    /// <summary>The slot of the constant exponent of a <see cref="OpCode.PowConst"/> node.</summary>
    internal int ExponentSlot(Value powConst) =>
        One + _constantSlots[BitConverter.DoubleToInt64Bits(powConst.Right!.Data)];

    /// <summary>Plans the graph under <paramref name="root"/>. Dispose the plan to release the nodes' marks.</summary>
    /// <param name="root">The graph's output.</param>
    /// <param name="observed">Nodes that must keep a slot of their own, so that their data can be read after a
    /// forward pass; each must belong to the graph.</param>
    internal static FusionPlan Create(Value root, IReadOnlyList<Value>? observed = null)
    {
        var order = new List<Value>();
        TopologicalOrder.Build(root, order);
        var plan = new FusionPlan(order, root.VisitMark);
        try
        {
            plan.Assign(observed ?? []);
            return plan;
        }
        catch
        {
            plan.Dispose();
            throw;
        }
    }

    private void Assign(IReadOnlyList<Value> observed)
    {
        List<Value> order = Order;
        int n = order.Count;
        for (int i = 0; i < n; i++) order[i].VisitMark = i;

        // How many times each node is an operand, saturated at 2: only a node used once can be fused.
        byte[] uses = new byte[n];
        for (int i = 0; i < n; i++)
        {
            Value node = order[i];
            int arity = node.Arity;
            if (arity >= 1) Use(uses, node.Left!.VisitMark);
            if (arity == 2) Use(uses, node.Right!.VisitMark);
        }

        // An observed node counts as used twice, so it is never fused away and keeps its data on the tape.
        for (int k = 0; k < observed.Count; k++)
        {
            Value node = observed[k] ?? throw new ArgumentNullException(nameof(observed), $"observed[{k}] is null.");
            int mark = node.VisitMark;
            if (mark < 0 || mark >= n || !ReferenceEquals(order[mark], node))
                throw new ArgumentException($"observed[{k}] ({node}) is not part of the graph being compiled.", nameof(observed));
            uses[mark] = 2;
        }

        int[] slots = Slots;
        for (int i = 0; i < n; i++)
        {
            Value node = order[i];
            switch (node.Code)
            {
                case OpCode.Leaf:
                    LeafCount++;
                    break;
                case OpCode.Add:
                    Value left = node.Left!, right = node.Right!;
                    if (uses[left.VisitMark] == 1 && left.Code is OpCode.Add or OpCode.Mul) slots[left.VisitMark] = Fused;
                    if (uses[right.VisitMark] == 1 && right.Code == OpCode.Mul) slots[right.VisitMark] = Fused;
                    break;
                case OpCode.Relu:
                    Value input = node.Left!;
                    if (uses[input.VisitMark] == 1 && input.Code == OpCode.Add) slots[input.VisitMark] = Fused;
                    break;
                case OpCode.PowConst:
                    long bits = BitConverter.DoubleToInt64Bits(node.Right!.Data);
                    if (!_constantSlots.ContainsKey(bits))
                    {
                        _constantSlots.Add(bits, Constants.Count);
                        Constants.Add(node.Right.Data);
                    }
                    break;
            }
        }

        int nextLeaf = 0, nextInterior = FirstInterior;
        for (int i = 0; i < n; i++)
        {
            if (slots[i] == Fused) FusedCount++;
            else slots[i] = order[i].Code == OpCode.Leaf ? nextLeaf++ : nextInterior++;
        }
        SlotCount = nextInterior;
    }

    private static void Use(byte[] uses, int index)
    {
        if (uses[index] < 2) uses[index]++;
    }

    /// <summary>Gives every node a walk number that is already spent, as a finished walk would.</summary>
    public void Dispose()
    {
        foreach (Value node in Order) node.VisitMark = _walk;
    }
}
