using System.Text;
using Michigrad.IO;

namespace Michigrad.Visualization;

/// <summary>
/// Pictures of a computation graph: its nodes and edges (<see cref="Trace"/>), Graphviz DOT text
/// (<see cref="ToDot"/>) and image files (<see cref="Render(Value, string, RankDir)"/>), in the style of
/// micrograd's <c>draw_dot</c>.
/// </summary>
/// <remarks>Every walk is iterative, so a chain of millions of nodes is fine (though Graphviz itself will not lay
/// out a graph that large in any useful time).</remarks>
public static class Graph
{
    private static readonly string[] SupportedFormats = ["svg", "png", "pdf", "dot"];
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Lists the nodes and edges of the graph under <paramref name="root"/>.</summary>
    /// <param name="root">The value whose computation is traced.</param>
    /// <returns>The nodes, children before parents and each once, and one edge per operand, duplicates kept.</returns>
    public static GraphTrace Trace(Value root)
    {
        ArgumentNullException.ThrowIfNull(root);
        List<Value> nodes = Autograd.TopologicalOrder.Of(root);
        var edges = new List<(Value Child, Value Parent)>(nodes.Count);
        foreach (Value node in nodes)
        {
            for (int k = 0, arity = node.Arity; k < arity; k++) edges.Add((node.ChildAt(k), node));
        }
        return new GraphTrace(nodes, edges);
    }

    /// <summary>
    /// Returns the Graphviz DOT text of the graph under <paramref name="root"/>: a record node
    /// <c>{ label | data 0.0000 | grad 0.0000 }</c> per value (<c>{ label | data 0.0000 }</c> for a value that needs
    /// no gradient: data and constants, see <see cref="Value.RequiresGrad"/>), a small node per operation, and edges
    /// operand → operation → result.
    /// </summary>
    /// <param name="root">The value whose computation is drawn.</param>
    /// <param name="rankDir">The direction the picture flows in.</param>
    /// <remarks>Numbers have 4 decimals in the invariant culture; labels are escaped, so any text is safe. Node ids
    /// are positions in topological order, so the same graph gives the same text on every run.</remarks>
    public static string ToDot(Value root, RankDir rankDir = RankDir.LR) => BuildDot(root, rankDir).ToString();

    /// <summary>
    /// Draws the graph under <paramref name="root"/> to <paramref name="path"/>, in the format its extension names:
    /// <c>.svg</c>, <c>.png</c>, <c>.pdf</c> or <c>.dot</c>.
    /// </summary>
    /// <param name="root">The value whose computation is drawn.</param>
    /// <param name="path">The file to write; its directory must exist. An existing file is replaced.</param>
    /// <param name="rankDir">The direction the picture flows in.</param>
    /// <remarks>
    /// <para><c>.dot</c> writes the text of <see cref="ToDot"/> and needs nothing installed. The other formats run
    /// Graphviz's <c>dot</c> executable, found on <c>PATH</c>.</para>
    /// <para>The file is written to a temporary file next to it and then moved into place, so
    /// <paramref name="path"/> is either complete or left as it was; no temporary file is left behind.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The extension is not one of the supported formats.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="GraphvizNotFoundException">The format needs Graphviz and <c>dot</c> is not on <c>PATH</c>.</exception>
    /// <exception cref="InvalidOperationException">Graphviz failed; the message carries its error output.</exception>
    public static void Render(Value root, string path, RankDir rankDir = RankDir.LR) =>
        Render(root, path, rankDir, Environment.GetEnvironmentVariable("PATH"));

    /// <summary>As <see cref="Render(Value, string, RankDir)"/>, stopping Graphviz when
    /// <paramref name="cancellation"/> is signalled: <paramref name="path"/> is then left as it was.</summary>
    /// <param name="root">The value whose computation is drawn.</param>
    /// <param name="path">The file to write; its directory must exist. An existing file is replaced.</param>
    /// <param name="rankDir">The direction the picture flows in.</param>
    /// <param name="cancellation">Stops the drawing (Ctrl+C, say).</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled; nothing was written.</exception>
    public static void Render(Value root, string path, RankDir rankDir, CancellationToken cancellation) =>
        Render(root, path, rankDir, Environment.GetEnvironmentVariable("PATH"), cancellation);

    /// <summary>As <see cref="Render(Value, string, RankDir)"/>, searching <paramref name="searchPath"/> for
    /// <c>dot</c> instead of the process's <c>PATH</c> (so a test can simulate a machine without Graphviz).</summary>
    internal static void Render(Value root, string path, RankDir rankDir, string? searchPath, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckRankDir(rankDir);
        string format = FormatOf(path);
        cancellation.ThrowIfCancellationRequested();

        if (format == "dot")
        {
            StringBuilder text = BuildDot(root, rankDir);
            AtomicFile.Write(path, temporary =>
            {
                using var writer = new StreamWriter(temporary, append: false, Utf8NoBom);
                foreach (ReadOnlyMemory<char> chunk in text.GetChunks())
                    writer.Write(chunk.Span);
            });
            return;
        }

        // Found before any work, so a missing Graphviz is reported without starting anything.
        string dot = GraphvizRunner.FindExecutable("dot", searchPath) ?? throw new GraphvizNotFoundException();
        StringBuilder dotText = BuildDot(root, rankDir);
        cancellation.ThrowIfCancellationRequested();
        AtomicFile.Write(path, temporary => GraphvizRunner.Run(dot, format, dotText, temporary, cancellation));
    }

