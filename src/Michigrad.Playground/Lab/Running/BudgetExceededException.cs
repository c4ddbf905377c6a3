namespace Michigrad.Playground.Lab.Running;

/// <summary>Thrown inside a snippet that went past one of its <see cref="BudgetLimits"/>.</summary>
public sealed class BudgetExceededException(BudgetKind kind, BudgetLimits limits)
    : Exception($"The snippet went past its {kind} limit.")
{
    /// <summary>Which limit it was.</summary>
    public BudgetKind Kind { get; } = kind;

    /// <summary>The limits it ran under.</summary>
    public BudgetLimits Limits { get; } = limits;
}
