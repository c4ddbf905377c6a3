using System.CommandLine;

namespace Michigrad.Cli.Commands;

/// <summary>Placeholder.</summary>
internal static class GraphCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context) => new("graph", "todo");
}
