using System.Runtime.CompilerServices;
using System.Diagnostics;

namespace Michigrad.Compiled;

/// <summary>
/// A <see cref="Value"/> graph compiled to a flat, fused tape (see <see cref="Compiler.Compile(Value)"/>). The tape stays
/// bound to the graph's leaves: <see cref="Forward"/> reads their <see cref="Value.Data"/> and <see cref="Backward"/>
/// adds into their <see cref="Value.Grad"/>, so an optimizer that updates parameters works unchanged.
/// </summary>
/// <remarks>
/// <para>Neither pass allocates or recurses. The interior nodes of the original graph are not updated by the passes;
/// call <see cref="WriteBack"/> to show the tape's numbers on them.</para>
/// <para>A replay repeats the operations recorded when the graph was built. A graph whose building code chose by
/// <see cref="Value.Data"/> (a branch, or a constant computed from it) replays those choices on new data and gives
/// a different answer than rebuilding would; <see cref="Verify"/> catches that. The library's own modules and losses
/// build only from operations, so they replay exactly.</para>
/// <para>Not safe for use from several threads at once. Compiled graphs that share leaves (one model's parameters)
/// may run on separate threads, except that <see cref="Backward"/> adds into those leaves' gradients: two threads
/// doing so at once race.</para>
/// </remarks>
public sealed class CompiledGraph
{
    private readonly TapeReplay _tape;
    private readonly Value[] _leaves;   // _leaves[i] is bound to slot i
    private readonly int _rootSlot;
    private readonly int[] _observedSlots;   // the slots of the nodes named at compile time, in their order
    private readonly int[] _observedPositions;   // and their places in the graph's topological order
    private readonly WeakReference<Value> _root;   // only WriteBack needs the interior nodes: do not keep them alive
    private bool _dataFinite;   // whether the last forward pass saw only finite numbers

    internal CompiledGraph(TapeReplay tape, Value[] leaves, int rootSlot, int[] observedSlots, int[] observedPositions,
        Value root, CompileStatistics statistics)
    {
        _observedPositions = observedPositions;
        _tape = tape;
        _leaves = leaves;
        _rootSlot = rootSlot;
        _observedSlots = observedSlots;
        _root = new WeakReference<Value>(root);
        Statistics = statistics;
    }

    /// <summary>The tape's program.</summary>
    internal Tape Tape => _tape.Tape;

    /// <summary>The leaf bound to each leaf slot.</summary>
    internal Value[] Leaves => _leaves;

    /// <summary>The root's value as of the last <see cref="Forward"/>.</summary>
    public double Output => _tape.Data[_rootSlot];

    /// <summary>How many nodes were passed as observed to <see cref="Compiler.Compile(Value, IReadOnlyList{Value})"/>.</summary>
    public int ObservedCount => _observedSlots.Length;

    /// <summary>The data of the <paramref name="index"/>-th observed node as of the last <see cref="Forward"/>.</summary>
    /// <param name="index">The node's position in the list given to
    /// <see cref="Compiler.Compile(Value, IReadOnlyList{Value})"/>.</param>
    /// <returns>The node's value on the tape (the node itself is not updated: see <see cref="WriteBack"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="ObservedCount"/>.</exception>
    public double ObservedData(int index)
    {
        if ((uint)index >= (uint)_observedSlots.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index,
                $"index must be below the {_observedSlots.Length} observed nodes, got {index}.");
        return _tape.Data[_observedSlots[index]];
    }

    /// <summary>What the compiler made of the graph: node counts, fusion, size and compile time.</summary>
    public CompileStatistics Statistics { get; }

    /// <summary>Reads every leaf's current <see cref="Value.Data"/> and recomputes every interior node.</summary>
    [MethodImpl(Tiering.HotLoop)]
    public void Forward()
    {
        Value[] leaves = _leaves;
        Span<double> data = _tape.Data.AsSpan(0, leaves.Length);
        bool finite = _tape.Tape.ConstantsFinite;
        for (int i = 0; i < data.Length; i++)
        {
            double x = leaves[i].Data;
            data[i] = x;
            finite &= double.IsFinite(x);
        }
        _dataFinite = ForwardSweep.Run(_tape) & finite;
    }

    /// <summary>
    /// Whether <see cref="Backward"/> may skip sum and dot nodes whose gradient is exactly 0 (dead relus, satisfied
    /// margins). It does so only where that cannot change a bit of the result; off, every node is visited.
    /// </summary>
    internal bool SkipZeroGradients { get; set; } = true;

