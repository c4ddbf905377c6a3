using System.Diagnostics;

namespace Michigrad.Compiled;

/// <summary>Turns a finished <see cref="Value"/> graph into a <see cref="CompiledGraph"/>: a flat, fused tape.</summary>
/// <remarks>
/// <para>Compile once when the graph's shape is fixed (the same model on the same data every step), then replay the
/// tape: <see cref="CompiledGraph.Forward"/> reads the leaves' current <see cref="Value.Data"/> and
/// <see cref="CompiledGraph.Backward"/> adds into their <see cref="Value.Grad"/>, with no allocation.</para>
/// <para>Chains of additions become one n-ary sum node, and sums of products (a neuron's <c>b + Σ wᵢ·xᵢ</c>) one dot
/// node; a relu over such a chain joins it. A node is only fused into its consumer when it has no other consumer.</para>
/// <para>The tape uses <see cref="Value"/>'s formulas in <see cref="Value"/>'s order, so forward values are the object
/// graph's to the bit, and so are gradients wherever the contributions to a node arrive in the same order (an MLP's
/// do); elsewhere they differ by rounding only.</para>
/// <para>A replay repeats the recorded operations on new leaf data. A choice the building code made from data (a
/// branch on <c>x.Data</c>, a constant computed from data) stays as it was when the graph was built, so build graphs
/// from operations only (<c>Value.Max</c>, <c>Softplus</c>, <c>LogSumExp</c> instead of branches): every module and
/// loss of the library does, so their compiled graphs replay exactly on any data. For example, the replay of
/// <c>var m = x.Data &gt; y.Data ? x : y;</c> keeps returning x after y has grown past it, where
/// <c>Value.Max(x, y)</c> follows the data. <see cref="CompiledGraph.Verify"/> rebuilds a graph and names the first
/// node where the replay differs.</para>
/// <para>Compiling is iterative and linear in the node count; it is not safe while another thread walks the graph.</para>
/// </remarks>
public static class Compiler
{
    /// <summary>Compiles the graph under <paramref name="root"/>.</summary>
    /// <param name="root">The output node, typically a loss.</param>
    /// <returns>The compiled graph, bound to the graph's leaves; its forward pass has run once.</returns>
    public static CompiledGraph Compile(Value root) => Compile(root, []);

    /// <summary>
    /// Compiles the graph under <paramref name="root"/>, keeping <paramref name="observed"/> nodes readable with
    /// <see cref="CompiledGraph.ObservedData"/> after each forward pass (a model's outputs, to measure accuracy).
    /// </summary>
    /// <param name="root">The output node, typically a loss.</param>
    /// <param name="observed">Interior nodes or leaves of the graph whose data the caller wants to read.</param>
    /// <returns>The compiled graph, bound to the graph's leaves; its forward pass has run once.</returns>
    /// <exception cref="ArgumentException">A node of <paramref name="observed"/> is not in the graph.</exception>
    public static CompiledGraph Compile(Value root, IReadOnlyList<Value> observed)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(observed);
        long started = Stopwatch.GetTimestamp();
        FusionPlan plan = FusionPlan.Create(root, observed);

        int count = plan.SlotCount;
        var ops = new OpCode[count];
        var operandStart = new int[count + 1];
        var operands = new OperandBuffer(Math.Max(16, count));
        var leaves = new Value[plan.LeafCount];
        var terms = new List<Value>();

        for (int c = 0; c < plan.Constants.Count; c++) ops[plan.One + c] = OpCode.Constant;

        // Leaves and interior nodes come out of the order in slot order; leaves and constants keep start 0 (no operands).
        foreach (Value node in plan.Order)
        {
            int slot = plan.SlotOf(node);
            if (slot == FusionPlan.Fused) continue;
            if (node.Code == OpCode.Leaf)
            {
                leaves[slot] = node;
                continue;   // ops[slot] is already OpCode.Leaf; leaves have no operands
            }

            operandStart[slot] = operands.Count;
            switch (node.Code)
            {
                case OpCode.Add when plan.IsFused(node.Left!) || plan.IsFused(node.RightChild!):
                    ops[slot] = EmitChain(plan, node, terms, ref operands) ? OpCode.Dot : OpCode.Sum;
                    break;
                case OpCode.Relu when plan.IsFused(node.Left!):
                    ops[slot] = EmitChain(plan, node.Left!, terms, ref operands) ? OpCode.DotRelu : OpCode.SumRelu;
                    break;
                case OpCode.PowConst:
                    ops[slot] = OpCode.PowConst;
                    operands.Add(plan.SlotOf(node.Left!));
                    operands.Add(plan.ExponentSlot(node));
                    break;
                default:
                    ops[slot] = node.Code;   // the tape's codes extend the graph's
                    for (int k = 0, arity = node.Arity; k < arity; k++) operands.Add(plan.SlotOf(node.ChildAt(k)));
                    break;
            }
        }
        operandStart[count] = operands.Count;

