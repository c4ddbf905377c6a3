namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// Marks a static method of this assembly as a check that a <see cref="RunRequest"/> can name by
/// <see cref="Key"/>. The method takes a <see cref="CheckInput"/> and returns a <see cref="CheckOutcome"/>:
/// <code>
/// [SnippetCheck("valor-add")]
/// public static CheckOutcome ValorAdd(CheckInput input) { … }
/// </code>
/// It runs right after the learner's code, in the same runner (a web worker in the browser) and under the same
/// <see cref="Budget"/>, so it may call the learner's methods freely: a loop without end in them ends the run as it
/// would in the code itself.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SnippetCheckAttribute(string key) : Attribute
{
    /// <summary>The name a request gives the check by (<see cref="RunRequest.Check"/>).</summary>
    public string Key { get; } = key;
}