    /// <summary>
    /// Backpropagates from the root as <see cref="Value.Backward"/> does: the root's gradient is seeded with 1,
    /// interior gradients are fresh for this call, and each leaf's <see cref="Value.Grad"/> accumulates (<c>+=</c>).
    /// Leaves that do not <see cref="Value.RequiresGrad"/> (as the flag was when the graph was compiled) get none, and
    /// no work is spent on what only they would need.
    /// </summary>
    /// <exception cref="InvalidOperationException">No leaf of the graph requires a gradient.</exception>
    /// <remarks>Uses the data of the last <see cref="Forward"/>; call that first if a leaf has changed since.</remarks>
    [MethodImpl(Tiering.HotLoop)]
    public void Backward()
    {
        TapeReplay tape = _tape;
        Value[] leaves = _leaves;
        double[] grad = tape.Grad;

        // Leaves start from their own gradient, so contributions add onto it in the object graph's order. Leaves that
        // need no gradient (a batch's inputs) are not read: their slots only collect what nobody reads.
        Span<double> leafGrad = grad.AsSpan(0, leaves.Length);
        bool[] needs = tape.NeedsGrad;
        bool negativeZero = false;   // the one leaf gradient that adding +0 would change: then skip nothing
        for (int i = 0; i < leafGrad.Length; i++)
        {
            double x = needs[i] ? leaves[i].Grad : 0.0;
            leafGrad[i] = x;
            negativeZero |= BitConverter.DoubleToInt64Bits(x) == long.MinValue;
        }
        Array.Clear(grad, tape.LeafCount, grad.Length - tape.LeafCount);

        if (!tape.NeedsGrad[_rootSlot])
            throw new InvalidOperationException(
                "Backward was called on a compiled graph whose output does not require a gradient: none of its leaves has RequiresGrad set.");
        grad[_rootSlot] += 1;
        BackwardSweep.Run(tape, SkipZeroGradients && _dataFinite && !negativeZero);

        for (int i = 0; i < leafGrad.Length; i++)
            if (needs[i]) leaves[i].Grad = leafGrad[i];   // data and constants get no gradient
    }