    /// <summary>
    /// Writes one self-contained HTML page that shows the graph under <paramref name="root"/> and lets the reader
    /// pan (drag), zoom (wheel or buttons) and click a node to see its label, op, data and gradient, with everything
    /// it was computed from highlighted.
    /// </summary>
    /// <param name="root">The value whose computation is shown.</param>
    /// <param name="path">The file to write, usually <c>graph.html</c>; its directory must exist. An existing file is
    /// replaced, all at once.</param>
    /// <param name="rankDir">The direction the picture flows in.</param>
    /// <remarks>
    /// <para>The page loads nothing from the network: the picture, the numbers (full precision) and a small script
    /// are inline, and its Content-Security-Policy forbids every fetch, so it works offline and from any folder.</para>
    /// <para>When Graphviz's <c>dot</c> is on <c>PATH</c> it lays out the picture; otherwise a simpler built-in
    /// layout (one column per depth) is used and the page says so. Nothing is written to the console.</para>
    /// </remarks>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="InvalidOperationException">Graphviz was found but failed; the message carries its error output.</exception>
    public static void RenderHtml(Value root, string path, RankDir rankDir = RankDir.LR) =>
        HtmlPage.Write(root, path, rankDir, Environment.GetEnvironmentVariable("PATH"));

    /// <summary>As <see cref="RenderHtml(Value, string, RankDir)"/>, stopping when <paramref name="cancellation"/>
    /// is signalled: <paramref name="path"/> is then left as it was.</summary>
    /// <param name="root">The value whose computation is shown.</param>
    /// <param name="path">The file to write, usually <c>graph.html</c>; its directory must exist.</param>
    /// <param name="rankDir">The direction the picture flows in.</param>
    /// <param name="cancellation">Stops the layout (Ctrl+C, say).</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled; nothing was written.</exception>
    public static void RenderHtml(Value root, string path, RankDir rankDir, CancellationToken cancellation) =>
        HtmlPage.Write(root, path, rankDir, Environment.GetEnvironmentVariable("PATH"), cancellation);

    /// <summary>
    /// Returns an SVG picture of the graph under <paramref name="root"/>, laid out in C# with no Graphviz: one box
    /// per value (label, data, and grad unless it needs none) in the column of its depth, a circle per operation, straight edges.
    /// </summary>
    /// <param name="root">The value whose computation is drawn.</param>
    /// <param name="rankDir">The direction the picture flows in.</param>
    /// <returns>One <c>&lt;svg&gt;</c> element. Value <c>i</c> (its position in <see cref="Trace"/>'s
    /// <see cref="GraphTrace.Nodes"/>) is the group with <c>data-node="i"</c>, its operation the one with
    /// <c>data-op="i"</c>; numbers have 4 decimals in the invariant culture and labels are escaped.</returns>
    /// <remarks>It needs no process, file or network, so it runs in a browser (the Michigrad Playground draws with it).
    /// The picture is plainer than Graphviz's: shapes have no fill or stroke of their own, so style them with CSS.</remarks>
    public static string ToSvg(Value root, RankDir rankDir = RankDir.LR)
    {
        ArgumentNullException.ThrowIfNull(root);
        CheckRankDir(rankDir);
        return HtmlPageLayout.Svg(Autograd.TopologicalOrder.Of(root), rankDir);
    }

    private static StringBuilder BuildDot(Value root, RankDir rankDir)
    {
        ArgumentNullException.ThrowIfNull(root);
        CheckRankDir(rankDir);
        var text = new StringBuilder();
        DotWriter.Append(text, root, rankDir);
        return text;
    }

    private static void CheckRankDir(RankDir rankDir)
    {
        if (rankDir is not (RankDir.LR or RankDir.TB))
            throw new ArgumentOutOfRangeException(nameof(rankDir), rankDir, "Use RankDir.LR or RankDir.TB.");
    }

    /// <summary>The lower-case extension of <paramref name="path"/> without its dot, if it is a supported format.</summary>
    private static string FormatOf(string path)
    {
        string extension = Path.GetExtension(path);
        string format = extension.TrimStart('.').ToLowerInvariant();
        if (Array.IndexOf(SupportedFormats, format) < 0)
        {
            string named = extension.Length == 0 ? "no extension" : $"the extension '{extension}'";
            throw new ArgumentException(
                $"Cannot render '{path}': it has {named}. Supported extensions are .svg, .png, .pdf and .dot.",
                nameof(path));
        }
        return format;
    }
}
