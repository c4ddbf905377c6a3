using System.Text.RegularExpressions;
using Michigrad.Data;

namespace Michigrad.Playground.Train;

/// <summary>
/// The library's CSV faults (<see cref="CsvFormatException"/>, whose messages are English) as messages of the page
/// in either language. Each fault the library names has a rule here; a fault without one (the CSV parser's own, such
/// as an unclosed quote) is reported by its line alone, never in English inside a Spanish page.
/// </summary>
public static partial class CsvMessages
{
    private static readonly (Regex Pattern, string Key)[] Rules =
    [
        (Fields(), "csv.fields"),
        (LabelEmpty(), "csv.label.empty"),
        (NoRows(), "csv.no.rows"),
        (Empty(), "csv.empty"),
        (HeaderEmpty(), "csv.header.empty"),
        (HeaderNoName(), "csv.header.noname"),
        (HeaderTwice(), "csv.header.twice"),
        (OnlyLabel(), "csv.only.label"),
        (CellEmpty(), "csv.cell.empty"),
        (CellNotNumber(), "csv.cell.nan"),
        (CellNotFinite(), "csv.cell.infinite"),
        (RecordTooLong(), "csv.record.long"),
    ];

    /// <summary>What is wrong at the exception's line, in the page's words.</summary>
    public static TrainMessage Reason(CsvFormatException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string reason = e.Message.StartsWith("Line ", StringComparison.Ordinal) && e.Message.IndexOf(": ", StringComparison.Ordinal) is int at and > 0
            ? e.Message[(at + 2)..]
            : e.Message;
        foreach ((Regex pattern, string key) in Rules)
        {
            Match m = pattern.Match(reason);
            if (m.Success) return new TrainMessage(key, [.. m.Groups.Values.Skip(1).Select(g => (object)g.Value)]);
        }
        return new TrainMessage("csv.malformed");
    }

    /// <summary>A label column that the file does not have (the library's <see cref="ArgumentException"/>), with the
    /// columns it does have.</summary>
    public static TrainMessage Reason(ArgumentException e, string target)
    {
        ArgumentNullException.ThrowIfNull(e);
        string message = e.ParamName is { } name && e.Message.LastIndexOf($" (Parameter '{name}')", StringComparison.Ordinal) is int end and >= 0
            ? e.Message[..end]
            : e.Message;
        int listed = message.IndexOf("columns are ", StringComparison.Ordinal);
        if (listed < 0) return new TrainMessage("csv.target.unknown", target, "");
        string[] columns = [.. Quoted().Matches(message[listed..]).Select(m => m.Value)];
        bool more = message.EndsWith(" more", StringComparison.Ordinal);
        return new TrainMessage("csv.target.unknown", target, string.Join(", ", columns) + (more ? ", …" : ""));
    }

    [GeneratedRegex(@"^expected (\d+) fields, as in the header, but found (\d+)\.$")]
    private static partial Regex Fields();

    [GeneratedRegex(@"^the label column '(.*)' is empty\.$")]
    private static partial Regex LabelEmpty();

    [GeneratedRegex(@"^the CSV text has a header but no data rows\.$")]
    private static partial Regex NoRows();

    [GeneratedRegex(@"^the CSV text is empty; expected a header row naming the columns\.$")]
    private static partial Regex Empty();

    [GeneratedRegex(@"^the header row is empty; expected the column names\.$")]
    private static partial Regex HeaderEmpty();

    [GeneratedRegex(@"^column (\d+) of the header has no name\.$")]
    private static partial Regex HeaderNoName();

    [GeneratedRegex(@"^the column name '(.*)' appears twice \(columns (\d+) and (\d+)\)\.$")]
    private static partial Regex HeaderTwice();

    [GeneratedRegex(@"^the only column is the label column '(.*)'; a dataset needs at least one feature column\.$")]
    private static partial Regex OnlyLabel();

    [GeneratedRegex(@"^column '(.*)' is empty; every feature must be a number\.$")]
    private static partial Regex CellEmpty();

    [GeneratedRegex(@"^column '(.*)' holds '(.*)', which is not a number\.$", RegexOptions.Singleline)]
    private static partial Regex CellNotNumber();

    [GeneratedRegex(@"^column '(.*)' holds '(.*)', which is not a finite number\.$", RegexOptions.Singleline)]
    private static partial Regex CellNotFinite();

    [GeneratedRegex(@"^a record is longer than (\d+) characters\.$")]
    private static partial Regex RecordTooLong();

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex Quoted();
}
