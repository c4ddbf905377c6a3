namespace Michigrad.Visualization;

/// <summary>
/// Thrown by <see cref="Graph.Render(Value, string, RankDir)"/> when a picture format needs Graphviz's <c>dot</c>
/// executable and it is not on <c>PATH</c>. Writing a <c>.dot</c> file needs nothing and never throws this.
/// </summary>
public sealed class GraphvizNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that says how to install Graphviz.</summary>
    public GraphvizNotFoundException()
        : base(DefaultMessage)
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    /// <param name="message">What went wrong.</param>
    public GraphvizNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GraphvizNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal const string DefaultMessage =
        "Graphviz's 'dot' executable was not found on PATH, and it is needed to render svg, png or pdf. " +
        "Install Graphviz (Debian/Ubuntu: 'sudo apt-get install graphviz'; macOS: 'brew install graphviz'; " +
        "Windows: 'winget install graphviz' or 'choco install graphviz', then make sure its bin folder is on PATH), " +
        "or render to a '.dot' file, which needs nothing installed.";
}
