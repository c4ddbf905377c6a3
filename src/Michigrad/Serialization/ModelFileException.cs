using System.Text.Json;

namespace Michigrad.Serialization;

/// <summary>
/// A model file (or model JSON text) that cannot be loaded: empty or truncated, not JSON, not a Michigrad model,
/// an unsupported version, or an architecture and parameters that do not fit together.
/// </summary>
/// <remarks>The message names the file and says what is wrong; for a JSON error it also gives the line and the
/// byte in that line, counted from 1 as editors count them.</remarks>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception with the message <c>"Model file '{fileName}': {reason}"</c>.</summary>
    /// <param name="fileName">The file (or the caller's name for the JSON text), or <see langword="null"/> when
    /// the text has no name; the message then starts with <c>"Model JSON: "</c>.</param>
    /// <param name="reason">What is wrong, as a sentence.</param>
    /// <param name="innerException">The exception that revealed the fault, such as a <see cref="JsonException"/>.</param>
    public ModelFileException(string? fileName, string reason, Exception? innerException = null)
        : base(fileName is null ? $"Model JSON: {reason}" : $"Model file '{fileName}': {reason}", innerException)
    {
        ArgumentNullException.ThrowIfNull(reason);
        FileName = fileName;
        Reason = reason;
        // JsonException counts from 0; people (and editors) count from 1.
        if (innerException is JsonException { LineNumber: long line } json)
        {
            LineNumber = line + 1;
            BytePositionInLine = json.BytePositionInLine + 1;
        }
    }

    /// <summary>The file that could not be loaded, or <see langword="null"/> for JSON text without a name.</summary>
    public string? FileName { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Reason { get; }

    /// <summary>For a JSON error, the line at fault counted from 1; otherwise <see langword="null"/>.</summary>
    public long? LineNumber { get; }

    /// <summary>For a JSON error, the byte at fault within <see cref="LineNumber"/>, counted from 1; otherwise
    /// <see langword="null"/>.</summary>
    public long? BytePositionInLine { get; }
}
