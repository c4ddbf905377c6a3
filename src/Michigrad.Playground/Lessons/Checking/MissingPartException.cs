namespace Michigrad.Playground.Lessons.Checking;

/// <summary>The learner's code lacks a class or member the exercise needs; the message is its C# signature.</summary>
public sealed class MissingPartException(string signature) : Exception(signature)
{
    /// <summary>The missing class or member, as C# (for example <c>Valor Tanh()</c>).</summary>
    public string Signature => Message;
}
