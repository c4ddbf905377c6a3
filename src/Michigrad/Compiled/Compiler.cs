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
/// do); elsewhere they differ by rounding only. The exception is a dot of <see cref="MinRunLength"/> or more products
/// whose factors the compiler could lay side by side (a neuron's weights, a sample's inputs: it hands out leaf slots
/// so that they are): the tape streams it with SIMD (see <see cref="DotRun"/>), summing its products in another order,
/// so its value and what follows from it agree to rounding.</para>
/// <para>Leaves that do not <see cref="Value.RequiresGrad"/> when the graph is compiled get no gradient from the tape,
/// and no work is spent on what only they would need.</para>
/// <para>A replay repeats the recorded operations on new leaf data. A choice the building code made from data (a
/// branch on <c>x.Data</c>, a constant computed from data) stays as it was when the graph was built, so build graphs
/// from operations only (<c>Value.Max</c>, <c>Softplus</c>, <c>LogSumExp</c> instead of branches): every module and
/// loss of the library does, so their compiled graphs replay exactly on any data. For example, the replay of
/// <c>var m = x.Data &gt; y.Data ? x : y;</c> keeps returning x after y has grown past it, where
/// <c>Value.Max(x, y)</c> follows the data. <see cref="CompiledGraph.Verify"/> rebuilds a graph and names the first
/// node where the replay differs.</para>
/// <para>For a batch objective that is a mean over rows of one row's loss (every loss of the library),
/// <see cref="CompileRows"/> compiles one row's graph instead of the batch's and runs it over the rows side by side:
/// a graph the size of a row, a compile in milliseconds, and a layer's dots over a batch as a blocked matrix
/// product.</para>
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
        Emitted emitted = Emit(root, observed, streamDots: true);
        var replay = new TapeReplay(emitted.Tape, emitted.RunIndex, emitted.Runs);
        var graph = new CompiledGraph(replay, emitted.Leaves, emitted.RootSlot, emitted.ObservedSlots,
            emitted.ObservedPositions, root, emitted.Statistics(started, replay.Bytes));
        graph.Forward();
        return graph;
    }

    /// <summary>A graph's tape, its leaves and the slots of its root and observed nodes, as <see cref="Emit"/> makes
    /// them; with the streamed stretches of its dots when asked for.</summary>
    private sealed record Emitted(Tape Tape, Value[] Leaves, int RootSlot, int[] ObservedSlots, int[] ObservedPositions,
        int[] RunIndex, DotRun[] Runs, int OriginalNodeCount, int FusedCount)
    {
        /// <summary>What was made, with the time since <paramref name="started"/> and the runner's own bytes.</summary>
        public CompileStatistics Statistics(long started, long runnerBytes) => new()
        {
            OriginalNodeCount = OriginalNodeCount,
            LeafCount = Tape.LeafCount,
            TapeNodeCount = Tape.Count - Tape.FirstInterior,
            FusedNodeCount = FusedCount,
            SumNodeCount = Tape.Ops.Count(op => op is OpCode.Sum or OpCode.SumRelu),
            DotNodeCount = Tape.Ops.Count(op => op is OpCode.Dot or OpCode.DotRelu),
            StreamedDotCount = Runs.Length,
            OperandCount = Tape.Operands.Length,
            CompiledBytes = Tape.Bytes + runnerBytes + Leaves.Length * (long)IntPtr.Size,
            CompileTime = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>
    /// Plans and emits the tape of the graph under <paramref name="root"/>. With <paramref name="streamDots"/> (the
    /// whole-graph replay), the longest stretch of products of each dot gets its leaves laid side by side and, where both
    /// factors then sit in runs of adjacent slots, is recorded as a <see cref="DotRun"/>; the row graph reads a layer's
    /// weights from their storage and runs its dots in groups instead, so it asks for none.
    /// </summary>
    private static Emitted Emit(Value root, IReadOnlyList<Value> observed, bool streamDots)
    {
        FusionPlan plan = FusionPlan.Start(root, observed);
        // Slot by slot, leaves and constants first: an interior node's slot is plan.SlotCount when it is admitted.
        int firstInterior = plan.FirstInterior;
        var ops = new List<OpCode>(firstInterior + 1024);
        var operandStart = new List<int>(firstInterior + 1024);
        var runIndex = new List<int>(firstInterior + 1024);
        var needs = new List<bool>(firstInterior + 1024);
        for (int slot = 0; slot < firstInterior; slot++)
        {
            ops.Add(slot < plan.LeafCount ? OpCode.Leaf : OpCode.Constant);
            operandStart.Add(0);
            runIndex.Add(-1);
            needs.Add(false);   // leaves' flags are filled in once they are placed
        }
        var operands = new OperandBuffer(1024);
        var runs = new List<DotRun>();
        var chain = new ChainBuffer();

        // Interior nodes come out of the order in slot order; leaves get their slots as the nodes that read them are
        // emitted (see EmitChain), and leaves and constants keep start 0 (no operands).
        List<Value> order = plan.Order;
        for (int position = 0; position < order.Count; position++)
        {
            Value node = order[position];
            if (node.Code == OpCode.Leaf || !plan.Admit(position)) continue;
            operandStart.Add(operands.Count);
            needs.Add(node.RequiresGrad);
            int run = -1;
            switch (node.Code)
            {
                case OpCode.Add when plan.IsFusedInto(node.Left!, OpCode.Add, true) || plan.IsFusedInto(node.RightChild!, OpCode.Add, false):
                    ops.Add(EmitChain(plan, node, chain, ref operands, runs, streamDots, out run) ? OpCode.Dot : OpCode.Sum);
                    break;
                case OpCode.Relu when plan.IsFusedInto(node.Left!, OpCode.Relu, true):
                    ops.Add(EmitChain(plan, node.Left!, chain, ref operands, runs, streamDots, out run) ? OpCode.DotRelu : OpCode.SumRelu);
                    break;
                case OpCode.PowConst:
                    ops.Add(OpCode.PowConst);
                    operands.Add(SlotOf(plan, node.Left!));
                    operands.Add(plan.ExponentSlot(node));
                    break;
                default:
                    ops.Add(node.Code);   // the tape's codes extend the graph's
                    for (int k = 0, arity = node.Arity; k < arity; k++) operands.Add(SlotOf(plan, node.ChildAt(k)));
                    break;
            }
            runIndex.Add(run);
        }
        operandStart.Add(operands.Count);
        plan.PlaceRemainingLeaves();   // a leaf that is the root, or only observed
        Value[] leaves = plan.Leaves;

        for (int i = 0; i < leaves.Length; i++) needs[i] = leaves[i].RequiresGrad;

        var tape = new Tape(ops.ToArray(), operandStart.ToArray(), operands.ToArray(), plan.LeafCount, [.. plan.Constants],
            needs.ToArray());
        var observedSlots = new int[observed.Count];
        var observedPositions = new int[observed.Count];
        for (int k = 0; k < observedSlots.Length; k++)
        {
            observedSlots[k] = plan.SlotOf(observed[k]);
            observedPositions[k] = plan.PositionOfObserved(observed[k]);
        }
        var emitted = new Emitted(tape, leaves, plan.SlotOf(root), observedSlots, observedPositions, runIndex.ToArray(),
            runs.ToArray(), order.Count, plan.FusedCount);
        plan.Release();
        return emitted;
    }

    /// <summary>
    /// Compiles one row's graph to run over a batch of up to <paramref name="capacity"/> rows at once: the batch's
    /// objective is the mean over rows of <paramref name="rowOutput"/>, each row with its own numbers in
    /// <paramref name="rowLeaves"/> and every other leaf (the parameters) shared. The batch's graph is never built.
    /// </summary>
    /// <param name="rowOutput">One row's output, typically its loss (a batch of one row's loss).</param>
    /// <param name="rowLeaves">The leaves that hold a row's own numbers (its inputs and targets), in the order
    /// <see cref="RowBatchGraph.SetRow"/> fills them. A listed leaf the graph does not read is ignored.</param>
    /// <param name="capacity">The most rows one pass runs.</param>
    /// <param name="observed">Nodes of the row's graph to read per row after each forward pass (the model's outputs).</param>
    /// <returns>The row-batch graph; call <see cref="RowBatchGraph.SetRow"/> and <see cref="RowBatchGraph.Forward"/>.</returns>
    /// <exception cref="ArgumentException">A row leaf is not a leaf or is listed twice, or an observed node is not in
    /// the graph.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
    public static RowBatchGraph CompileRows(Value rowOutput, IReadOnlyList<Value> rowLeaves, int capacity,
        IReadOnlyList<Value>? observed = null)
    {
        ArgumentNullException.ThrowIfNull(rowOutput);
        ArgumentNullException.ThrowIfNull(rowLeaves);
        if (capacity < 1)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"capacity must be at least 1, got {capacity}.");
        var index = new Dictionary<Value, int>(rowLeaves.Count, ReferenceEqualityComparer.Instance);
        for (int j = 0; j < rowLeaves.Count; j++)
        {
            Value leaf = rowLeaves[j] ?? throw new ArgumentNullException(nameof(rowLeaves), $"rowLeaves[{j}] is null.");
            if (leaf.Code != OpCode.Leaf)
                throw new ArgumentException($"rowLeaves[{j}] ({leaf}) is a '{leaf.Op}' node, not a leaf.", nameof(rowLeaves));
            if (!index.TryAdd(leaf, j))
                throw new ArgumentException($"rowLeaves[{j}] ({leaf}) is listed twice (first as rowLeaves[{index[leaf]}]).", nameof(rowLeaves));
        }
        long started = Stopwatch.GetTimestamp();
        Emitted emitted = Emit(rowOutput, observed ?? [], streamDots: false);
        var slots = new int[rowLeaves.Count];
        Array.Fill(slots, -1);
        Value[] leaves = emitted.Leaves;
        for (int s = 0; s < leaves.Length; s++)
            if (index.TryGetValue(leaves[s], out int j)) slots[j] = s;
        return new RowBatchGraph(emitted.Tape, leaves, emitted.RootSlot, emitted.ObservedSlots, slots, capacity,
            emitted.Statistics(started, runnerBytes: 0));
    }

    /// <summary>The shortest run of products worth streaming: shorter dots keep the exact left-to-right sum.</summary>
    internal const int MinRunLength = 8;

    /// <summary>The slot of an operand; a leaf not placed yet gets the next leaf slot.</summary>
    private static int SlotOf(FusionPlan plan, Value operand) =>
        operand.Code == OpCode.Leaf ? plan.PlaceLeaf(operand) : plan.SlotOf(operand);

    /// <summary>
    /// Appends the operands of the chain headed by <paramref name="head"/>; returns whether it is a dot. In a dot,
    /// the longest stretch of products gets its leaves laid side by side (all its left factors, then all its right
    /// factors) where they have no slot yet; if both factors then sit in runs of adjacent slots, the stretch is
    /// recorded as a <see cref="DotRun"/> (its index in <paramref name="runs"/> comes out in <paramref name="run"/>).
    /// </summary>
    private static bool EmitChain(FusionPlan plan, Value head, ChainBuffer chain, ref OperandBuffer operands,
        List<DotRun> runs, bool streamDots, out int run)
    {
        run = -1;
        bool dot = CollectTerms(plan, head, chain);
        List<Value> terms = chain.Terms;
        List<bool> products = chain.IsProduct;
        int n = terms.Count;   // terms[n - 1] is summed first

        // The longest stretch of consecutive products, in summing order: [first, first + length).
        int first = 0, length = 0;
        if (dot)
        {
            for (int t = 0, current = 0; t < n; t++)
            {
                current = products[n - 1 - t] ? current + 1 : 0;
                if (current > length)
                {
                    length = current;
                    first = t - current + 1;
                }
            }
        }
        if (length < MinRunLength || !streamDots) length = 0;
        int[] lefts = chain.Lefts(length), rights = chain.Rights(length);
        for (int k = 0; k < length; k++) lefts[k] = SlotOf(plan, terms[n - 1 - first - k].Left!);
        for (int k = 0; k < length; k++) rights[k] = SlotOf(plan, terms[n - 1 - first - k].RightChild!);

        int pairsStart = operands.Count;
        for (int t = 0; t < n; t++)   // collected top down; the sum runs bottom up
        {
            Value term = terms[n - 1 - t];
            if (t >= first && t < first + length)
            {
                operands.Add(lefts[t - first]);
                operands.Add(rights[t - first]);
            }
            else if (products[n - 1 - t])
            {
                operands.Add(SlotOf(plan, term.Left!));
                operands.Add(SlotOf(plan, term.RightChild!));
            }
            else
            {
                operands.Add(SlotOf(plan, term));
                if (dot) operands.Add(plan.One);
            }
        }

        if (length > 0 && operands.IsRun(pairsStart + 2 * first, length))
        {
            run = runs.Count;
            runs.Add(new DotRun(first, length, lefts[0], rights[0]));
        }
        return dot;
    }

    /// <summary>
    /// Lists the terms of the addition chain headed by <paramref name="head"/>, from the last term to the first, with
    /// whether each is a fused product; returns whether any is.
    /// </summary>
    private static bool CollectTerms(FusionPlan plan, Value head, ChainBuffer chain)
    {
        List<Value> terms = chain.Terms;
        List<bool> products = chain.IsProduct;
        terms.Clear();
        products.Clear();
        bool anyProduct = false;
        Value add = head;
        while (true)
        {
            Value right = add.RightChild!, left = add.Left!;
            bool product = plan.IsFusedInto(right, OpCode.Add, leftOperand: false);   // a fused right operand is a product
            terms.Add(right);
            products.Add(product);
            anyProduct |= product;
            if (left.Code == OpCode.Add && plan.IsFusedInto(left, OpCode.Add, leftOperand: true))
            {
                add = left;
                continue;
            }
            product = plan.IsFusedInto(left, OpCode.Add, leftOperand: true);   // a fused left operand that is not an addition
            terms.Add(left);
            products.Add(product);
            return anyProduct | product;
        }
    }

    /// <summary>Scratch space for one chain at a time: its terms, which are products, and a stretch's slots.</summary>
    private sealed class ChainBuffer
    {
        private int[] _lefts = new int[64], _rights = new int[64];

        public List<Value> Terms { get; } = [];
        public List<bool> IsProduct { get; } = [];

        public int[] Lefts(int length) => _lefts.Length >= length ? _lefts : _lefts = new int[length];
        public int[] Rights(int length) => _rights.Length >= length ? _rights : _rights = new int[length];
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

        public readonly int this[int index] => _items[index];

        /// <summary>Whether the <paramref name="pairs"/> pairs from <paramref name="start"/> have their left slots
        /// adjacent and their right slots adjacent.</summary>
        public readonly bool IsRun(int start, int pairs)
        {
            int left = _items[start], right = _items[start + 1];
            for (int k = 1; k < pairs; k++)
                if (_items[start + 2 * k] != left + k || _items[start + 2 * k + 1] != right + k) return false;
            return true;
        }

        public readonly int[] ToArray() => _items.AsSpan(0, Count).ToArray();
    }
}
