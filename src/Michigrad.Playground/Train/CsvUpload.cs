using Michigrad.Data;

namespace Michigrad.Playground.Train;

/// <summary>Reads an uploaded CSV with the library's <see cref="CsvDataset"/>, with the same rules and messages as
/// <c>michigrad train --dataset FILE.csv --target COLUMN</c>.</summary>
public static class CsvUpload
{
    /// <summary>The largest file the page reads (the browser holds it in memory).</summary>
    public const long MaxBytes = 10_000_000;

    /// <summary>The dataset in <paramref name="text"/>, or the message that says what is wrong with it.</summary>
    public static (Dataset? Data, string? Error) Load(string fileName, string text, string? target)
    {
        if (!fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return (null, $"The dataset must be a file ending in .csv, got '{fileName}'.");
        if (string.IsNullOrWhiteSpace(target))
            return (null, $"A label column is required with a CSV dataset: name the column that holds the labels of '{fileName}'.");
        try
        {
            return (CsvDataset.Load(new StringReader(text), target.Trim()), null);
        }
        catch (CsvFormatException e)
        {
            return (null, $"{fileName}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            return (null, $"{fileName}: {Sentence(e)}");
        }
    }

    /// <summary>An argument exception's message without the " (Parameter 'x')" .NET appends.</summary>
    private static string Sentence(ArgumentException e)
    {
        string message = e.Message;
        int at = e.ParamName is null ? -1 : message.LastIndexOf($" (Parameter '{e.ParamName}')", StringComparison.Ordinal);
        return at >= 0 ? message[..at] : message;
    }
}
