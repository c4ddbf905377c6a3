using Michigrad.NN;
using Michigrad.Visualization;
using Microsoft.DotNet.Interactive.Formatting;

namespace Michigrad.Interactive.Tests.Formatting;

// Graphviz's dot is installed on the test machines (apt package graphviz); its absence is simulated.
public sealed class GraphFormattersTests
{
    [Fact]
    public void Register_MakesAValueDisplayAsItsGraphvizPicture()
    {
        GraphFormatters.Register();
        Value loss = SeedLoss();

        string html = loss.ToDisplayString(HtmlFormatter.MimeType);

        Assert.StartsWith("<div class=\"michigrad-graph\">", html);
        Assert.Contains("<svg", html);
        Assert.Contains("data 1.4911", html);        // L, as the seed notebook's show_graph(L) shows it
        Assert.Contains("grad &#45;0.2612", html);   // dL/dW₀ (Graphviz writes '-' as &#45;)
        Assert.DoesNotContain("<?xml", html);
    }

    [Fact]
    public void Register_MakesAModulesOutputDisplayAsOneGraphPerValue()
    {
        GraphFormatters.Register();
        var layer = new Layer(2, 3, seed: 1);
        IReadOnlyList<Value> output = layer.Forward(1.0, -2.0);

        string html = output.ToDisplayString(HtmlFormatter.MimeType);

        Assert.Equal(3, CountOf(html, "<svg"));
        Assert.Contains("[0] Value(", html);
        Assert.Contains("[2] Value(", html);
    }

    [Fact]
    public void ToHtml_WithoutGraphviz_ShowsWhyAndTheDotText()
    {
        Value loss = SeedLoss();

        string html = GraphFormatters.ToHtml([loss], (_, _) => throw new GraphvizNotFoundException());

        Assert.DoesNotContain("<svg", html);
        Assert.Contains("was not found on PATH", html);
        Assert.Contains("<pre>digraph michigrad {", html);
        Assert.Contains("data 1.4911 | grad 1.0000", html);
    }

    [Fact]
    public void ToHtml_EscapesLabelsOutsideTheSvg()
    {
        var a = new Value(1, "<b>bold</b>");

        string html = GraphFormatters.ToHtml([a], (_, _) => throw new GraphvizNotFoundException());

        Assert.DoesNotContain("<b>bold", html);
        Assert.Contains("&lt;b&gt;bold", html);
    }

    [Fact]
    public void ToHtml_AGraphLargerThanMaxNodes_IsSummarisedNotDrawn()
    {
        Value sum = new Value(0, "start");
        for (int i = 0; i < 50; i++) sum += 1.0;
        int saved = GraphFormatters.MaxNodes;
        try
        {
            GraphFormatters.MaxNodes = 20;
            string html = GraphFormatters.ToHtml([sum], (_, _) => throw new InvalidOperationException("not called"));

            Assert.Contains("A graph of 101 values is too large", html);
            Assert.Contains("Graph.RenderHtml", html);
        }
        finally
        {
            GraphFormatters.MaxNodes = saved;
        }
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
            count++;
        return count;
    }

    /// <summary>The seed notebook's example after L.Backward().</summary>
    private static Value SeedLoss()
    {
        var w0 = new Value(-0.5, "W₀");
        var x0 = new Value(0.5, "x₀");
        var w1 = new Value(-0.3, "W₁");
        var x1 = new Value(2, "x₁");
        Value yHat = (w0 * x0 + w1 * x1).Tanh();
        Value loss = new Value(0.8, "y") - yHat;
        loss.Label = "L";
        loss.Backward();
        return loss;
    }
}
