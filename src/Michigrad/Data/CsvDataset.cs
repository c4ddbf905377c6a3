using System.Globalization;
using Sylvan.Data.Csv;

namespace Michigrad.Data;

/// <summary>Reads a <see cref="Dataset"/> from CSV text: a header row, numeric feature columns and one label column.</summary>
/// <remarks>
/// <para>The text is parsed by Sylvan.Data.Csv (RFC 4180): fields may be quoted, and quoted fields may hold the
/// delimiter, doubled quotes (<c>""</c>) and line breaks. Lines may end in <c>\n</c> or <c>\r\n</c>. There are no
/// comment lines: a line starting with <c>#</c> is data like any other.</para>
/// <para>The first row names the columns (names are trimmed; they must be non-empty and distinct). Every column other
/// than the label column is a feature, in file order, and becomes <see cref="Dataset.FeatureNames"/>. Feature cells are
/// parsed with the invariant culture (<c>1.5</c>, <c>-2e-3</c>; surrounding spaces allowed, no thousands separators)
/// and must be finite: <c>NaN</c>, <c>Infinity</c> and numbers that overflow are rejected.</para>
/// <para>Label cells are trimmed. If every label is an integer, the distinct values are sorted numerically;
/// otherwise the distinct texts are sorted by ordinal (culture-independent) string order. Class index <c>c</c> is
/// the <c>c</c>-th value in that order, and <see cref="Dataset.ClassNames"/> holds the values' text, so labels
/// <c>0, 1, 2</c> keep their numbers, <c>-1, 1</c> become 0 and 1, and <c>setosa, versicolor, virginica</c> become
/// 0, 1 and 2 whatever order the rows come in.</para>
/// <para>Lines that are empty or hold only spaces are skipped. Any other fault is a
/// <see cref="CsvFormatException"/> naming its line.</para>
/// </remarks>
public static class CsvDataset
{
    // A record may be long (many columns), but not unboundedly: the parser's buffer may grow to this many chars.
    private const int MaxRecordChars = 1 << 24;

    /// <summary>Loads a dataset from a CSV file.</summary>
    /// <param name="path">The file, read as UTF-8 (a byte-order mark selects another Unicode encoding).</param>
    /// <param name="labelColumn">The name of the label column, as written in the header.</param>
    /// <param name="delimiter">The field separator: <c>','</c> by default, <c>'\t'</c> or <c>';'</c> for other files.</param>
    /// <returns>The rows in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="labelColumn"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="labelColumn"/> is blank or not a column of the file (the message lists the columns), or the
    /// delimiter cannot be used.
    /// </exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="CsvFormatException">The text is not a valid dataset; the message names the line and why.</exception>
    public static Dataset Load(string path, string labelColumn, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The CSV file '{path}' does not exist.", path);
        using var reader = new StreamReader(path);
        return Load(reader, labelColumn, delimiter);
    }

    /// <summary>Loads a dataset from CSV text.</summary>
    /// <param name="reader">The text, read to its end; the caller keeps ownership and disposes it.</param>
    /// <param name="labelColumn">The name of the label column, as written in the header.</param>
    /// <param name="delimiter">The field separator: <c>','</c> by default, <c>'\t'</c> or <c>';'</c> for other files.</param>
    /// <returns>The rows in text order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="labelColumn"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="labelColumn"/> is blank or not a column of the text (the message lists the columns), or the
    /// delimiter cannot be used.
    /// </exception>
    /// <exception cref="CsvFormatException">The text is not a valid dataset; the message names the line and why.</exception>
    public static Dataset Load(TextReader reader, string labelColumn, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumn);
        if (delimiter is '"' or '\r' or '\n' || char.IsLetterOrDigit(delimiter) || delimiter >= 128)
            throw new ArgumentException(
                $"The delimiter '{delimiter}' cannot separate fields; use an ASCII symbol such as ',', ';' or a tab.", nameof(delimiter));

