using Michigrad.Data;

namespace Michigrad.Playground.Train;

/// <summary>Reads an uploaded CSV with the library's rules, as <c>michigrad train --dataset FILE.csv --target COLUMN</c>
/// reads one: the delimiter detected from the header line (<see cref="CsvDataset.DetectDelimiter"/>), then
/// <see cref="CsvDataset.Load(TextReader, string, char)"/>. Its faults become messages in the page's language
/// (<see cref="CsvMessages"/>).</summary>
public static class CsvUpload
{
    /// <summary>The largest file the page reads (the browser holds it in memory).</summary>
    public const long MaxBytes = 10_000_000;

    /// <summary>The dataset in <paramref name="text"/>, or the message that says what is wrong with it.</summary>
    public static (Dataset? Data, TrainMessage? Error) Load(string fileName, string text, string? target)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(text);
        if (!fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return (null, new TrainMessage("csv.extension", fileName));
        if (string.IsNullOrWhiteSpace(target))
            return (null, new TrainMessage("csv.target.missing", fileName));
        try
        {
            return (CsvDataset.Load(new StringReader(text), target.Trim(), CsvDataset.DetectDelimiter(text)), null);
        }
        catch (CsvFormatException e)
        {
            return (null, new TrainMessage("csv.at.line", fileName, e.LineNumber, CsvMessages.Reason(e)));
        }
        catch (ArgumentException e)
        {
            return (null, new TrainMessage("csv.in.file", fileName, CsvMessages.Reason(e, target.Trim())));
        }
    }
}
