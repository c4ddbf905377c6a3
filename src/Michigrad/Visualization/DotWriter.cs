using System.Globalization;
using System.Text;
using Michigrad.Autograd;

namespace Michigrad.Visualization;

/// <summary>
/// Writes a graph as Graphviz DOT text in the style of micrograd's <c>draw_dot</c>: a record node
/// <c>{ label | data | grad }</c> per value, a small node per operation, and edges operand → operation → result.
/// </summary>
internal static class DotWriter
{
    /// <summary>Appends the DOT text of the graph under <paramref name="root"/> to <paramref name="text"/>.</summary>
    /// <remarks>Node ids are positions in topological order (<c>n0</c>, <c>n1</c>…), so equal-shaped graphs give
    /// identical text; the walk is iterative, so a chain of millions of nodes is fine.</remarks>
    internal static void Append(StringBuilder text, Value root, RankDir rankDir)
    {
        List<Value> nodes = TopologicalOrder.Of(root);
        // Values compare by reference anyway; the comparer makes that explicit and skips the virtual Equals.
        var ids = new Dictionary<Value, int>(nodes.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < nodes.Count; i++)
            ids.Add(nodes[i], i);

        text.Append("digraph michigrad {\n");   // named, so an SVG's title is not Graphviz's "%3"
        text.Append("  rankdir=").Append(rankDir == RankDir.TB ? "TB" : "LR").Append(";\n");
        for (int i = 0; i < nodes.Count; i++)
        {
            Value node = nodes[i];
            text.Append("  n").Append(i).Append(" [shape=record, label=\"{ ");
            AppendRecordField(text, node.Label ?? "");
            // A value that needs no gradient (data, a constant) has none to show, as in PyTorch.
            if (node.RequiresGrad) text.Append(CultureInfo.InvariantCulture, $" | data {node.Data:F4} | grad {node.Grad:F4} }}\"];\n");
            else text.Append(CultureInfo.InvariantCulture, $" | data {node.Data:F4} }}\"];\n");

            if (node.Arity == 0) continue;
            string op = node.Op;
            // The op node is named after its value plus the op, as in the seed: "n7*".
            text.Append("  ");
            AppendOpNodeId(text, i, op);
            text.Append(" [label=\"");
            AppendQuoted(text, op);
            text.Append("\"];\n  ");
            AppendOpNodeId(text, i, op);
            text.Append(" -> n").Append(i).Append(";\n");

            for (int k = 0, arity = node.Arity; k < arity; k++)
                AppendEdge(text, ids[node.ChildAt(k)], i, op);
        }
        text.Append("}\n");
    }

    private static void AppendEdge(StringBuilder text, int child, int parent, string op)
    {
        text.Append("  n").Append(child).Append(" -> ");
        AppendOpNodeId(text, parent, op);
        text.Append(";\n");
    }

    private static void AppendOpNodeId(StringBuilder text, int node, string op)
    {
        text.Append("\"n").Append(node);
        AppendQuoted(text, op);
        text.Append('"');
    }

    /// <summary>Escapes text for a quoted DOT string that is not a record label.</summary>
    /// <remarks>Backslashes are doubled too: in a label, <c>\N</c>, <c>\G</c>, <c>\l</c>… would otherwise be
    /// replaced by Graphviz.</remarks>
    internal static void AppendQuoted(StringBuilder text, string value)
    {
        foreach (char c in value)
        {
            if (c is '"' or '\\') text.Append('\\');
            text.Append(c);
        }
    }

    /// <summary>Escapes text for one field of a quoted record label.</summary>
    /// <remarks>
    /// Inside a record label <c>{ } | &lt; &gt;</c> are structure, so they get a backslash like <c>"</c> and
    /// <c>\</c>. Line breaks become Graphviz's <c>\n</c>; other control characters become spaces, since a raw one
    /// (a NUL above all) could cut the label short.
    /// </remarks>
    internal static void AppendRecordField(StringBuilder text, string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"' or '\\' or '{' or '}' or '|' or '<' or '>':
                    text.Append('\\').Append(c);
                    break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;   // CRLF is one line break
                    text.Append("\\n");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                default:
                    text.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }
    }
}
