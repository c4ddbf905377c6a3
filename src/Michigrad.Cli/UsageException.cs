namespace Michigrad.Cli;

/// <summary>Bad input from the user: reported as one line and a usage hint, with exit code 2, never a stack trace.</summary>
/// <param name="message">What is wrong, naming the option, file or line.</param>
/// <param name="innerException">The library's exception, if one was translated.</param>
internal sealed class UsageException(string message, Exception? innerException = null) : Exception(message, innerException);
