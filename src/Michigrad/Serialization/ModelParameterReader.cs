using System.Globalization;
using System.Text.Json;
using Michigrad.NN;
using Michigrad.Serialization.Json;

namespace Michigrad.Serialization;

/// <summary>
/// Reads a model file's <c>"parameters"</c> object from the file's bytes straight into a model: no copy of the names
/// or the values is kept. A file written by <see cref="ModelFile.Save"/> lists the names in the model's order and
/// is read in one pass that compares each name with the next one expected; a file in another order is matched by a
/// table of the model's names instead.
/// </summary>
/// <remarks>What is wrong is reported as the reader of whole documents reported it: a name given twice first (where
/// it is), then missing and unknown names, then the first value that is not a finite number.</remarks>
internal ref struct ParameterReader(ModelDocumentReader document, ReadOnlySpan<byte> utf8, ParameterSpan span)
{
    /// <summary>How many missing or extra parameter names a message lists.</summary>
    private const int NamesListed = 5;

    private readonly ReadOnlySpan<byte> _utf8 = utf8;

    /// <summary>The number of entries in the object.</summary>
    public readonly int Count()
    {
        Utf8JsonReader reader = Reader();
        int count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            count++;
            reader.Read();
            reader.Skip();
        }
        return count;
    }

    /// <summary>Sets every parameter of <paramref name="model"/>, which has <paramref name="parameterCount"/> of them.</summary>
    public readonly void SetInto(Module model, int parameterCount)
    {
        var seen = new bool[parameterCount];
        using IEnumerator<(string Name, Value Parameter)> inOrder = model.NamedParameters().GetEnumerator();
        int next = 0;
        Dictionary<string, int>? indexOf = null;
        List<Value>? byIndex = null;
        var unknown = new List<string>();
        var unknownSeen = new HashSet<string>(StringComparer.Ordinal);
        string? badValue = null;

        Utf8JsonReader reader = Reader();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int nameAt = (int)reader.TokenStartIndex;
            string? name = null;
            int index = -1;
            if (indexOf is null && next < parameterCount && inOrder.MoveNext() && NameIs(ref reader, inOrder.Current.Name))
            {
                name = inOrder.Current.Name;
                index = next++;
            }
            else
            {
                (indexOf, byIndex) = (indexOf, byIndex) is ({ } known, { } values) ? (known, values) : Index(model);
                name = Text(ref reader, nameAt);
                if (!indexOf.TryGetValue(name, out index)) index = -1;
            }

            reader.Read();
            int valueAt = (int)reader.TokenStartIndex;
            reader.Skip();
            int end = (int)reader.BytesConsumed;
            if (index < 0 ? !unknownSeen.Add(name) : seen[index]) throw Twice(name, end);
            if (index < 0)
            {
                unknown.Add(name);
                continue;
            }
            seen[index] = true;
            Value parameter = byIndex is null ? inOrder.Current.Parameter : byIndex[index];
            if (Number(name, _utf8.Slice(span.Start + valueAt, end - valueAt), out double value) is string problem)
                badValue ??= problem;
            else
                parameter.Data = value;
        }

        int missingCount = seen.AsSpan().Count(false);
        List<string> missing = missingCount == 0 ? [] : [.. MissingNames(model, seen)];
        if (missingCount > 0 || unknown.Count > 0)
        {
            var parts = new List<string>();
            if (missingCount > 0) parts.Add($"{missingCount} missing ({ListSome(missing, missingCount)})");
            if (unknown.Count > 0) parts.Add($"{unknown.Count} not in the model ({ListSome(unknown, unknown.Count)})");
            throw document.Fail($"the parameters do not match the architecture: {string.Join("; ", parts)}.");
        }
        if (badValue is not null) throw document.Fail(badValue);
    }

    private readonly Utf8JsonReader Reader()
    {
        var reader = new Utf8JsonReader(_utf8[span.Start..span.End]);
        reader.Read();   // the '{'; the serializer has checked the object's syntax
        return reader;
    }

    /// <summary>Whether the name under the reader is <paramref name="expected"/>, comparing the text it stands for
    /// (escapes resolved), so a name that is not valid text is never equal.</summary>
    private static bool NameIs(ref Utf8JsonReader reader, string expected)
    {
        try
        {
            return reader.ValueTextEquals(expected);
        }
        catch (InvalidOperationException)
        {
            return false;   // Text reports it
        }
    }

    /// <summary>The name under the reader, or the error that says where a name is not valid text.</summary>
    private readonly string Text(ref Utf8JsonReader reader, int nameAt)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            (long line, long column) = ModelDocumentReader.Position(_utf8, span.Start + nameAt);
            throw document.Fail(
                $"the parameter name at line {line + 1}, byte {column + 1} is not valid text (invalid UTF-8, or an escaped lone surrogate such as \\ud800).", e);
        }
    }

    /// <summary>The error for a name given twice: where the serializer would have placed it, just after the value.</summary>
    private readonly ModelFileException Twice(string name, int end)
    {
        (long line, long column) = ModelDocumentReader.Position(_utf8, span.Start + end);
        string path = $"$.parameters['{name.Replace("'", "\\'")}']";
        return document.Fail($"JSON error at line {line + 1}, byte {column + 1} ({path}): the same name appears twice.",
            new JsonException("the same name appears twice.", path, line, column));
    }

    /// <summary>The value as a finite double, or why it is not one.</summary>
    private static string? Number(string name, ReadOnlySpan<byte> raw, out double value)
    {
        value = 0;
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
            return $"parameter \"{name}\" is {ModelDocumentReader.Excerpt(raw)}, not a number.";
        // TryGetDouble refuses what overflows to infinity, such as 1e400.
        if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
            return $"parameter \"{name}\" is {ModelDocumentReader.Excerpt(raw)}, which is not a finite double.";
        return null;
    }

    /// <summary>The model's parameters by name and by index: for a file that does not list them in order.</summary>
    private static (Dictionary<string, int> IndexOf, List<Value> ByIndex) Index(Module model)
    {
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var byIndex = new List<Value>();
        foreach ((string name, Value parameter) in model.NamedParameters())
        {
            indexOf.Add(name, byIndex.Count);
            byIndex.Add(parameter);
        }
        return (indexOf, byIndex);
    }

    private static IEnumerable<string> MissingNames(Module model, bool[] seen)
    {
        int i = 0, listed = 0;
        foreach ((string name, Value _) in model.NamedParameters())
        {
            if (!seen[i++] && listed++ < NamesListed) yield return name;
            if (listed > NamesListed) yield break;
        }
    }

    private static string ListSome(List<string> names, int count) =>
        string.Join(", ", names.Take(NamesListed).Select(name => $"\"{name}\"")) + (count > NamesListed ? ", …" : "");
}