    /// <summary>
    /// Copies the tape's data and gradients into the original graph's interior nodes (fused ones recomputed), so
    /// that printing or drawing the graph shows this tape's last pass. Does nothing once the graph is unreachable.
    /// </summary>
    /// <remarks>Walks the whole graph and allocates: meant for display, not for the training loop.</remarks>
    public void WriteBack()
    {
        if (!_root.TryGetTarget(out Value? root)) return;
        double[] data = _tape.Data, grad = _tape.Grad;
        FusionPlan plan = FusionPlan.Create(root);
        Debug.Assert(plan.SlotCount == _tape.Count, "A graph's shape never changes, so neither does its plan.");
        List<Value> order = plan.Order;

        // Data bottom up: a fused node is an addition or a product of operands that already hold their data.
        foreach (Value node in order)
        {
            if (node.Code == OpCode.Leaf) continue;
            int slot = plan.SlotOf(node);
            node.Data = slot != FusionPlan.Fused ? data[slot]
                : OpRules.Forward(node.Code, node.Left!.Data, node.RightChild!.Data);
        }

        // Gradients top down: a fused node's only consumer is an addition, which passes its gradient on unchanged,
        // or a relu.
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Value node = order[i];
            if (node.Code == OpCode.Leaf) continue;
            int slot = plan.SlotOf(node);
            if (slot != FusionPlan.Fused) node.Grad = grad[slot];
            if (node.Code is not (OpCode.Relu or OpCode.Add)) continue;
            Value left = node.Left!, right = node.RightChild ?? left;
            if (!plan.IsFused(left) && !plan.IsFused(right)) continue;
            if (node.Code == OpCode.Relu)
            {
                left.Grad = 0.0 + OpRules.ReluGrad<Number>(node.Grad, node.Data).Data;
                continue;
            }
            (Number da, Number db) = OpRules.AddGrad<Number>(node.Grad);
            if (plan.IsFused(left)) left.Grad = 0.0 + da.Data;
            if (plan.IsFused(right)) right.Grad = 0.0 + db.Data;
        }
    }

    /// <summary>
    /// Checks that replaying this graph gives what building it again gives: calls <paramref name="rebuild"/>, which
    /// must build the same computation over the same leaves (as the code that built this graph did), runs
    /// <see cref="Forward"/>, and compares the two node by node.
    /// </summary>
    /// <param name="rebuild">Builds the graph again from the leaves' current data, for example
    /// <c>() =&gt; Loss.MeanSquaredError(model.Forward(x), y)</c>.</param>
    /// <remarks>
    /// <para>Use it after changing the leaves' data (new inputs, updated parameters) on a graph you built yourself: a
    /// branch on <see cref="Value.Data"/> or a constant computed from it while building shows as a node of another
    /// kind, or as a new leaf holding another number, and the exception names it. For example
    /// <c>x.Data &gt; 0 ? x : -x</c> compiled at x = 2 and replayed at x = -3 gives -3, and Verify reports the
    /// <c>"neg"</c> node the rebuilt graph has; <c>x.Abs()</c> replays exactly.</para>
    /// <para>It rebuilds and compiles a second graph: meant for tests and debugging, not for every step.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="rebuild"/> is null or returns null.</exception>
    /// <exception cref="InvalidOperationException">The replay differs from the rebuilt graph; the message names the
    /// first node (in topological order) that differs and both numbers or ops.</exception>
    public void Verify(Func<Value> rebuild)
    {
        ArgumentNullException.ThrowIfNull(rebuild);
        Value fresh = rebuild() ?? throw new ArgumentNullException(nameof(rebuild), "rebuild returned null.");
        Forward();

        // The rebuilt graph is compiled the same way, the nodes at the observed places kept, so that a graph of the
        // same shape gives the same tape, slot for slot.
        List<Value> freshOrder = Autograd.TopologicalOrder.Of(fresh);
        var observed = new Value[_observedPositions.Length];
        for (int k = 0; k < observed.Length; k++)
        {
            if (_observedPositions[k] >= freshOrder.Count)
                throw Mismatch($"the rebuilt graph has {freshOrder.Count} nodes, fewer than the compiled one " +
                    $"(observed node {k} was node {_observedPositions[k]})");
            observed[k] = freshOrder[_observedPositions[k]];
        }
        CompiledGraph other = Compiler.Compile(fresh, observed);
        FusionPlan plan = FusionPlan.Create(fresh, observed);
        var nodeAt = new Value?[plan.SlotCount];
        foreach (Value node in plan.Order)
            if (plan.SlotOf(node) is int slot and not FusionPlan.Fused) nodeAt[slot] = node;

        TapeReplay mine = _tape, theirs = other._tape;
        if (mine.LeafCount != theirs.LeafCount)
            throw Mismatch($"the rebuilt graph has {theirs.LeafCount} leaves, the compiled one {mine.LeafCount}");
        for (int i = 0; i < mine.LeafCount; i++)
        {
            Value bound = _leaves[i], rebuilt = other._leaves[i];
            if (!ReferenceEquals(bound, rebuilt) && !bound.Data.Equals(rebuilt.Data))
                throw Mismatch(FormattableString.Invariant(
                    $"leaf {i} ({Describe(rebuilt)}) holds {rebuilt.Data} in the rebuilt graph, but the compiled one reads {bound.Data} from its own leaf ({Describe(bound)}): a constant computed from data?"));
        }
        int count = Math.Min(mine.Count, theirs.Count);
        for (int i = mine.LeafCount; i < count; i++)
        {
            string? difference = null;
            if (mine.Ops[i] != theirs.Ops[i])
                difference = $"the rebuilt graph computes {Describe(nodeAt[i])} where the compiled one has a '{mine.Ops[i]}' node";
            else if (!mine.Operands.AsSpan(mine.OperandStart[i], mine.OperandStart[i + 1] - mine.OperandStart[i])
                         .SequenceEqual(theirs.Operands.AsSpan(theirs.OperandStart[i], theirs.OperandStart[i + 1] - theirs.OperandStart[i])))
                difference = $"the rebuilt graph's {Describe(nodeAt[i])} has other operands than the compiled one";
            else if (!mine.Data[i].Equals(theirs.Data[i]))
                difference = FormattableString.Invariant(
                    $"{Describe(nodeAt[i])} is {theirs.Data[i]} when rebuilt but {mine.Data[i]} on replay");
            if (difference is not null) throw Mismatch(difference);
        }
        if (mine.Count != theirs.Count)
            throw Mismatch($"the rebuilt graph has {theirs.Count - theirs.FirstInterior} operations after fusion, the compiled one {mine.Count - mine.FirstInterior}");

        static string Describe(Value? node) => node is null ? "a fused node"
            : node.Code == OpCode.Leaf ? (node.Label is { } leafLabel ? $"leaf '{leafLabel}'" : "an unlabelled leaf")
            : node.Label is { } label ? $"the '{node.Op}' node '{label}'" : $"a '{node.Op}' node";
    }

    private static InvalidOperationException Mismatch(string difference) => new(
        $"The compiled graph does not replay the rebuilt one: {difference}. The graph was probably built with a choice " +
        "made from .Data (a branch, or a constant computed from it), which a replay keeps as it was; build it from " +
        "operations instead (Value.Max/Min, Abs, Softplus, LogSumExp).");
}
