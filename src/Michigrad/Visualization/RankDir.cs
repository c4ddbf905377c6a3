namespace Michigrad.Visualization;

/// <summary>The direction in which a graph picture flows, from operands to results (Graphviz's <c>rankdir</c>).</summary>
public enum RankDir
{
    /// <summary>Left to right: inputs on the left, the root on the right.</summary>
    LR,

    /// <summary>Top to bottom: inputs at the top, the root at the bottom.</summary>
    TB,
}
