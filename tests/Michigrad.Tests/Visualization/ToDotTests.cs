using System.Globalization;
using System.Text.RegularExpressions;
using Michigrad.Visualization;

namespace Michigrad.Tests.Visualization;

public partial class ToDotTests
{
    [GeneratedRegex(@"^  n\d+ \[shape=record, label=""\{ .* \| data -?\d+\.\d{4} \| grad -?\d+\.\d{4} \}""\];$",
        RegexOptions.Multiline)]
    private static partial Regex RecordNode();

    [GeneratedRegex(@"^  ""n\d+[^""]+"" \[label=""[^""]+""\];$", RegexOptions.Multiline)]
    private static partial Regex OpNode();

    [GeneratedRegex(@"^  (n\d+|""n\d+[^""]+"") -> (n\d+|""n\d+[^""]+"");$", RegexOptions.Multiline)]
    private static partial Regex Edge();

    [Fact]
    public void ToDot_DrawsARecordPerValueAndANodePerOperation()
    {
        string dot = Graph.ToDot(SampleGraphs.SeedNeuron());

        Assert.StartsWith("digraph michigrad {\n", dot);
        Assert.EndsWith("}\n", dot);
        Assert.Equal(10, RecordNode().Count(dot));
        Assert.Equal(5, OpNode().Count(dot));
        // One edge from each op node to its result, and one from each operand to the op node.
        Assert.Equal(5 + 9, Edge().Count(dot));
        Assert.Equal(5 + 9, Regex.Count(dot, "->"));
    }

    [Fact]
    public void ToDot_LabelsRecordsWithLabelDataAndGradToFourDecimals()
    {
        string dot = Graph.ToDot(SampleGraphs.SeedNeuron());

        Assert.Contains("n1 [shape=record, label=\"{ W₀ | data -0.5000 | grad -0.2612 }\"];\n", dot);
        Assert.Contains("n9 [shape=record, label=\"{ L | data 1.4911 | grad 1.0000 }\"];\n", dot);
    }

    [Fact]
    public void ToDot_ConnectsOperandsThroughAnOpNodeNamedAfterItsResult()
    {
        var a = new Value(2, "a");
        var b = new Value(3, "b");
        Value product = a * b;

        string dot = Graph.ToDot(product);

        Assert.Equal(
            "digraph michigrad {\n" +
            "  rankdir=LR;\n" +
            "  n0 [shape=record, label=\"{ a | data 2.0000 | grad 0.0000 }\"];\n" +
            "  n1 [shape=record, label=\"{ b | data 3.0000 | grad 0.0000 }\"];\n" +
            "  n2 [shape=record, label=\"{  | data 6.0000 | grad 0.0000 }\"];\n" +
            "  \"n2*\" [label=\"*\"];\n" +
            "  \"n2*\" -> n2;\n" +
            "  n0 -> \"n2*\";\n" +
            "  n1 -> \"n2*\";\n" +
            "}\n",
            dot);
    }

    [Fact]
    public void ToDot_DrawsBothEdgesOfASquare()
    {
        var x = new Value(3, "x");

        string dot = Graph.ToDot(x * x);

        Assert.Equal(2, Regex.Count(dot, "n0 -> \"n1\\*\";"));
    }

    [Fact]
    public void ToDot_SetsTheRankDirection()
    {
        Value root = SampleGraphs.SeedNeuron();

        string leftToRight = Graph.ToDot(root);
        string explicitLeftToRight = Graph.ToDot(root, RankDir.LR);
        string topToBottom = Graph.ToDot(root, RankDir.TB);

        Assert.Contains("  rankdir=LR;\n", leftToRight);
        Assert.Equal(leftToRight, explicitLeftToRight);
        Assert.Contains("  rankdir=TB;\n", topToBottom);
        Assert.DoesNotContain("rankdir=LR", topToBottom);
    }

    [Fact]
    public void ToDot_UndefinedRankDir_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Graph.ToDot(new Value(1), (RankDir)7));
    }

    [Fact]
    public void ToDot_EscapesRecordSpecialCharacters()
    {
        var tricky = new Value(1, "a|b{c}\"d<e>\\f\ng\r\nh");

        string dot = Graph.ToDot(tricky);

        Assert.Contains("label=\"{ a\\|b\\{c\\}\\\"d\\<e\\>\\\\f\\ng\\nh | data 1.0000 | grad 0.0000 }\"", dot);
        Assert.DoesNotContain('\r', dot);
        Assert.Equal(4, dot.Count(c => c == '\n'));   // digraph, rankdir, the node and the closing brace
    }

    [Fact]
    public void ToDot_EscapedLabelsKeepQuotesAndBracesBalanced()
    {
        Value root = new Value(1, "|{\"<") * new Value(2, "}}>\\") + new Value(3, "\"\"\"");

        string dot = Graph.ToDot(root);

        string[] records = dot.Split('\n').Where(line => line.Contains("shape=record")).ToArray();
        Assert.Equal(5, records.Length);
        foreach (string line in records)
        {
            string unescaped = Regex.Replace(line, @"\\.", "");   // drop every escape pair
            Assert.Equal(2, unescaped.Count(c => c == '"'));
            Assert.Equal(1, unescaped.Count(c => c == '{'));
            Assert.Equal(1, unescaped.Count(c => c == '}'));
            Assert.Equal(2, unescaped.Count(c => c == '|'));
            Assert.Equal(0, unescaped.Count(c => c is '<' or '>'));
        }
    }

    [Fact]
    public void ToDot_IsIdenticalForEqualGraphsBuiltSeparately()
    {
        string first = Graph.ToDot(SampleGraphs.SeedNeuron(), RankDir.TB);
        string second = Graph.ToDot(SampleGraphs.SeedNeuron(), RankDir.TB);

        Assert.Equal(first, second);
        Assert.Contains("  n0 [shape=record", first);
    }

    [Fact]
    public void ToDot_FormatsNumbersInTheInvariantCulture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        commaCulture.NumberFormat.NegativeSign = "~";
        try
        {
            CultureInfo.CurrentCulture = commaCulture;   // flows with this test only, not to other threads
            string dot = Graph.ToDot(new Value(-1.23456, "x"));

            Assert.Contains("{ x | data -1.2346 | grad 0.0000 }", dot);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void ToDot_ShowsNonFiniteNumbers()
    {
        string dot = Graph.ToDot(new Value(double.NaN, "n") + new Value(double.NegativeInfinity, "i"));

        Assert.Contains("{ n | data NaN | grad 0.0000 }", dot);
        Assert.Contains("{ i | data -Infinity | grad 0.0000 }", dot);
    }

    [Fact]
    public void ToDot_WritesAMillionAdditionChainWithoutRecursion()
    {
        const int additions = 1_000_000;
        Value sum = SampleGraphs.AdditionChain(additions);

        string dot = Graph.ToDot(sum);

        // Span counts rather than regexes: the text is about 170 million characters.
        Assert.Equal(additions + 2, dot.AsSpan().Count("shape=record"));
        Assert.Equal(3 * additions, dot.AsSpan().Count("->"));
        Assert.EndsWith($"  n{additions} -> \"n{additions + 1}+\";\n  n1 -> \"n{additions + 1}+\";\n}}\n", dot);
    }

    [Fact]
    public void ToDot_NullRoot_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Graph.ToDot(null!));
    }
}
