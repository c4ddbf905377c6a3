using Bunit;
using Michigrad.Playground.Components;

namespace Michigrad.Playground.Tests.Components;

public sealed class LineChartTests : IDisposable
{
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void ALongSeries_IsDrawnWithAbout120WholePixelPointsEndingAtTheLastStep()
    {
        double[] losses = [.. Enumerable.Range(0, 1000).Select(i => 1.0 / (1 + i))];

        var chart = _context.Render<LineChart>(p => p.Add(c => c.Points, losses));

        string[] points = chart.Find("polyline").GetAttribute("points")!.Trim().Split(' ');
        Assert.InRange(points.Length, 100, 122);
        Assert.All(points, p => Assert.Matches(@"^\d+,\d+$", p));
        Assert.Equal("4,4", points[0]);      // the first, highest loss at the top left
        Assert.Equal("236,86", points[^1]);  // the last step, the lowest, at the bottom right
    }

    [Fact]
    public void AFixedRange_PlacesValuesWithinIt()
    {
        var chart = _context.Render<LineChart>(p => p.Add(c => c.Points, new[] { 0.0, 0.5, 1.0 }).Add(c => c.Range, (0.0, 1.0)));

        Assert.Equal("4,86 120,45 236,4", chart.Find("polyline").GetAttribute("points")!.Trim());
    }
}
