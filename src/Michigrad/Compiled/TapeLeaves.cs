namespace Michigrad.Compiled;

/// <summary>What a <see cref="DotGroup"/> needs to know of its tape's leaves: the leaf bound to each leaf slot, which
/// slots need a gradient, and how many times the tape reads each slot below its first interior one.</summary>
/// <param name="Leaves">The leaf of each leaf slot (slots <c>[0, Leaves.Length)</c>).</param>
/// <param name="NeedsGrad">By slot, whether it needs a gradient.</param>
/// <param name="Uses">By slot below the first interior one, how many operands read it.</param>
internal readonly record struct TapeLeaves(Value[] Leaves, bool[] NeedsGrad, int[] Uses)
{
    /// <summary>The leaves, needs and uses of <paramref name="tape"/>'s slots.</summary>
    internal static TapeLeaves Of(Tape tape, Value[] leaves)
    {
        var uses = new int[tape.FirstInterior];
        foreach (int operand in tape.Operands)
            if (operand < uses.Length) uses[operand]++;
        return new TapeLeaves(leaves, tape.NeedsGrad, uses);
    }

    /// <summary>Whether slot <paramref name="slot"/> is a leaf that the whole tape reads once.</summary>
    internal bool ReadOnceAsLeaf(int slot) => slot < Leaves.Length && Uses[slot] == 1;
}
