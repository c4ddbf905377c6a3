namespace Michigrad.Playground.Lab.Running;

/// <summary>Which limit of a <see cref="BudgetLimits"/> a snippet went past.</summary>
public enum BudgetKind
{
    /// <summary>It ran longer than <see cref="BudgetLimits.Time"/> (an endless loop, most likely).</summary>
    Time,
    /// <summary>Calls nested deeper than <see cref="BudgetLimits.MaxDepth"/> (recursion without an end, most likely).</summary>
    Depth,
    /// <summary>The heap grew past <see cref="BudgetLimits.MaxMemoryBytes"/>.</summary>
    Memory,
}