        var tape = new Tape(ops, operandStart, operands.ToArray(), plan.LeafCount, plan.FirstInterior);
        foreach (Value node in plan.Order)
            if (plan.SlotOf(node) is int needSlot and not FusionPlan.Fused) tape.NeedsGrad[needSlot] = node.RequiresGrad;
        for (int c = 0; c < plan.Constants.Count; c++) tape.Data[plan.One + c] = plan.Constants[c];
        tape.ConstantsFinite = plan.Constants.TrueForAll(double.IsFinite);

        var statistics = new CompileStatistics
        {
            OriginalNodeCount = plan.Order.Count,
            LeafCount = plan.LeafCount,
            TapeNodeCount = count - plan.FirstInterior,
            FusedNodeCount = plan.FusedCount,
            SumNodeCount = ops.Count(op => op is OpCode.Sum or OpCode.SumRelu),
            DotNodeCount = ops.Count(op => op is OpCode.Dot or OpCode.DotRelu),
            OperandCount = tape.Operands.Length,
            CompiledBytes = tape.Bytes + leaves.Length * (long)IntPtr.Size,
            CompileTime = Stopwatch.GetElapsedTime(started),
        };
        var observedSlots = new int[observed.Count];
        var observedPositions = new int[observed.Count];
        for (int k = 0; k < observedSlots.Length; k++)
        {
            observedSlots[k] = plan.SlotOf(observed[k]);
            observedPositions[k] = plan.PositionOf(observed[k]);
        }
        var graph = new CompiledGraph(tape, leaves, plan.SlotOf(root), observedSlots, observedPositions, root, statistics);
        graph.Forward();
        return graph;
    }

    /// <summary>Appends the operands of the chain headed by <paramref name="head"/>; returns whether it is a dot.</summary>
    private static bool EmitChain(FusionPlan plan, Value head, List<Value> terms, ref OperandBuffer operands)
    {
        bool dot = CollectTerms(plan, head, terms);
        for (int t = terms.Count - 1; t >= 0; t--)   // collected top down; the sum runs bottom up
        {
            Value term = terms[t];
            if (!plan.IsFused(term))
            {
                operands.Add(plan.SlotOf(term));
                if (dot) operands.Add(plan.One);
            }
            else
            {
                operands.Add(plan.SlotOf(term.Left!));
                operands.Add(plan.SlotOf(term.RightChild!));
            }
        }
        return dot;
    }

    /// <summary>
    /// Lists the terms of the addition chain headed by <paramref name="head"/>, from the last term to the first, and
    /// says whether any is a product (fused multiplications are listed as themselves).
    /// </summary>
    private static bool CollectTerms(FusionPlan plan, Value head, List<Value> terms)
    {
        terms.Clear();
        bool anyProduct = false;
        Value add = head;
        while (true)
        {
            Value right = add.RightChild!, left = add.Left!;
            terms.Add(right);
            anyProduct |= plan.IsFused(right);
            if (left.Code == OpCode.Add && plan.IsFused(left))
            {
                add = left;
                continue;
            }
            terms.Add(left);
            anyProduct |= plan.IsFused(left);   // a fused left operand that is not an addition is a product
            return anyProduct;
        }
    }

    /// <summary>A growable int array: the operand list, whose final length is only known at the end.</summary>
    private struct OperandBuffer(int capacity)
    {
        private int[] _items = new int[capacity];

        public int Count { get; private set; }

        public void Add(int item)
        {
            if (Count == _items.Length) Array.Resize(ref _items, checked(_items.Length * 2));
            _items[Count++] = item;
        }

        public readonly int[] ToArray() => _items.AsSpan(0, Count).ToArray();
    }
}
