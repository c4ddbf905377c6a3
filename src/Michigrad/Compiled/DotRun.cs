namespace Michigrad.Compiled;

/// <summary>
/// The stretch of a dot node's products that reads two runs of adjacent slots: pairs
/// <c>(Left + k, Right + k)</c> for <c>k</c> in <c>[0, Length)</c>, starting at pair <see cref="FirstPair"/> of the
/// node's operands. The sweeps stream it with SIMD (see <see cref="SimdKernels"/>) instead of gathering it.
/// </summary>
/// <param name="FirstPair">The index of the stretch's first pair among the node's operand pairs.</param>
/// <param name="Length">How many pairs the stretch holds.</param>
/// <param name="Left">The slot of the first left factor (a neuron's first weight).</param>
/// <param name="Right">The slot of the first right factor (the first input).</param>
internal readonly record struct DotRun(int FirstPair, int Length, int Left, int Right)
{
    /// <summary>Whether any left factor needs a gradient (set once the tape knows).</summary>
    public bool LeftNeedsGrad { get; init; }

    /// <summary>Whether any right factor needs a gradient (set once the tape knows).</summary>
    public bool RightNeedsGrad { get; init; }
}
