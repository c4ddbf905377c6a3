using Michigrad.TestSupport;
using System.Text.Json;
using System.Text.RegularExpressions;
using Michigrad.Visualization;

namespace Michigrad.Tests.Visualization;

// The Graphviz case runs dot (apt package graphviz, installed on the test machines); the browser tests of the same
// page are in Michigrad.Interactive.Tests.
[Collection(GraphvizCollection.Name)]
public sealed class RenderHtmlTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [FactNeeding(ExternalTool.Graphviz)]
    public void RenderHtml_WithGraphviz_WritesOnePageWithTheGraphvizPictureInline()
    {
        string path = _folder.File("graph.html");

        Graph.RenderHtml(SampleGraphs.SeedNeuron(), path);

        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("data-layout=\"graphviz\"", html);
        Assert.Contains("<title>n9</title>", html);      // Graphviz keeps the DOT node names the script relies on
        Assert.Contains("data 1.4911", html);
        Assert.DoesNotContain("<?xml", html);            // the SVG's prolog is stripped before it is inlined
        Assert.Equal(["graph.html"], _folder.FileNames());
    }

    [Fact]
    public void RenderHtml_LoadsNothingFromOutside()
    {
        string path = _folder.File("graph.html");

        Graph.RenderHtml(SampleGraphs.SeedNeuron(), path);

        string html = File.ReadAllText(path);
        Assert.Contains("content=\"default-src 'none';", html);
        Assert.DoesNotMatch(new Regex(@"<(script|img|link|iframe)[^>]*\s(src|href)=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"(href|src)=""(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("@import", html);
    }

    [Fact]
    public void RenderHtml_EmbedsEveryNodeWithFullPrecisionNumbersAndOperands()
    {
        string path = _folder.File("graph.html");
        Value loss = SampleGraphs.SeedNeuron();

        Graph.RenderHtml(loss, path);

        using JsonDocument data = ReadNodes(path);
        JsonElement nodes = data.RootElement.GetProperty("nodes");
        Assert.Equal(10, nodes.GetArrayLength());
        JsonElement root = nodes[9];
        Assert.Equal("L", root.GetProperty("label").GetString());
        Assert.Equal("-", root.GetProperty("op").GetString());
        Assert.Equal(1.4910694698329305, root.GetProperty("data").GetDouble());   // the seed notebook's L
        Assert.Equal(1.0, root.GetProperty("grad").GetDouble());
        Assert.Equal(2, root.GetProperty("children").GetArrayLength());
        JsonElement w0 = nodes.EnumerateArray().Single(n => n.GetProperty("label").GetString() == "W₀");
        Assert.Equal(-0.26121149393241616, w0.GetProperty("grad").GetDouble());   // dL/dW₀ from the seed notebook
        Assert.Equal("", w0.GetProperty("op").GetString());
    }

    [Fact]
    public void RenderHtml_WithoutGraphviz_LaysTheGraphOutItselfAndSaysSo()
    {
        string path = _folder.File("graph.html");

        HtmlPage.Write(SampleGraphs.SeedNeuron(), path, RankDir.LR, searchPath: "");

        string html = File.ReadAllText(path);
        Assert.Contains("data-layout=\"builtin\"", html);
        Assert.Contains("without Graphviz", html);
        // Same naming as Graphviz's SVG: 10 value groups n0..n9 and 5 op groups, one edge group per arrow.
        Assert.Equal(15, Regex.Count(html, "<g class=\"node\"[ >]"));
        Assert.Equal(14, Regex.Count(html, "<g class=\"edge\">"));   // 9 operand edges and 5 op → value edges
        Assert.Contains("<title>n9-</title>", html);
        Assert.Contains("data 1.4911", html);
    }

    [Fact]
    public void RenderHtml_LabelsCannotBreakOutOfThePage()
    {
        string path = _folder.File("graph.html");
        var evil = new Value(1, "</script><script>alert(1)</script><b>&");
        Value root = evil * 2;
        root.Label = "\"quoted\" <svg>";

        HtmlPage.Write(root, path, RankDir.TB, searchPath: "");
        string builtin = File.ReadAllText(path);
        Graph.RenderHtml(root, path, RankDir.TB);
        string graphviz = File.ReadAllText(path);

        foreach (string html in new[] { builtin, graphviz })
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<b>&", html);
            Assert.Equal(2, Regex.Count(html, "<script"));   // the data and the page's own script, nothing else
        }
        using JsonDocument nodes = ReadNodes(path);
        Assert.Equal("</script><script>alert(1)</script><b>&", nodes.RootElement.GetProperty("nodes")[0].GetProperty("label").GetString());
        Assert.Contains("<title>Michigrad graph: &quot;quoted&quot; &lt;svg&gt;</title>", graphviz);
    }

    [Fact]
    public void RenderHtml_NonFiniteNumbersAreWrittenAsText()
    {
        string path = _folder.File("graph.html");
        Value root = new Value(0, "zero").Log() * double.NaN;

        HtmlPage.Write(root, path, RankDir.LR, searchPath: "");

        using JsonDocument data = ReadNodes(path);
        JsonElement nodes = data.RootElement.GetProperty("nodes");
        Assert.Contains(nodes.EnumerateArray(), n => n.GetProperty("data").ValueKind == JsonValueKind.String &&
                                                     n.GetProperty("data").GetString() == "-Infinity");
        Assert.Equal("NaN", nodes[nodes.GetArrayLength() - 1].GetProperty("data").GetString());
    }

    [Fact]
    public void RenderHtml_BuiltInLayout_HandlesADeepChainWithoutRecursion()
    {
        string path = _folder.File("graph.html");

        HtmlPage.Write(SampleGraphs.AdditionChain(20_000), path, RankDir.LR, searchPath: "");

        using JsonDocument data = ReadNodes(path);
        Assert.Equal(20_002, data.RootElement.GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public void RenderHtml_ReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        string path = _folder.File("graph.html");
        File.WriteAllText(path, "old");

        Graph.RenderHtml(SampleGraphs.SeedNeuron(), path);

        Assert.NotEqual("old", File.ReadAllText(path));
        Assert.Equal(["graph.html"], _folder.FileNames());
    }

    [Fact]
    public void RenderHtml_MissingFolder_ThrowsDirectoryNotFound()
    {
        string path = Path.Combine(_folder.Path, "missing", "graph.html");

        Assert.Throws<DirectoryNotFoundException>(() => Graph.RenderHtml(SampleGraphs.SeedNeuron(), path));
    }

    [Fact]
    public void RenderHtml_RejectsBadArguments()
    {
        Assert.Throws<ArgumentNullException>(() => Graph.RenderHtml(null!, _folder.File("g.html")));
        Assert.Throws<ArgumentException>(() => Graph.RenderHtml(new Value(1), " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => Graph.RenderHtml(new Value(1), _folder.File("g.html"), (RankDir)7));
        Assert.Empty(_folder.FileNames());
    }

    /// <summary>The JSON in the page's <c>graph-data</c> script element.</summary>
    [Fact]
    public void RenderHtml_GivesAValueThatNeedsNoGradientANullGrad()
    {
        string path = _folder.File("graph.html");
        var w = new Value(0.5, "w");
        Value y = w * Value.Constant(2, "two");
        y.Backward();

        Graph.RenderHtml(y, path);

        using JsonDocument data = ReadNodes(path);
        JsonElement[] nodes = data.RootElement.GetProperty("nodes").EnumerateArray().ToArray();
        JsonElement two = nodes.Single(n => n.GetProperty("label").GetString() == "two");
        JsonElement weight = nodes.Single(n => n.GetProperty("label").GetString() == "w");
        Assert.Equal(JsonValueKind.Null, two.GetProperty("grad").ValueKind);
        Assert.Equal(2.0, weight.GetProperty("grad").GetDouble());
        Assert.Contains("needs no gradient", File.ReadAllText(path));   // what the details panel says for it
    }

    private static JsonDocument ReadNodes(string path)
    {
        string html = File.ReadAllText(path);
        Match match = Regex.Match(html, "<script id=\"graph-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success, "no graph-data script in the page");
        return JsonDocument.Parse(match.Groups[1].Value);
    }
}
