using System.Text.RegularExpressions;
using System.Xml.Linq;
using Michigrad.Visualization;

namespace Michigrad.Tests.Visualization;

public sealed class ToSvgTests
{
    [Fact]
    public void ToSvg_DrawsOneBoxPerValueAndOneCirclePerOperation()
    {
        Value loss = SampleGraphs.SeedNeuron();

        XElement svg = XElement.Parse(Graph.ToSvg(loss));

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Name);
        Assert.Equal(10, svg.Descendants(ns + "rect").Count());
        Assert.Equal(5, svg.Descendants(ns + "ellipse").Count());
        // One edge per operand (9) and one from each operation to its result (5).
        Assert.Equal(14, svg.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "edge"));
    }

    [Fact]
    public void ToSvg_NamesEachValueByItsPositionInTheTrace()
    {
        Value loss = SampleGraphs.SeedNeuron();
        IReadOnlyList<Value> nodes = Graph.Trace(loss).Nodes;

        XElement svg = XElement.Parse(Graph.ToSvg(loss));

        XNamespace ns = "http://www.w3.org/2000/svg";
        for (int i = 0; i < nodes.Count; i++)
        {
            XElement group = svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("data-node") == i.ToString());
            string text = string.Join("|", group.Elements(ns + "text").Select(t => t.Value));
            Assert.Equal($"{nodes[i].Label}|data {nodes[i].Data:F4}|grad {nodes[i].Grad:F4}", text);
        }
        int operations = nodes.Count(n => n.Op.Length > 0);
        Assert.Equal(operations, svg.Descendants(ns + "g").Count(g => g.Attribute("data-op") is not null));
    }

    [Fact]
    public void ToSvg_EscapesLabelsAndNeedsNoGraphviz()
    {
        var a = new Value(1, "<a & b>");
        Value b = a * 2;

        string svg = Graph.ToSvg(b, RankDir.TB);

        Assert.Contains("&lt;a &amp; b&gt;", svg);
        Assert.DoesNotMatch(new Regex("<a & b>"), svg);
        XElement.Parse(svg);   // well-formed
    }

    [Fact]
    public void ToSvg_RejectsANullRootAndAnUnknownDirection()
    {
        Assert.Throws<ArgumentNullException>(() => Graph.ToSvg(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Graph.ToSvg(new Value(1), (RankDir)7));
    }
}
