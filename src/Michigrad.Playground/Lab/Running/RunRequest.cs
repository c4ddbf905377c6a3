namespace Michigrad.Playground.Lab.Running;

/// <summary>What to run: the editor's code, and optionally a check of what it built (see <see cref="SnippetChecks"/>).</summary>
/// <param name="Code">C# statements; the last line may be an expression without a semicolon.</param>
/// <param name="Language">"es" or "en": a check's message is written in it.</param>
/// <param name="Check">The key of a <see cref="SnippetCheckAttribute"/> method to run after the code, in the same
/// sandbox and budget; <see langword="null"/> for none.</param>
public sealed record RunRequest(string Code, string Language = "es", string? Check = null);
