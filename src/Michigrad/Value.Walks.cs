namespace Michigrad;

// What graph walks keep on a node. Invariant: VisitMark is the number of the last walk that visited the node, and
// nothing else (see Autograd.TopologicalOrder): walks mark interior nodes; the compiler's walk also marks leaves, only
// as a hint beside its own table of them, so walks of separate graphs that share leaves never trust each other's marks.
public sealed partial class Value
{
    /// <summary>The walk that last visited this node.</summary>
    internal int VisitMark;

    /// <summary>Starts an interior node's gradient at 0 for a backward pass (see <see cref="Backward"/>).</summary>
    internal void ClearInteriorGrad() => _grad = 0;
}
