using System.Globalization;

namespace Michigrad.Cli.Running;

/// <summary>Reads a training CSV file whole (within a limit) and works out its delimiter from the header line.</summary>
internal static class CsvText
{
    /// <summary>The largest CSV file <c>train</c> reads, in characters.</summary>
    public const int MaxChars = 256 * 1024 * 1024;

    /// <summary>The delimiters <c>--delimiter</c> accepts and detection chooses from, by their names.</summary>
    public static readonly string[] DelimiterNames = [",", ";", "tab", "|"];

    /// <summary>The character a <c>--delimiter</c> name stands for.</summary>
    public static char Delimiter(string name) => name == "tab" ? '\t' : name[0];

    /// <summary>The text of <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The file holds more than <see cref="MaxChars"/> characters.</exception>
    public static string Read(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[1 << 16];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxChars)
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"The CSV file '{Shown.Text(path)}' is larger than the limit of {MaxChars / (1024 * 1024)} MB of text that train reads."));
        }
        return text.ToString();
    }

    /// <summary>The delimiter the header line uses most among ',', ';', tab and '|' (outside quotes); ',' when it
    /// has none, as a one-column file.</summary>
    public static char DetectDelimiter(string text)
    {
        int comma = 0, semicolon = 0, tab = 0, bar = 0;
        bool quoted = false;
        foreach (char c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c is '\n' or '\r') break;
            else if (c == ',') comma++;
            else if (c == ';') semicolon++;
            else if (c == '\t') tab++;
            else if (c == '|') bar++;
        }
        int most = Math.Max(Math.Max(comma, semicolon), Math.Max(tab, bar));
        return most == 0 || comma == most ? ',' : semicolon == most ? ';' : tab == most ? '\t' : '|';
    }
}
