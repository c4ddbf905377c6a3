namespace Michigrad.Tests;

public class SmokeTests
{
    [Fact]
    public void SharedSubExpression_IsCountedOnce()
    {
        var a = new Value(1, "a");
        var b = a * 2;
        var c = b + 1;
        var d = b * 3;
        var e = c + d;
        e.Backward();
        Assert.Equal(8, a.Grad);
    }
}
