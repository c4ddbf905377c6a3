namespace Michigrad.Cli.Running;

/// <summary>Text written into a CSV cell of a file the tool writes: quoted when it holds a separator, a quote or a
/// line break, and never a formula a spreadsheet would run.</summary>
internal static class CsvCells
{
    /// <summary>
    /// <paramref name="text"/> as a CSV field. A cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
    /// carriage return is a formula to Excel, LibreOffice and Google Sheets (<c>=cmd|' /C calc'!A0</c>), so, as OWASP
    /// advises against CSV injection, it gets a leading <c>'</c> and quotes, unless it is a number such as <c>-1.5</c>.
    /// </summary>
    public static string Field(string text)
    {
        bool formula = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
        if (formula) text = "'" + text;
        return formula || text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
