using System.Globalization;

namespace Michigrad.Cli.Running;

/// <summary>Reads a training CSV file whole (within a limit); names the delimiters <c>--delimiter</c> accepts.</summary>
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
}
