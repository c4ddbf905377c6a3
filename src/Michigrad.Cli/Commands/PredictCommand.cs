using System.CommandLine;

namespace Michigrad.Cli.Commands;

/// <summary>Placeholder.</summary>
internal static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context) => new("predict", "todo");
}
