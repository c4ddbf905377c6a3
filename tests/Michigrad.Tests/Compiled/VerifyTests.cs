using Michigrad.Compiled;

namespace Michigrad.Tests.Compiled;

public class VerifyTests
{
    [Fact]
    public void ABranchOnData_IsReportedWithTheNodeThatDiffers()
    {
        var x = new Value(2.0, "x");
        Value Build() => (x.Data > 0 ? x : -x) * 3;   // |x|·3, written with a branch a replay cannot follow
        CompiledGraph compiled = Build().Compile();

        x.Data = -3;
        compiled.Forward();
        Assert.Equal(-9.0, compiled.Output);   // the replay keeps the branch taken at x = 2

        var error = Assert.Throws<InvalidOperationException>(() => compiled.Verify(Build));
        Assert.Contains("'neg' node", error.Message);
        Assert.Contains("Value.Max/Min, Abs", error.Message);
    }

    [Fact]
    public void AConstantComputedFromData_IsReportedAsTheLeafThatDiffers()
    {
        var x = new Value(2.0, "x");
        Value Build() => (x - new Value(x.Data, "shift")).Exp();
        CompiledGraph compiled = Build().Compile();

        x.Data = 5;
        var error = Assert.Throws<InvalidOperationException>(() => compiled.Verify(Build));
        Assert.Contains("leaf 'shift'", error.Message);
        Assert.Contains("holds 5 in the rebuilt graph", error.Message);
        Assert.Contains("reads 2 from its own leaf", error.Message);
    }

    [Fact]
    public void TheSameOpsOnNewData_Pass()
    {
        var x = new Value(2.0, "x");
        Value Build() => x.Abs() * 3;
        CompiledGraph compiled = Build().Compile();

        x.Data = -3;
        compiled.Verify(Build);
        Assert.Equal(9.0, compiled.Output);   // Verify ran the forward pass
    }

    [Fact]
    public void AGraphOfAnotherSize_IsReported()
    {
        var x = new Value(1.0);
        CompiledGraph compiled = (x * 2).Compile();
        var error = Assert.Throws<InvalidOperationException>(() => compiled.Verify(() => x * 2 + 1));
        Assert.Contains("does not replay the rebuilt one", error.Message);
    }

    [Fact]
    public void NullRebuild_Throws()
    {
        CompiledGraph compiled = (new Value(1.0) * 2).Compile();
        Assert.Throws<ArgumentNullException>(() => compiled.Verify(null!));
        Assert.Throws<ArgumentNullException>(() => compiled.Verify(() => null!));
    }
}
