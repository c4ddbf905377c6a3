namespace Michigrad.Autograd;

/// <summary>
/// Lists the nodes of a graph so that every node comes after all of its children (post-order of a depth-first
/// walk). The walk is iterative, with its own stack, so its depth is bounded by memory rather than by the thread's
/// stack: a chain of millions of nodes is fine.
/// </summary>
internal static class TopologicalOrder
{
    private static int s_lastWalk;

    // The walk's stack, reused between walks on a thread.
    [ThreadStatic] private static Value[]? t_stack;
    private const int MaxKeptDepth = 1 << 16;

    /// <summary>A number no earlier walk has used: nodes whose <see cref="Value.VisitMark"/> equals it are visited.</summary>
    internal static int NewWalk() => Interlocked.Increment(ref s_lastWalk);

    /// <summary>
    /// Appends the nodes under <paramref name="root"/> to <paramref name="order"/>, children before parents and
    /// the left operand's subtree first, each node once however many paths lead to it.
    /// </summary>
    /// <param name="root">Where the walk starts.</param>
    /// <param name="order">Receives the nodes; what it held before is kept.</param>
    /// <param name="forBackward">List only interior nodes, setting each one's <see cref="Value.Grad"/> to 0 as it is
    /// listed: what the backward pass needs (leaves have no rule to apply), without a second sweep.</param>
    internal static void Build(Value root, List<Value> order, bool forBackward = false)
    {
        int walk = NewWalk();
        Value[] stack = t_stack ?? new Value[64];
        t_stack = null;   // taken while in use, so a walk started from inside this one cannot share it
        int top = 0, deepest = 0;
        stack[0] = root;
        root.VisitMark = walk;
        try
        {
            while (top >= 0)
            {
                // Enter the first operand of the top node not seen on this walk. Each node is marked when it is
                // entered, so once both are marked, both subtrees are listed and the node itself can be.
                Value node = stack[top];
                Value? next = node.Left;
                if (next is null || next.VisitMark == walk)
                {
                    next = node.Arity == 2 ? node.Right : null;
                    if (next is not null && next.VisitMark == walk) next = null;
                }
                if (next is null)
                {
                    if (!forBackward) order.Add(node);
                    else if (node.Code != OpCode.Leaf)
                    {
                        node.Grad = 0;
                        order.Add(node);
                    }
                    top--;
                    continue;
                }
                next.VisitMark = walk;   // marked on entry: in a DAG nothing can reach it again until it is listed
                if (++top == stack.Length) Array.Resize(ref stack, stack.Length * 2);
                stack[top] = next;
                deepest = Math.Max(deepest, top);
            }
        }
        finally
        {
            Array.Clear(stack, 0, deepest + 1);   // drop references so that the graph can be collected
            if (stack.Length <= MaxKeptDepth) t_stack = stack;
        }
    }

    /// <summary>Returns the nodes under <paramref name="root"/>, children before parents.</summary>
    internal static List<Value> Of(Value root)
    {
        var order = new List<Value>();
        Build(root, order);
        return order;
    }
}
