namespace Michigrad.Autograd;

/// <summary>
/// Lists the nodes of a graph so that every node comes after all of its children (post-order of a depth-first
/// walk). The walk is iterative, with its own stack, so its depth is bounded by memory rather than by the thread's
/// stack: a chain of millions of nodes is fine.
/// </summary>
internal static class TopologicalOrder
{
    private static int s_lastWalk;

    // The walk's stack, reused between walks on a thread: a node and how many of its operands have been entered.
    [ThreadStatic] private static Value[]? t_nodes;
    [ThreadStatic] private static byte[]? t_entered;
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
        Value[] nodes = t_nodes ?? new Value[64];
        byte[] entered = t_entered ?? new byte[64];
        t_nodes = null;   // taken while in use, so a walk started from inside this one cannot share it
        int top = 0, deepest = 0;
        nodes[0] = root;
        entered[0] = 0;
        root.VisitMark = walk;
        try
        {
            while (top >= 0)
            {
                Value node = nodes[top];
                // Enter the next operand not seen on this walk; when none is left, every child is listed: emit.
                Value? next = null;
                switch (entered[top])
                {
                    case 0:
                        entered[top] = 1;
                        if (node.Left is { } left && left.VisitMark != walk)
                        {
                            next = left;
                            break;
                        }
                        goto case 1;
                    case 1:
                        entered[top] = 2;
                        if (node.Arity == 2 && node.Right!.VisitMark != walk) next = node.Right;
                        break;
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
                next.VisitMark = walk;   // marked on entry: in a DAG nothing can reach it again until it is emitted
                if (++top == nodes.Length)
                {
                    Array.Resize(ref nodes, nodes.Length * 2);
                    Array.Resize(ref entered, entered.Length * 2);
                }
                nodes[top] = next;
                entered[top] = 0;
                deepest = Math.Max(deepest, top);
            }
        }
        finally
        {
            Array.Clear(nodes, 0, deepest + 1);   // drop references so that the graph can be collected
            if (nodes.Length <= MaxKeptDepth)
            {
                t_nodes = nodes;
                t_entered = entered;
            }
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
