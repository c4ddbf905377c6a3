using Spectre.Console.Testing;

namespace Michigrad.Cli.Tests;

/// <summary>The outcome of one in-process run of the command line.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <c>michigrad ARGS</c> in process on a non-interactive test console (as when output is redirected).</summary>
    public static CliRun Of(params string[] args) => Of(CancellationToken.None, args);

    /// <summary>Runs with a cancellation token standing in for Ctrl+C.</summary>
    public static CliRun Of(CancellationToken cancellation, params string[] args)
    {
        var console = new TestConsole().Width(160);
        var error = new StringWriter();
        int code = MichigradCli.Run(args, console, error, cancellation);
        return new CliRun(code, console.Output, error.ToString());
    }

    /// <summary>Asserts a bad-input failure: exit code 2, one error line naming the problem, then the usage hint, no stack trace.</summary>
    public void AssertUsageError(string expectedFragment, string command)
    {
        Assert.True(ExitCode == 2, $"exit code {ExitCode}; stderr: {Error}; stdout: {Output}");
        string[] lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(expectedFragment, lines[0]);
        Assert.Equal($"Try '{command} --help'.", lines[1]);
        Assert.DoesNotContain("   at ", Error + Output);
    }
}
