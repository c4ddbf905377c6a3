using System.Globalization;
using System.Text;

namespace Michigrad.Cli.Running;

/// <summary>Makes text from the user's data (file names, CSV columns, class names, messages that quote them) safe
/// and short enough to print: a terminal must never receive an escape sequence it did not ask for.</summary>
internal static class Shown
{
    /// <summary>The longest text an error line quotes before it is cut.</summary>
    public const int MaxErrorLength = 1000;

    /// <summary><paramref name="text"/> with every control character (ESC, BEL, CR, C1 codes, …) written as a
    /// visible escape such as <c>\e</c> or <c>\u009B</c>; line breaks and tabs too, so one value stays on one line.</summary>
    public static string Text(string text)
    {
        int first = 0;
        while (first < text.Length && !NeedsEscape(text[first])) first++;
        if (first == text.Length) return text;

        var safe = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!NeedsEscape(c)) { safe.Append(c); continue; }
            safe.Append(c switch
            {
                '\u001b' => "\\e",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
            });
        }
        return safe.ToString();
    }

    /// <summary>The longest label a graph's box shows: Graphviz refuses a label of more than 16,384 characters, and a
    /// box that wide is no use.</summary>
    public const int MaxLabelLength = 100;

    /// <summary><paramref name="text"/> made safe (<see cref="Text"/>) and cut to <see cref="MaxLabelLength"/>
    /// characters with an ellipsis, for a box of a graph.</summary>
    public static string Label(string text)
    {
        string safe = Text(text);
        if (safe.Length <= MaxLabelLength) return safe;
        int cut = char.IsHighSurrogate(safe[MaxLabelLength - 2]) ? MaxLabelLength - 2 : MaxLabelLength - 1;   // never half a pair
        return $"{safe[..cut]}…";
    }

    /// <summary>An error message made safe (<see cref="Text"/> on each line) and cut to <see cref="MaxErrorLength"/>
    /// characters, saying how much was left out.</summary>
    public static string Error(string message)
    {
        string safe = Text(message);
        return safe.Length <= MaxErrorLength
            ? safe
            : string.Create(CultureInfo.InvariantCulture, $"{safe[..MaxErrorLength]}… ({safe.Length - MaxErrorLength:N0} more characters)");
    }

    /// <summary>"'a', 'b', 'c'", or the first few names and how many more: a message about a file with 200,000
    /// columns stays one readable line.</summary>
    public static string List(IReadOnlyList<string> names, int listed = 10)
    {
        string first = string.Join(", ", names.Take(listed).Select(name => $"'{Text(name)}'"));
        return names.Count <= listed
            ? first
            : string.Create(CultureInfo.InvariantCulture, $"{first}, … and {names.Count - listed:N0} more");
    }

    // C0 and C1 controls, DEL, and the bidirectional overrides that can make text read differently from its bytes.
    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
