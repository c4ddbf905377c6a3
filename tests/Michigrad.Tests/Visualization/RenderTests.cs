using Michigrad.TestSupport;
using System.Text;
using Michigrad.Visualization;

namespace Michigrad.Tests.Visualization;

// These run Graphviz's dot, which is installed on the test machines (apt package graphviz).
[Collection(GraphvizCollection.Name)]
public sealed class RenderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [FactNeeding(ExternalTool.Graphviz)]
    public void Render_Svg_WritesAnSvgPicture()
    {
        string path = _folder.File("graph.svg");

        Graph.Render(SampleGraphs.SeedNeuron(), path);

        string svg = File.ReadAllText(path);
        Assert.Contains("<svg", svg);
        Assert.Contains("data 1.4911", svg);
        Assert.Equal(["graph.svg"], _folder.FileNames());
    }

    [FactNeeding(ExternalTool.Graphviz)]
    public void Render_Png_WritesAPngPicture()
    {
        string path = _folder.File("graph.png");

        Graph.Render(SampleGraphs.SeedNeuron(), path, RankDir.TB);

        byte[] png = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png.Take(8));
        Assert.Equal(["graph.png"], _folder.FileNames());
    }

    [FactNeeding(ExternalTool.Graphviz)]
    public void Render_Pdf_WritesAPdfDocument()
    {
        string path = _folder.File("graph.pdf");

        Graph.Render(SampleGraphs.SeedNeuron(), path);

        Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(path).Take(5));
    }

    [FactNeeding(ExternalTool.Graphviz)]
    public void Render_ChoosesTheFormatWhateverTheExtensionsCase()
    {
        string path = _folder.File("graph.SVG");

        Graph.Render(SampleGraphs.SeedNeuron(), path);

        Assert.Contains("<svg", File.ReadAllText(path));
    }

    [FactNeeding(ExternalTool.Graphviz)]
    public void Render_EscapedLabelsAreAcceptedByGraphviz()
    {
        Value tricky = new Value(1, "a|b{c}\"d<e>\\f\nsecond line") * new Value(2, "<port>");
        Value root = tricky.Pow(-0.5);
        string path = _folder.File("tricky.svg");

        Graph.Render(root, path);

        string svg = File.ReadAllText(path);
        Assert.Contains(">a|b{c}&quot;d&lt;e&gt;\\f</text>", svg);
        Assert.Contains(">second line</text>", svg);
        Assert.Contains(">&lt;port&gt;</text>", svg);
        Assert.Contains(">**&#45;0.5</text>", svg);
    }

    [FactNeeding(ExternalTool.Graphviz)]
    public void Render_ReplacesAnExistingFile()
    {
        string path = _folder.File("graph.svg");
        File.WriteAllText(path, "old");

        Graph.Render(SampleGraphs.SeedNeuron(), path);

        Assert.Contains("<svg", File.ReadAllText(path));
        Assert.Equal(["graph.svg"], _folder.FileNames());
    }

    [Fact]
    public void Render_Dot_WritesTheDotTextWithoutGraphviz()
    {
        Value root = SampleGraphs.SeedNeuron();
        string path = _folder.File("graph.dot");
        File.WriteAllText(path, "old");

        Graph.Render(root, path, RankDir.TB, searchPath: "");

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(Graph.ToDot(root, RankDir.TB), Encoding.UTF8.GetString(bytes));
        Assert.NotEqual(0xEF, bytes[0]);   // no byte-order mark
        Assert.Equal(["graph.dot"], _folder.FileNames());
    }

    [Fact]
    public void Render_WithoutGraphviz_SaysHowToInstallIt()
    {
        var e = Assert.Throws<GraphvizNotFoundException>(
            () => Graph.Render(SampleGraphs.SeedNeuron(), _folder.File("graph.svg"), RankDir.LR, searchPath: ""));

        Assert.IsAssignableFrom<InvalidOperationException>(e);
        Assert.Contains("'dot'", e.Message);
        Assert.Contains("PATH", e.Message);
        Assert.Contains("sudo apt-get install graphviz", e.Message);
        Assert.Contains("brew install graphviz", e.Message);
        Assert.Contains("winget install graphviz", e.Message);
        Assert.Contains("'.dot' file, which needs nothing", e.Message);
    }

    [Fact]
    public void Render_WithoutGraphviz_LeavesNoFileBehind()
    {
        Assert.Throws<GraphvizNotFoundException>(
            () => Graph.Render(SampleGraphs.SeedNeuron(), _folder.File("graph.png"), RankDir.LR, searchPath: null));

        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public void Render_WithoutGraphviz_LeavesAnExistingFileAsItWas()
    {
        string path = _folder.File("graph.svg");
        File.WriteAllText(path, "old picture");

        Assert.Throws<GraphvizNotFoundException>(
            () => Graph.Render(SampleGraphs.SeedNeuron(), path, RankDir.LR, searchPath: _folder.Path));

        Assert.Equal("old picture", File.ReadAllText(path));
        Assert.Equal(["graph.svg"], _folder.FileNames());
    }

    [Theory]
    [InlineData("graph.jpg", "'.jpg'")]
    [InlineData("graph", "no extension")]
    [InlineData("graph.svg.txt", "'.txt'")]
    public void Render_UnsupportedExtension_ThrowsNamingItAndTheSupportedOnes(string name, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => Graph.Render(SampleGraphs.SeedNeuron(), _folder.File(name)));

        Assert.Equal("path", e.ParamName);
        Assert.Contains(named, e.Message);
        Assert.Contains(".svg, .png, .pdf and .dot", e.Message);
        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public void Render_IntoAMissingFolder_ThrowsDirectoryNotFound()
    {
        string path = Path.Combine(_folder.Path, "missing", "graph.svg");

        Assert.Throws<DirectoryNotFoundException>(() => Graph.Render(SampleGraphs.SeedNeuron(), path));
    }

    [Fact]
    public void Render_WhenDotFails_ThrowsWithItsErrorOutputAndLeavesOnlyTheOldTarget()
    {
        using var bin = new TempFolder();
        // Writes half a picture first, as a real dot can: that temporary file must not survive.
        FakeDot.Create(bin.Path, "echo '<svg' > \"$3\"\necho 'Error: syntax error in line 1' >&2\nexit 3");
        string path = _folder.File("graph.svg");
        File.WriteAllText(path, "old picture");

        var e = Assert.Throws<InvalidOperationException>(
            () => Graph.Render(SampleGraphs.SeedNeuron(), path, RankDir.LR, bin.Path));

        Assert.Contains("exited with code 3", e.Message);
        Assert.Contains("Error: syntax error in line 1", e.Message);
        Assert.Equal("old picture", File.ReadAllText(path));
        Assert.Equal(["graph.svg"], _folder.FileNames());
    }

    [Fact]
    public void Render_WhenDotFailsBeforeReadingItsInput_StillReportsItsError()
    {
        using var bin = new TempFolder();
        FakeDot.Create(bin.Path, "echo 'Error: cannot start' >&2\nexec 0<&-\nexit 1");
        Value big = SampleGraphs.AdditionChain(20_000);   // far more DOT text than a pipe holds

        var e = Assert.Throws<InvalidOperationException>(
            () => Graph.Render(big, _folder.File("graph.svg"), RankDir.LR, bin.Path));

        Assert.Contains("Error: cannot start", e.Message);
        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public void Render_ReadsDotsErrorOutputWhileFeedingIt()
    {
        using var bin = new TempFolder();
        // Fills its stderr pipe many times over before reading any input, then copies its input to the output.
        FakeDot.Create(bin.Path, "head -c 1048576 /dev/zero | tr '\\0' 'x' >&2\ncat > \"$3\"");
        Value big = SampleGraphs.AdditionChain(20_000);
        string path = _folder.File("graph.svg");

        Graph.Render(big, path, RankDir.TB, bin.Path);

        Assert.Equal(Graph.ToDot(big, RankDir.TB), File.ReadAllText(path));
        Assert.Equal(["graph.svg"], _folder.FileNames());
    }

    [Fact]
    public void Render_WhenDotSucceedsWithoutOutput_Throws()
    {
        using var bin = new TempFolder();
        FakeDot.Create(bin.Path, "cat > /dev/null");

        Assert.Throws<InvalidOperationException>(
            () => Graph.Render(SampleGraphs.SeedNeuron(), _folder.File("graph.svg"), RankDir.LR, bin.Path));

        Assert.Empty(_folder.FileNames());
    }

    [Fact]
    public void Render_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Graph.Render(null!, _folder.File("graph.dot")));
        Assert.Throws<ArgumentNullException>(() => Graph.Render(new Value(1), null!));
        Assert.Throws<ArgumentException>(() => Graph.Render(new Value(1), " "));
    }
}
