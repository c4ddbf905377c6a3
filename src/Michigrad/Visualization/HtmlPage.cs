using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Michigrad.Autograd;
using Michigrad.IO;

namespace Michigrad.Visualization;

/// <summary>
/// Writes the interactive page of <see cref="Graph.RenderHtml(Value, string, RankDir)"/>: the graph as inline SVG (laid out by Graphviz when
/// it is installed, by <see cref="HtmlPageLayout"/> otherwise), the nodes' numbers as JSON, and a small inline
/// script for pan, zoom and the detail panel.
/// </summary>
internal static class HtmlPage
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the page for the graph under <paramref name="root"/>, looking for Graphviz's <c>dot</c> in
    /// <paramref name="searchPath"/> (a <c>PATH</c>-style list; null or empty means "not installed").</summary>
    internal static void Write(Value root, string path, RankDir rankDir, string? searchPath, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (rankDir is not (RankDir.LR or RankDir.TB))
            throw new ArgumentOutOfRangeException(nameof(rankDir), rankDir, "Use RankDir.LR or RankDir.TB.");

        List<Value> nodes = TopologicalOrder.Of(root);
        string? dot = GraphvizRunner.FindExecutable("dot", searchPath);
        string svg = dot is null ? HtmlPageLayout.Svg(nodes, rankDir) : GraphvizSvg(dot, root, rankDir, cancellation);
        string layout = dot is null ? "builtin" : "graphviz";
        string html = HtmlPageTemplate.Compose(root.Label, svg, NodesJson(nodes, layout), layout);
        cancellation.ThrowIfCancellationRequested();
        AtomicFile.Write(path, temporary => File.WriteAllText(temporary, html, Utf8NoBom));
    }

    /// <summary>Graphviz's SVG for the same DOT text as <see cref="Graph.ToDot"/>, so node <c>n7</c> and op node
    /// <c>n7*</c> keep their names (in each group's <c>&lt;title&gt;</c>), which the script relies on.</summary>
    private static string GraphvizSvg(string dot, Value root, RankDir rankDir, CancellationToken cancellation)
    {
        var text = new StringBuilder();
        DotWriter.Append(text, root, rankDir);
        string temporary = Path.Combine(Path.GetTempPath(), $"michigrad-{Guid.NewGuid():N}.svg");
        try
        {
            GraphvizRunner.Run(dot, "svg", text, temporary, cancellation);
            string svg = File.ReadAllText(temporary, Encoding.UTF8);
            // The XML prolog, DOCTYPE and comments before the root element have no place inside an HTML body.
            int start = svg.IndexOf("<svg", StringComparison.Ordinal);
            return start < 0 ? throw new InvalidOperationException("Graphviz's dot wrote no <svg> element.") : svg[start..];
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The nodes in topological order (index i is DOT node <c>n{i}</c>) with their numbers and operands.</summary>
    /// <remarks>The default encoder escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so no label can close the
    /// script element it sits in. Numbers keep full precision; non-finite ones are written as strings, since JSON
    /// has no NaN.</remarks>
    private static string NodesJson(List<Value> nodes, string layout)
    {
        var ids = new Dictionary<Value, int>(nodes.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++)
            ids.Add(nodes[i], i);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            json.WriteStartObject();
            json.WriteString("layout", layout);
            json.WriteStartArray("nodes");
            foreach (Value node in nodes)
            {
                json.WriteStartObject();
                json.WriteString("label", node.Label ?? "");
                json.WriteString("op", node.Op);
                WriteNumber(json, "data", node.Data);
                if (node.RequiresGrad) WriteNumber(json, "grad", node.Grad);
                else json.WriteNull("grad");   // data and constants have no gradient
                json.WriteStartArray("children");
                for (int k = 0, arity = node.Arity; k < arity; k++) json.WriteNumberValue(ids[node.ChildAt(k)]);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
    }
}
