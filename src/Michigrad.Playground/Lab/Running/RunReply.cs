namespace Michigrad.Playground.Lab.Running;

/// <summary>What a run gave, as data that crosses from the runner (a web worker) to the page.</summary>
/// <remarks>Settable, not init-only: the JSON reader then leaves a property the JSON lacks at its default (an empty
/// list), where it would set an init-only one to null.</remarks>
public sealed record RunReply
{
    /// <summary>The compiler's errors; empty when the code compiled.</summary>
    public IReadOnlyList<CompileError> Errors { get; set; } = [];

    /// <summary>The graphs to draw: every <c>Show(v)</c>, then the last expression when it is a <see cref="Value"/> (or
    /// values) not already shown; at most <see cref="SnippetExecution.MaxGraphs"/>.</summary>
    public IReadOnlyList<GraphData> Graphs { get; set; } = [];

    /// <summary>The last expression when it is not a value, as text.</summary>
    public string? Result { get; set; }

    /// <summary>What the code wrote with <c>Console.Write</c>/<c>WriteLine</c>.</summary>
    public string Console { get; set; } = "";

    /// <summary>Why the run ended early, if it did.</summary>
    public RunFailure? Failure { get; set; }

    /// <summary>The report of the request's exercise check (<see cref="RunRequest.Check"/>), if it ran.</summary>
    public Lessons.Checking.CheckReport? Check { get; set; }

    /// <summary>Milliseconds spent compiling (0 for code compiled ahead of time).</summary>
    public double CompileMs { get; set; }

    /// <summary>Milliseconds spent running.</summary>
    public double RunMs { get; set; }

    /// <summary>Whether the code compiled and ran to the end.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Succeeded => Errors.Count == 0 && Failure is null;
}
