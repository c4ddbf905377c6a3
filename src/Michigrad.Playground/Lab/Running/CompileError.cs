namespace Michigrad.Playground.Lab.Running;

/// <summary>One compiler error in the editor's code, at a 1-based line and column.</summary>
public sealed record CompileError(int Line, int Column, string Id, string Message)
{
    /// <summary>The error as the editor shows it: <c>line 3, col 5: CS0103 ...</c>.</summary>
    public override string ToString() => $"({Line},{Column}) {Id}: {Message}";
}
