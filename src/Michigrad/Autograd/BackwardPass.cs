using System.Runtime.InteropServices;

namespace Michigrad.Autograd;

/// <summary>Reverse-mode differentiation of a graph: the sweep behind <see cref="Value.Backward"/>.</summary>
internal static class BackwardPass
{
    // Reused between calls on the same thread so that a training loop does not allocate the order every step.
    [ThreadStatic] private static List<Value>? t_order;
    private const int MaxKeptCapacity = 1 << 20;

    /// <summary>
    /// Resets the interior nodes under <paramref name="root"/>, seeds the root with 1, and applies the chain rule
    /// from the root down to the leaves, which accumulate.
    /// </summary>
    internal static void Run(Value root)
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException(
                $"Backward was called on {(root.Label is { } label ? $"'{label}'" : "a value")} that does not require a gradient: " +
                "none of the leaves it was computed from has RequiresGrad set (parameters made with new Value(x) do; " +
                "Value.Constant and plain numbers do not).");
        List<Value> order = t_order ?? new List<Value>();
        t_order = null;   // taken while in use
        try
        {
            // Interior gradients belong to one pass (PyTorch keeps none); leaves accumulate across passes.
            TopologicalOrder.Build(root, order, forBackward: true);
            root.Grad += 1;
            ReadOnlySpan<Value> nodes = CollectionsMarshal.AsSpan(order);
            for (int i = nodes.Length - 1; i >= 0; i--)
                nodes[i].PropagateGrad();
        }
        finally
        {
            order.Clear();   // drop the references so that the graph can be collected
            if (order.Capacity <= MaxKeptCapacity) t_order = order;
        }
    }
}
