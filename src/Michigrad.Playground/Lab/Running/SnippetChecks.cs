using System.Reflection;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// The checks a run can end with, found by their <see cref="SnippetCheckAttribute"/> in this assembly. Adding an
/// exercise's check is one static method with the attribute, in a file of its own; nothing registers it.
/// </summary>
public static class SnippetChecks
{
    private static readonly Lazy<Dictionary<string, Func<CheckInput, CheckOutcome>>> s_checks = new(Discover);

    /// <summary>Every check's key.</summary>
    public static IEnumerable<string> Keys => s_checks.Value.Keys;

    /// <summary>The check named <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No method carries that key.</exception>
    public static Func<CheckInput, CheckOutcome> Get(string key) =>
        s_checks.Value.TryGetValue(key, out var check) ? check
            : throw new KeyNotFoundException($"No [SnippetCheck(\"{key}\")] method in {typeof(SnippetChecks).Assembly.GetName().Name}.");

    /// <summary>Adds a check that is not a method of this assembly (the tests' own).</summary>
    internal static void Add(string key, Func<CheckInput, CheckOutcome> check)
    {
        lock (s_checks) s_checks.Value[key] = check;
    }

    private static Dictionary<string, Func<CheckInput, CheckOutcome>> Discover()
    {
        var checks = new Dictionary<string, Func<CheckInput, CheckOutcome>>(StringComparer.Ordinal);
        foreach (Type type in typeof(SnippetChecks).Assembly.GetTypes())
        foreach (MethodInfo method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (method.GetCustomAttribute<SnippetCheckAttribute>() is not { } attribute) continue;
            if (!checks.TryAdd(attribute.Key, method.CreateDelegate<Func<CheckInput, CheckOutcome>>()))
                throw new InvalidOperationException($"Two checks are named \"{attribute.Key}\".");
        }
        return checks;
    }
}
