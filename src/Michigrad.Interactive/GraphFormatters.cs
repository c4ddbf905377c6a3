using System.Globalization;
using System.Net;
using Michigrad.Visualization;
using Microsoft.DotNet.Interactive.Formatting;

namespace Michigrad.Interactive;

/// <summary>
/// Makes a <see cref="Value"/>, and a module's output (a list of values), display in a .NET Interactive (Polyglot)
/// notebook as its graph picture with data and gradients, as the seed notebook's <c>show_graph</c> does.
/// </summary>
/// <example>
/// <code>
/// #r "../src/Michigrad.Interactive/bin/Release/net10.0/Michigrad.Interactive.dll"
/// Michigrad.Interactive.GraphFormatters.Register();
/// L   // the last expression of a cell now shows as a picture
/// </code>
/// </example>
/// <remarks>
/// The picture is SVG drawn by Graphviz's <c>dot</c>. Where Graphviz is not installed (or fails), the cell shows the
/// DOT text and says why, so it can be pasted into any Graphviz viewer. A graph larger than <see cref="MaxNodes"/>
/// is summarised instead of drawn: <see cref="Graph.RenderHtml(Value, string, RankDir)"/> makes a page to explore it.
/// </remarks>
public static class GraphFormatters
{
    /// <summary>The largest graph drawn inline, in values; larger ones are summarised. 1000 by default.</summary>
    public static int MaxNodes { get; set; } = 1000;

    /// <summary>The direction pictures flow in; <see cref="RankDir.LR"/> (left to right) by default.</summary>
    public static RankDir RankDir { get; set; } = RankDir.LR;

    /// <summary>Registers the HTML formatters for <see cref="Value"/> and <see cref="IReadOnlyList{T}"/> of values
    /// (what <c>Module.Forward</c> returns). Calling it again is harmless.</summary>
    public static void Register()
    {
        Formatter.Register<Value>((value, writer) => writer.Write(ToHtml(value)), HtmlFormatter.MimeType);
        Formatter.Register<IReadOnlyList<Value>>((values, writer) => writer.Write(ToHtml(values)), HtmlFormatter.MimeType);
    }

    /// <summary>The HTML a notebook shows for <paramref name="value"/>: a caption and the graph's SVG, or the DOT
    /// text with the reason it was not drawn.</summary>
    /// <param name="value">The root of the graph to show.</param>
    public static string ToHtml(Value value) => ToHtml([value], RenderSvg);

    /// <summary>The HTML a notebook shows for a module's output: one graph per value.</summary>
    /// <param name="values">The values, for example what <c>model.Forward(x)</c> returned.</param>
    public static string ToHtml(IReadOnlyList<Value> values) => ToHtml(values, RenderSvg);

    /// <summary>As <see cref="ToHtml(IReadOnlyList{Value})"/> with the SVG drawn by <paramref name="renderSvg"/>,
    /// so a test can stand in for a machine without Graphviz.</summary>
    internal static string ToHtml(IReadOnlyList<Value> values, Func<Value, RankDir, string> renderSvg)
    {
        ArgumentNullException.ThrowIfNull(values);
        var html = new System.Text.StringBuilder("<div class=\"michigrad-graph\">");
        for (int i = 0; i < values.Count; i++)
        {
            Value value = values[i] ?? throw new ArgumentException($"values[{i}] is null.", nameof(values));
            string caption = values.Count == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"[{i}] ");
            html.Append("<p><code>").Append(WebUtility.HtmlEncode(caption + value)).Append("</code></p>\n");
            AppendGraph(html, value, renderSvg);
        }
        return html.Append("</div>").ToString();
    }

    private static void AppendGraph(System.Text.StringBuilder html, Value value, Func<Value, RankDir, string> renderSvg)
    {
        int count = Graph.Trace(value).Nodes.Count;
        if (count > MaxNodes)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<p>A graph of {count} values is too large to draw here (GraphFormatters.MaxNodes is {MaxNodes}). ");
            html.Append("<code>Graph.RenderHtml(value, \"graph.html\")</code> writes a page to explore it.</p>\n");
            return;
        }
        try
        {
            html.Append(renderSvg(value, RankDir)).Append('\n');
        }
        catch (InvalidOperationException e)   // GraphvizNotFoundException, or dot itself failed
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(e.Message)).Append(" The DOT text of the graph:</p>\n");
            html.Append("<pre>").Append(WebUtility.HtmlEncode(Graph.ToDot(value, RankDir))).Append("</pre>\n");
        }
    }

    /// <summary>Graphviz's SVG, without the XML prolog that has no place inside HTML.</summary>
    private static string RenderSvg(Value value, RankDir rankDir)
    {
        string path = Path.Combine(Path.GetTempPath(), $"michigrad-{Guid.NewGuid():N}.svg");
        try
        {
            Graph.Render(value, path, rankDir);
            string svg = File.ReadAllText(path);
            int start = svg.IndexOf("<svg", StringComparison.Ordinal);
            return start < 0 ? throw new InvalidOperationException("Graphviz wrote no <svg> element.") : svg[start..];
        }
        finally
        {
            File.Delete(path);
        }
    }
}
