using System.Diagnostics;
using Michigrad.Visualization;

namespace Michigrad.Tests.Visualization;

[Collection(GraphvizCollection.Name)]
public sealed class RenderCancellationTests : IDisposable
{
    private readonly TempFolder _tools = new();
    private readonly TempFolder _out = new();

    public void Dispose()
    {
        _tools.Dispose();
        _out.Dispose();
    }

    [Fact]
    public void Render_CancelledWhileDotRuns_StopsItAtOnceAndWritesNothing()
    {
        // A dot that starts writing a picture and then hangs, as a huge layout does.
        FakeDot.Create(_tools.Path, "echo '<svg viewBox=\"0 0 8 8\">' > \"$3\"\nexec sleep 30");
        string path = _out.File("graph.svg");
        File.WriteAllText(path, "the old picture");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Graph.Render(SampleGraphs.SeedNeuron(), path, RankDir.LR, _tools.Path, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("the old picture", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_out.Path));   // no temporary file left
    }

    [Fact]
    public void RenderHtml_AlreadyCancelled_WritesNothing()
    {
        string path = _out.File("graph.html");

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Graph.RenderHtml(SampleGraphs.SeedNeuron(), path, RankDir.LR, new CancellationToken(canceled: true)));

        Assert.False(File.Exists(path));
    }
}
