using Michigrad.Compiled;

namespace Michigrad.Tests.Compiled;

public class LargeGraphTests
{
    private const int Length = 1_000_000;

    [Fact]
    public void ChainOfAMillionAdditions_CompilesAndRunsWithoutRecursion()
    {
        var x = new Value(0.5);
        Value sum = x;
        for (int i = 0; i < Length; i++) sum = sum + x;   // x used a million and one times

        CompiledGraph compiled = Compiler.Compile(sum);
        compiled.Backward();
        Assert.Equal(0.5 * (Length + 1), compiled.Output);
        Assert.Equal(Length + 1, x.Grad);
        Assert.Equal(1, compiled.Statistics.TapeNodeCount);
        Assert.True(compiled.Statistics.BytesPerOriginalNode <= 40);
    }

    [Fact]
    public void DeepChainOfUnfusedNodes_MatchesTheObjectGraph()
    {
        var x = new Value(0.25);
        Value node = x;
        for (int i = 0; i < Length; i++) node = i % 2 == 0 ? (node - x).Tanh() : -node;

        CompiledGraph compiled = Agreement.AssertCompiledMatches(node);
        Assert.Equal(3 * Length / 2, compiled.Statistics.TapeNodeCount);
        Assert.True(compiled.Statistics.BytesPerOriginalNode <= 40, $"{compiled.Statistics.BytesPerOriginalNode} bytes per node");
    }

    [Fact]
    public void RightLeaningSum_StaysCorrect()
    {
        var leaves = Enumerable.Range(0, 100_000).Select(i => new Value(1.0 / (i + 1))).ToArray();
        Value sum = leaves[^1];
        for (int i = leaves.Length - 2; i >= 0; i--) sum = leaves[i] * leaves[i] + sum;
        Agreement.AssertCompiledMatches(sum);
    }
}
