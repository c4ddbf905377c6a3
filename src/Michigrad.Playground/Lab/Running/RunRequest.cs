namespace Michigrad.Playground.Lab.Running;

/// <summary>What to run: the editor's code, and optionally an exercise's check of what it built.</summary>
/// <param name="Code">C# statements; the last line may be an expression without a semicolon.</param>
/// <param name="Language">"es" or "en", the page's language.</param>
/// <param name="Check">The name of an exercise check (<see cref="Lessons.Checking.ExerciseChecks"/>) to run after the
/// code, in the same sandbox and budget; <see langword="null"/> for none.</param>
public sealed record RunRequest(string Code, string Language = "es", string? Check = null);
