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
/// <para>Not safe for use from several threads at once.</para>
/// </remarks>
public sealed class CompiledGraph
{
    private readonly Tape _tape;
    private readonly Value[] _leaves;   // _leaves[i] is bound to slot i
    private readonly int _rootSlot;
    private readonly int[] _observedSlots;   // the slots of the nodes named at compile time, in their order
    private readonly WeakReference<Value> _root;   // only WriteBack needs the interior nodes: do not keep them alive
    private bool _dataFinite;   // whether the last forward pass saw only finite numbers

    internal CompiledGraph(Tape tape, Value[] leaves, int rootSlot, int[] observedSlots, Value root,
        CompileStatistics statistics)
    {
        _tape = tape;
        _leaves = leaves;
        _rootSlot = rootSlot;
        _observedSlots = observedSlots;
        _root = new WeakReference<Value>(root);
        Statistics = statistics;
    }

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
    public void Forward()
    {
        Value[] leaves = _leaves;
        Span<double> data = _tape.Data.AsSpan(0, leaves.Length);
        bool finite = _tape.ConstantsFinite;
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
    /// </summary>
    /// <remarks>Uses the data of the last <see cref="Forward"/>; call that first if a leaf has changed since.</remarks>
    public void Backward()
    {
        Tape tape = _tape;
        Value[] leaves = _leaves;
        double[] grad = tape.Grad;

        // Leaves start from their own gradient, so contributions add onto it in the object graph's order.
        Span<double> leafGrad = grad.AsSpan(0, leaves.Length);
        bool negativeZero = false;   // the one leaf gradient that adding +0 would change: then skip nothing
        for (int i = 0; i < leafGrad.Length; i++)
        {
            double x = leaves[i].Grad;
            leafGrad[i] = x;
            negativeZero |= BitConverter.DoubleToInt64Bits(x) == long.MinValue;
        }
        Array.Clear(grad, tape.LeafCount, grad.Length - tape.LeafCount);

        grad[_rootSlot] += 1;
        BackwardSweep.Run(tape, SkipZeroGradients && _dataFinite && !negativeZero);

        for (int i = 0; i < leafGrad.Length; i++) leaves[i].Grad = leafGrad[i];
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
        using FusionPlan plan = FusionPlan.Create(root);
        Debug.Assert(plan.SlotCount == _tape.Count, "A graph's shape never changes, so neither does its plan.");
        List<Value> order = plan.Order;

        // Data bottom up: a fused node is an addition or a product of operands that already hold their data.
        foreach (Value node in order)
        {
            if (node.Code == OpCode.Leaf) continue;
            int slot = plan.SlotOf(node);
            node.Data = slot != FusionPlan.Fused ? data[slot]
                : node.Code == OpCode.Add ? node.Left!.Data + node.Right!.Data
                : node.Left!.Data * node.Right!.Data;
        }

        // Gradients top down: a fused node's only consumer is an addition, which passes its gradient on unchanged,
        // or a relu.
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Value node = order[i];
            if (node.Code == OpCode.Leaf) continue;
            int slot = plan.SlotOf(node);
            if (slot != FusionPlan.Fused) node.Grad = grad[slot];
            if (node.Code == OpCode.Relu && plan.IsFused(node.Left!))
                node.Left!.Grad = 0.0 + (node.Data <= 0 ? 0.0 : node.Grad);
            if (node.Code != OpCode.Add) continue;
            if (plan.IsFused(node.Left!)) node.Left!.Grad = 0.0 + node.Grad;
            if (plan.IsFused(node.Right!)) node.Right!.Grad = 0.0 + node.Grad;
        }
    }
}
