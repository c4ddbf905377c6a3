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
/// <para>A plan keeps each node's position in <see cref="Order"/> in a table of its own, so it writes nothing on the
/// nodes: compiling one graph while another thread walks a graph that shares its leaves is safe.</para>
/// </remarks>
internal sealed class FusionPlan
{
    /// <summary>The slot of a node that is fused into its consumer and so has no slot.</summary>
    internal const int Fused = -1;

    /// <summary>The slot of the constant 1, the partner of a dot node's plain addends: right after the leaves.</summary>
    internal int One => LeafCount;

    private readonly Dictionary<long, int> _constantSlots = new();
    private readonly Dictionary<Value, int> _position;   // each node's index in Order

    private FusionPlan(List<Value> order)
    {
        Order = order;
        Slots = new int[order.Count];
        _position = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < order.Count; i++) _position.Add(order[i], i);
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
    internal int SlotOf(Value node) => Slots[_position[node]];

    /// <summary>The index of a node of the graph in <see cref="Order"/>.</summary>
    internal int PositionOf(Value node) => _position[node];

    /// <summary>Whether <paramref name="node"/> is fused into its only consumer.</summary>
    internal bool IsFused(Value node) => Slots[_position[node]] == Fused;

    /// <summary>The slot of the constant exponent of a <see cref="OpCode.PowConst"/> node.</summary>
    internal int ExponentSlot(Value powConst) =>
        One + _constantSlots[BitConverter.DoubleToInt64Bits(powConst.Exponent)];

    /// <summary>Plans the graph under <paramref name="root"/>.</summary>
    /// <param name="root">The graph's output.</param>
    /// <param name="observed">Nodes that must keep a slot of their own, so that their data can be read after a
    /// forward pass; each must belong to the graph.</param>
    internal static FusionPlan Create(Value root, IReadOnlyList<Value>? observed = null)
    {
        var order = new List<Value>();
        TopologicalOrder.Build(root, order);
        var plan = new FusionPlan(order);
        plan.Assign(observed ?? []);
        return plan;
    }

    private void Assign(IReadOnlyList<Value> observed)
    {
        List<Value> order = Order;
        int n = order.Count;
        Dictionary<Value, int> position = _position;

        // How many times each node is an operand, saturated at 2: only a node used once can be fused.
        byte[] uses = new byte[n];
        for (int i = 0; i < n; i++)
        {
            Value node = order[i];
            for (int k = 0, arity = node.Arity; k < arity; k++) Use(uses, position[node.ChildAt(k)]);
        }

        // An observed node counts as used twice, so it is never fused away and keeps its data on the tape.
        for (int k = 0; k < observed.Count; k++)
        {
            Value node = observed[k] ?? throw new ArgumentNullException(nameof(observed), $"observed[{k}] is null.");
            if (!position.TryGetValue(node, out int mark))
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
                    int left = position[node.Left!], right = position[node.RightChild!];
                    if (uses[left] == 1 && order[left].Code is OpCode.Add or OpCode.Mul) slots[left] = Fused;
                    if (uses[right] == 1 && order[right].Code == OpCode.Mul) slots[right] = Fused;
                    break;
                case OpCode.Relu:
                    int input = position[node.Left!];
                    if (uses[input] == 1 && order[input].Code == OpCode.Add) slots[input] = Fused;
                    break;
                case OpCode.PowConst:
                    long bits = BitConverter.DoubleToInt64Bits(node.Exponent);
                    if (!_constantSlots.ContainsKey(bits))
                    {
                        _constantSlots.Add(bits, Constants.Count);
                        Constants.Add(node.Exponent);
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
}
