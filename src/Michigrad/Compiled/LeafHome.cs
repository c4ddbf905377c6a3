namespace Michigrad.Compiled;

/// <summary>
/// Where a parameter adopted by a compiled training step keeps its number and gradient: place <see cref="Index"/> of
/// that step's arrays, which its loops read and update in place. The leaf's <see cref="Value.Data"/> and
/// <see cref="Value.Grad"/> read and write them there, so each number has one copy and none can go stale.
/// </summary>
/// <remarks>Made once per adopted leaf by <see cref="DirectLeaves.Adopt"/>, and kept: a step that lost a leaf to
/// another and adopts it back moves it into the same home.</remarks>
internal sealed class LeafHome(double[] data, double[] grad, int index, Adoption adoption)
{
    /// <summary>The array holding the leaf's number at <see cref="Index"/>.</summary>
    internal readonly double[] Data = data;

    /// <summary>The array holding the leaf's gradient at <see cref="Index"/>.</summary>
    internal readonly double[] Grad = grad;

    /// <summary>The leaf's place in both arrays.</summary>
    internal readonly int Index = index;

    /// <summary>The step's adoption this home belongs to.</summary>
    internal readonly Adoption Adoption = adoption;
}

/// <summary>
/// The leaves one compiled step has moved into its arrays (see <see cref="LeafHome"/>). When another step adopts one
/// of them, this adoption is lost: the step then reads and credits its leaves through <see cref="Value.Data"/> and
/// <see cref="Value.Grad"/> (wherever they live) until it adopts them again.
/// </summary>
internal sealed class Adoption
{
    /// <summary>Whether another step has taken one of the leaves since they were last adopted.</summary>
    internal bool Lost { get; private set; } = true;

    /// <summary>Marks the adoption lost (another step took a leaf).</summary>
    internal void Lose() => Lost = true;

    /// <summary>Marks the adoption whole again, once every leaf has been moved back in.</summary>
    internal void Hold() => Lost = false;
}
