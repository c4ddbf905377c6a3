namespace Michigrad.Autograd;

/// <summary>
/// Lists the nodes of a graph so that every node comes after all of its children (post-order of a depth-first
/// walk). The walk is iterative, so its depth is bounded by memory rather than by the thread's stack.
/// </summary>
internal static class TopologicalOrder
{
    private static int s_lastWalk;

    /// <summary>A number no earlier walk has used: nodes whose <see cref="Value.VisitMark"/> equals it are visited.</summary>
    internal static int NewWalk() => Interlocked.Increment(ref s_lastWalk);

    /// <summary>
    /// Appends the nodes under <paramref name="root"/> to <paramref name="order"/>, children before parents and in
    /// operand order, each node once.
    /// </summary>
    /// <param name="root">The node whose ancestors (in the data-flow sense: its operands, theirs...) are listed.</param>
    /// <param name="order">Receives the nodes; its previous contents are kept.</param>
    /// <param name="stack">Scratch space, left empty; passed in so that repeated walks can reuse it.</param>
    internal static void Build(Value root, List<Value> order, Stack<Frame> stack)
    {
        int walk = NewWalk();
        stack.Push(new Frame(root, ChildrenDone: false));
        while (stack.TryPop(out Frame frame))
        {
            Value node = frame.Node;
            if (frame.ChildrenDone)
            {
                order.Add(node);
                continue;
            }
            if (node.VisitMark == walk) continue;   // reached before by another path: count it once
            node.VisitMark = walk;
            stack.Push(frame with { ChildrenDone = true });
            // Pushed right first so that the left operand is walked first: the order is the same on every run.
            if (node.Right is { } right && node.Arity == 2 && right.VisitMark != walk)
                stack.Push(new Frame(right, ChildrenDone: false));
            if (node.Left is { } left && left.VisitMark != walk)
                stack.Push(new Frame(left, ChildrenDone: false));
        }
    }

    /// <summary>Returns the nodes under <paramref name="root"/>, children before parents.</summary>
    internal static List<Value> Of(Value root)
    {
        var order = new List<Value>();
        Build(root, order, new Stack<Frame>());
        return order;
    }

    /// <summary>A node on the walk's stack; <c>ChildrenDone</c> marks its second visit, when it is emitted.</summary>
    internal readonly record struct Frame(Value Node, bool ChildrenDone);
}
