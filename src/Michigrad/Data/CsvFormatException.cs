namespace Michigrad.Data;

/// <summary>CSV text that cannot be read as a dataset; the message starts with the 1-based line at fault.</summary>
/// <remarks>Line numbers count physical lines of the text, the header being line 1, blank lines and line breaks
/// inside quoted fields included. A record that spans several lines is reported at its first line.</remarks>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception with the message <c>"Line {lineNumber}: {reason}"</c>.</summary>
    /// <param name="lineNumber">The 1-based line at fault.</param>
    /// <param name="reason">What is wrong there, as a sentence.</param>
    /// <param name="innerException">The parser's own exception, if it found the fault.</param>
    public CsvFormatException(int lineNumber, string reason, Exception? innerException = null)
        : base($"Line {lineNumber}: {reason}", innerException)
    {
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based line at fault (the header is line 1).</summary>
    public int LineNumber { get; }
}
