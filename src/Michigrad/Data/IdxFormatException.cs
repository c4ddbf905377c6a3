namespace Michigrad.Data;

/// <summary>An IDX file (the format of MNIST and Fashion-MNIST) that cannot be read as images or labels; the message
/// names the file and what is wrong with it.</summary>
public sealed class IdxFormatException : FormatException
{
    /// <summary>Creates the exception with the message <c>"{path}: {reason}"</c>.</summary>
    /// <param name="path">The file at fault.</param>
    /// <param name="reason">What is wrong with it, as a sentence.</param>
    /// <param name="innerException">The decompressor's own exception, if it found the fault.</param>
    public IdxFormatException(string path, string reason, Exception? innerException = null)
        : base($"{path}: {reason}", innerException)
    {
        Path = path;
    }

    /// <summary>The file at fault.</summary>
    public string Path { get; }
}
