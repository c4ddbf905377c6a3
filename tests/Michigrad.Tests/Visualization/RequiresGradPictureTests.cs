using Michigrad.Visualization;

namespace Michigrad.Tests.Visualization;

/// <summary>A value that needs no gradient (data, a constant) is drawn with no grad line.</summary>
public class RequiresGradPictureTests
{
    private static (Value Root, Value Weight) WeightTimesConstant()
    {
        var w = new Value(0.5, "w");
        Value root = w * Value.Constant(2, "two");
        root.Label = "y";
        root.Backward();
        return (root, w);
    }

    [Fact]
    public void ToDot_DrawsNoGradForAConstant()
    {
        string dot = Graph.ToDot(WeightTimesConstant().Root);

        Assert.Contains("{ two | data 2.0000 }", dot);
        Assert.Contains("{ w | data 0.5000 | grad 2.0000 }", dot);
        Assert.Contains("{ y | data 1.0000 | grad 1.0000 }", dot);
    }

    [Fact]
    public void ToSvg_DrawsNoGradForAConstant()
    {
        string svg = Graph.ToSvg(WeightTimesConstant().Root);

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(svg, ">grad "));   // w and y, not two
        Assert.Contains(">data 2.0000<", svg);
    }
}
