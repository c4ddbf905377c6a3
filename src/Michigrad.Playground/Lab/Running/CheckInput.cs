using System.Reflection;

namespace Michigrad.Playground.Lab.Running;

/// <summary>What a check (see <see cref="SnippetChecks"/>) receives: everything the learner's code left behind.</summary>
/// <param name="Result">The value of the snippet's last expression (null when it ended with a statement).</param>
/// <param name="Assembly">The snippet's compiled assembly: the learner's own classes are found in it by name (see
/// <see cref="FindType"/>).</param>
/// <param name="Shown">The values the snippet passed to <c>Show</c>.</param>
/// <param name="Language">"es" or "en", for the outcome's message.</param>
public sealed record CheckInput(object? Result, Assembly? Assembly, IReadOnlyList<Value> Shown, string Language)
{
    /// <summary>The learner's class named <paramref name="name"/> (a script nests its classes inside the script class,
    /// so the simple name is matched), or null when there is none.</summary>
    public Type? FindType(string name) =>
        Assembly?.GetTypes().FirstOrDefault(t => t.Name == name && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)));
}
