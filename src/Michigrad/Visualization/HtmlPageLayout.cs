using System.Globalization;
using System.Net;
using System.Text;

namespace Michigrad.Visualization;

/// <summary>
/// Lays out a graph without Graphviz, for <see cref="HtmlPage"/>: each value sits in the column of its depth (leaves
/// first), with its op node just before it, and edges are straight lines. Plainer than Graphviz, but it needs nothing
/// installed and gives the script the same structure: <c>g.node</c> and <c>g.edge</c> groups named by
/// <c>&lt;title&gt;</c> as in Graphviz's SVG. Each value's group also carries <c>data-node="i"</c> and each op's
/// <c>data-op="i"</c> (i its position in topological order), so a page can style one node.
/// </summary>
internal static class HtmlPageLayout
{
    private const double CharWidth = 7.5;   // a rough width of one character of the 13px sans-serif font
    private const double BoxHeight = 54;    // three lines: label, data, grad
    private const double OpRadius = 16;
    private const double Gap = 24;
    private const double OpSpan = 2 * OpRadius + 2 * Gap;   // room for an op node between two columns

    /// <summary>Returns the SVG of the graph whose nodes are <paramref name="nodes"/> in topological order.</summary>
    internal static string Svg(List<Value> nodes, RankDir rankDir)
    {
        var index = new Dictionary<Value, int>(nodes.Count, ReferenceEqualityComparer.Instance);
        var depth = new int[nodes.Count];
        var width = new double[nodes.Count];
        int maxDepth = 0;
        for (int i = 0; i < nodes.Count; i++)
        {
            Value node = nodes[i];
            index.Add(node, i);
            // Children come first in topological order, so their depths are known.
            for (int k = 0, arity = node.Arity; k < arity; k++)
                depth[i] = Math.Max(depth[i], depth[index[node.ChildAt(k)]] + 1);
            maxDepth = Math.Max(maxDepth, depth[i]);
        }
        // A leaf moves up to the column just before its first user, so a late input (a target y) sits by its op.
        var firstUse = new int[nodes.Count];
        Array.Fill(firstUse, int.MaxValue);
        for (int i = 0; i < nodes.Count; i++)
            foreach (Value child in nodes[i].Children)
                firstUse[index[child]] = Math.Min(firstUse[index[child]], depth[i] - 1);
        for (int i = 0; i < nodes.Count; i++)
        {
            Value node = nodes[i];
            if (node.Arity == 0 && firstUse[i] != int.MaxValue) depth[i] = firstUse[i];
            int chars = Math.Max(node.Label?.Length ?? 0, node.RequiresGrad ? FormatLine("grad", node.Grad).Length : 0);
            width[i] = Math.Max(FormatLine("data", node.Data).Length, chars) * CharWidth + 16;
        }

        // Along the flow: each depth is one column (LR) or row (TB) as wide as its widest box.
        var start = new double[maxDepth + 1];
        var extent = new double[maxDepth + 1];
        for (int i = 0; i < nodes.Count; i++)
            extent[depth[i]] = Math.Max(extent[depth[i]], rankDir == RankDir.LR ? width[i] : BoxHeight);
        for (int d = 1; d <= maxDepth; d++)
            start[d] = start[d - 1] + extent[d - 1] + OpSpan;

        // Across the flow: nodes of one depth are stacked in topological order.
        double across = rankDir == RankDir.LR ? BoxHeight + Gap : width.Max() + Gap;
        var slot = new int[maxDepth + 1];
        var x = new double[nodes.Count];   // centre of each box
        var y = new double[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            double along = start[depth[i]] + extent[depth[i]] / 2;
            double side = slot[depth[i]]++ * across + across / 2;
            (x[i], y[i]) = rankDir == RankDir.LR ? (along, side) : (side, along);
        }
        double totalAlong = start[maxDepth] + extent[maxDepth];
        double totalAcross = slot.Max() * across;
        (double w, double h) = rankDir == RankDir.LR ? (totalAlong, totalAcross) : (totalAcross, totalAlong);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-8 -8 {w + 16:0.##} {h + 16:0.##}\">\n");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" " +
                   "markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
        // Edges first, so that boxes are drawn over the lines that cross them.
        var shapes = new StringBuilder();
        for (int i = 0; i < nodes.Count; i++)
        {
            Value node = nodes[i];
            AppendBox(shapes, i, node, x[i], y[i], width[i]);
            if (node.Arity == 0) continue;

            // The op node sits in the gap just before its value, as in Graphviz's picture.
            double ox = rankDir == RankDir.LR ? x[i] - width[i] / 2 - Gap - OpRadius : x[i];
            double oy = rankDir == RankDir.LR ? y[i] : y[i] - BoxHeight / 2 - Gap - OpRadius;
            string op = WebUtility.HtmlEncode(node.Op);
            shapes.Append(CultureInfo.InvariantCulture,
                $"<g class=\"node\" data-op=\"{i}\"><title>n{i}{op}</title><ellipse cx=\"{ox:0.##}\" cy=\"{oy:0.##}\" rx=\"{OpRadius}\" " +
                $"ry=\"{OpRadius}\"/><text x=\"{ox:0.##}\" y=\"{oy + 4:0.##}\" text-anchor=\"middle\">{op}</text></g>\n");
            AppendEdge(svg, $"n{i}{op}", $"n{i}", ox, oy, OpRadius, OpRadius, x[i], y[i], width[i] / 2, BoxHeight / 2, rankDir);
            foreach (Value child in node.Children)
            {
                int c = index[child];
                AppendEdge(svg, $"n{c}", $"n{i}{op}", x[c], y[c], width[c] / 2, BoxHeight / 2, ox, oy, OpRadius, OpRadius,
                    rankDir);
            }
        }
        svg.Append(shapes).Append("</svg>");
        return svg.ToString();
    }

    private static void AppendBox(StringBuilder svg, int i, Value node, double cx, double cy, double width)
    {
        double left = cx - width / 2, top = cy - BoxHeight / 2;
        svg.Append(CultureInfo.InvariantCulture,
            $"<g class=\"node\" data-node=\"{i}\"><title>n{i}</title><rect x=\"{left:0.##}\" y=\"{top:0.##}\" width=\"{width:0.##}\" " +
            $"height=\"{BoxHeight}\" rx=\"4\"/>");
        // A value that needs no gradient (data, a constant) shows none, as the DOT records do.
        string[] lines = node.RequiresGrad
            ? [node.Label ?? "", FormatLine("data", node.Data), FormatLine("grad", node.Grad)]
            : [node.Label ?? "", FormatLine("data", node.Data)];
        for (int line = 0; line < lines.Length; line++)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{cx:0.##}\" y=\"{top + 15 + 16 * line:0.##}\" text-anchor=\"middle\">" +
                $"{WebUtility.HtmlEncode(lines[line])}</text>");
        }
        svg.Append("</g>\n");
    }

    /// <summary>A straight edge from the side of one shape to the facing side of the next, along the flow.</summary>
    private static void AppendEdge(StringBuilder svg, string from, string to, double x1, double y1, double halfW1,
        double halfH1, double x2, double y2, double halfW2, double halfH2, RankDir rankDir)
    {
        (double ax, double ay, double bx, double by) = rankDir == RankDir.LR
            ? (x1 + halfW1, y1, x2 - halfW2, y2)
            : (x1, y1 + halfH1, x2, y2 - halfH2);
        svg.Append(CultureInfo.InvariantCulture,
            $"<g class=\"edge\"><title>{WebUtility.HtmlEncode(from)}-&gt;{WebUtility.HtmlEncode(to)}</title>" +
            $"<path d=\"M{ax:0.##},{ay:0.##} L{bx:0.##},{by:0.##}\" marker-end=\"url(#arrow)\"/></g>\n");
    }

    /// <summary>The same text as the DOT records: 4 decimals in the invariant culture.</summary>
    private static string FormatLine(string name, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} {value:F4}");
}
