using System.Globalization;
using Sylvan.Data.Csv;

namespace Michigrad.Cli.Running;

/// <summary>The rows of a <c>predict --input</c> CSV file, reduced to the model's features.</summary>
internal static class InputTable
{
    /// <summary>The longest row the reader holds: a file with longer rows is not the CSV a model reads.</summary>
    private const int BufferSize = 1 << 20;

    /// <summary>Reads <paramref name="path"/>: with <paramref name="featureNames"/>, the columns of those names (other
    /// columns, such as the label, are ignored); without them, every column, which must number <paramref name="width"/>.</summary>
    /// <exception cref="UsageException">The file is missing, empty, lacks a feature column, or holds a cell that is not a number.</exception>
    public static (string[] Columns, double[][] Rows) Load(string path, int width, IReadOnlyList<string>? featureNames)
    {
        UserPaths.RequireFile(path, "input");
        try
        {
            using CsvDataReader csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true, Comment = '\0', MaxBufferSize = BufferSize });
            string[] header = [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim())];
            if (header.Length == 0 || header.All(h => h.Length == 0))
                throw new UsageException($"{path}: the file is empty; expected a header row naming the columns.");

            int[] columns;
            if (featureNames is not null && featureNames.All(header.Contains))
                columns = [.. featureNames.Select(name => Array.IndexOf(header, name))];
            else if (header.Length == width)
                columns = [.. Enumerable.Range(0, width)];
            else
                throw new UsageException(featureNames is null
                    ? $"{path}: the model reads {width} inputs but the file has {header.Length} columns."
                    : $"{path}: the model reads the columns {Shown.List(featureNames)}, but the file has {Shown.List(header)}.");

            var rows = new List<double[]>();
            int line = 1;
            while (csv.Read())
            {
                line++;
                if (csv.RowFieldCount == 1 && csv.GetFieldSpan(0).IsWhiteSpace()) continue;
                var row = new double[columns.Length];
                for (int j = 0; j < columns.Length; j++)
                {
                    string cell = columns[j] < csv.RowFieldCount ? csv.GetString(columns[j]) : "";
                    if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]) || !double.IsFinite(row[j]))
                        throw new UsageException($"{path}: line {line}: column '{header[columns[j]]}' holds '{cell}', which is not a number.");
                }
                rows.Add(row);
            }
            if (rows.Count == 0) throw new UsageException($"{path}: the file has a header but no rows.");
            return ([.. columns.Select(c => header[c])], [.. rows]);
        }
        catch (CsvMissingHeadersException)
        {
            throw new UsageException($"{path}: the file is empty; expected a header row naming the columns.");
        }
        catch (CsvRecordTooLargeException e)
        {
            throw new UsageException($"{path}: a row is longer than {BufferSize:N0} characters; is this a CSV text file?", e);
        }
        catch (Sylvan.Data.Csv.CsvFormatException e)
        {
            throw new UsageException($"{path}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read '{path}': {e.Message}", e);
        }
    }
}