        var options = new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = delimiter,   // no guessing: a one-column-looking file must not switch delimiters
            Comment = '\0',          // no comment lines: skipping them silently would also skew the line numbers
            MaxBufferSize = MaxRecordChars,
            OwnsReader = false,
        };
        using CsvDataReader csv = Open(reader, options);

        string[] columns = ReadHeader(csv, out int line);
        int labelIndex = FindLabelColumn(columns, labelColumn.Trim());

        var rows = new List<double[]>();
        var labelTexts = new List<string>();
        while (true)
        {
            int start = line;
            if (!Next(csv, start)) break;
            line += LineBreaks(csv.GetRawRecordSpan());
            if (csv.RowFieldCount == 1 && csv.GetFieldSpan(0).IsWhiteSpace()) continue;   // a blank line
            if (csv.RowFieldCount != columns.Length)
                throw new CsvFormatException(start,
                    $"expected {columns.Length} fields, as in the header, but found {csv.RowFieldCount}.");

            var features = new double[columns.Length - 1];
            for (int i = 0, f = 0; i < columns.Length; i++)
            {
                if (i != labelIndex) features[f++] = ParseFeature(csv.GetFieldSpan(i), columns[i], start);
            }
            string label = csv.GetFieldSpan(labelIndex).Trim().ToString();
            if (label.Length == 0)
                throw new CsvFormatException(start, $"the label column '{columns[labelIndex]}' is empty.");
            rows.Add(features);
            labelTexts.Add(label);
        }
        if (rows.Count == 0)
            throw new CsvFormatException(line, "the CSV text has a header but no data rows.");

        (int[] labels, string[] classNames) = IndexLabels(labelTexts);
        string[] featureNames = columns.Where((_, i) => i != labelIndex).ToArray();
        return new Dataset(rows.ToArray(), labels, classNames.Length, featureNames, classNames);
    }

    /// <summary>The delimiter the header line uses most among <c>','</c>, <c>';'</c>, tab and <c>'|'</c>, counting only
    /// characters outside double quotes; <c>','</c> when the header has none of them (a one-column file) and on a tie
    /// with <c>','</c>.</summary>
    /// <param name="text">The CSV text; only its first line (up to the first line break outside quotes) is read.</param>
    /// <returns>The delimiter to pass to <see cref="Load(TextReader, string, char)"/>.</returns>
    /// <remarks>Ties between the other three go to <c>';'</c>, then tab, then <c>'|'</c>. A header is the place to
    /// look: it holds names, not numbers, so a decimal comma in the data cannot mislead it.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static char DetectDelimiter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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

    private static CsvDataReader Open(TextReader reader, CsvDataReaderOptions options)
    {
        try
        {
            return CsvDataReader.Create(reader, options);
        }
        catch (CsvMissingHeadersException e)
        {
            throw new CsvFormatException(1, "the CSV text is empty; expected a header row naming the columns.", e);
        }
        catch (Sylvan.Data.Csv.CsvFormatException e)
        {
            // Opening reads the header and the first record; the parser numbers the header row 0. The header is taken
            // to be one line here, since it could not be read.
            throw new CsvFormatException(e.RowNumber <= 0 ? 1 : 2, Reason(e), e);
        }
    }

    /// <summary>The trimmed column names; <paramref name="nextLine"/> is the line after the header.</summary>
    private static string[] ReadHeader(CsvDataReader csv, out int nextLine)
    {
        var columns = new string[csv.FieldCount];
        nextLine = 2;
        for (int i = 0; i < columns.Length; i++)
        {
            string raw = csv.GetName(i);
            nextLine += LineBreaks(raw);   // a quoted name may span lines
            columns[i] = raw.Trim();
        }
        if (columns.Length == 1 && columns[0].Length == 0)
            throw new CsvFormatException(1, "the header row is empty; expected the column names.");
        for (int i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length == 0)
                throw new CsvFormatException(1, $"column {i + 1} of the header has no name.");
            int first = Array.IndexOf(columns, columns[i]);
            if (first != i)
                throw new CsvFormatException(1, $"the column name '{columns[i]}' appears twice (columns {first + 1} and {i + 1}).");
        }
        return columns;
    }

    private static int FindLabelColumn(string[] columns, string labelColumn)
    {
        int index = Array.IndexOf(columns, labelColumn);
        if (index < 0)
            throw new ArgumentException(
                $"There is no label column '{labelColumn}'; {ColumnList(columns)}.",
                nameof(labelColumn));
        if (columns.Length < 2)
            throw new CsvFormatException(1, $"the only column is the label column '{labelColumn}'; a dataset needs at least one feature column.");
        return index;
    }

    /// <summary>Moves to the next record, reporting a parser fault at the record's first line.</summary>
    private static bool Next(CsvDataReader csv, int line)
    {
        try
        {
            return csv.Read();
        }
        catch (Sylvan.Data.Csv.CsvFormatException e)
        {
            throw new CsvFormatException(line, Reason(e), e);
        }
    }

    private static string Reason(Sylvan.Data.Csv.CsvFormatException e) => e is CsvRecordTooLargeException
        ? $"a record is longer than {MaxRecordChars} characters."
        : e.Message;

    private static double ParseFeature(ReadOnlySpan<char> cell, string column, int line)
    {
        if (cell.IsWhiteSpace())
            throw new CsvFormatException(line, $"column '{column}' is empty; every feature must be a number.");
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new CsvFormatException(line, $"column '{column}' holds '{cell}', which is not a number.");
        if (!double.IsFinite(value))
            throw new CsvFormatException(line, $"column '{column}' holds '{cell.Trim()}', which is not a finite number.");
        return value;
    }

    /// <summary>Class indices by sorted distinct value: numeric order if every label is an integer, else ordinal.</summary>
    private static (int[] Labels, string[] ClassNames) IndexLabels(List<string> texts)
    {
        var numbers = new long[texts.Count];
        bool integers = true;
        for (int i = 0; i < texts.Count && integers; i++)
            integers = long.TryParse(texts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out numbers[i]);

        var labels = new int[texts.Count];
        if (integers)
        {
            long[] classes = numbers.Distinct().Order().ToArray();
            var index = new Dictionary<long, int>();
            for (int c = 0; c < classes.Length; c++) index[classes[c]] = c;
            for (int i = 0; i < labels.Length; i++) labels[i] = index[numbers[i]];
            return (labels, classes.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray());
        }
        string[] names = texts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < names.Length; c++) byName[names[c]] = c;
        for (int i = 0; i < labels.Length; i++) labels[i] = byName[texts[i]];
        return (labels, names);
    }

    /// <summary>How many line breaks the text holds, counting <c>\r\n</c> as one.</summary>
    private static int LineBreaks(ReadOnlySpan<char> text)
    {
        int breaks = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') breaks++;
            else if (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')) breaks++;
        }
        return breaks;
    }

    /// <summary>"the columns are 'a', 'b', 'c'", or for a wide file the first few and how many there are: a message
    /// must stay readable when a file has 200,000 columns.</summary>
    private static string ColumnList(IReadOnlyList<string> columns)
    {
        const int Listed = 10;
        string first = string.Join(", ", columns.Take(Listed).Select(c => $"'{c}'"));
        return columns.Count <= Listed
            ? $"the columns are {first}"
            : FormattableString.Invariant($"the {columns.Count:N0} columns are {first}, … and {columns.Count - Listed:N0} more");
    }
}
