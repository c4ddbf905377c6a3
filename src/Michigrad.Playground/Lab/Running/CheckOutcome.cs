namespace Michigrad.Playground.Lab.Running;

/// <summary>What a check (see <see cref="SnippetChecks"/>) says of the learner's code.</summary>
/// <param name="Passed">Whether the code does what the exercise asks.</param>
/// <param name="Message">What to tell the learner, in the request's language: why it passed, or the first thing that
/// differs and the number expected.</param>
public sealed record CheckOutcome(bool Passed, string Message);
