namespace Michigrad.Playground.Lab.Running;

/// <summary>Why a run did not finish, as data the page turns into a message in its language (see
/// <see cref="Shell.ErrorText"/>).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Type">The exception's type name (<see cref="RunFailureKind.Exception"/>), e.g. <c>System.ArgumentException</c>.</param>
/// <param name="Message">The exception's own message (English, or a runtime resource key when the runtime's messages are
/// trimmed away).</param>
/// <param name="ParamName">An argument exception's parameter name.</param>
/// <param name="FromSnippet">Whether the snippet threw it itself (<c>throw new …</c>): its message is the learner's own
/// words and is shown as it is.</param>
/// <param name="Budget">Which limit was passed (<see cref="RunFailureKind.Budget"/>).</param>
public sealed record RunFailure(RunFailureKind Kind, string? Type = null, string? Message = null, string? ParamName = null,
    bool FromSnippet = false, BudgetKind? Budget = null);
