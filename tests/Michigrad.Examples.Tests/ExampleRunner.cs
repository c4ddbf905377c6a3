using System.Diagnostics;

namespace Michigrad.Examples.Tests;

/// <summary>Runs one example with <c>dotnet run</c> from the repository root and captures what it prints.</summary>
internal static class ExampleRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The repository root: the folder above this assembly that holds Michigrad.slnx.</summary>
    internal static string RepositoryRoot { get; } = FindRoot();

    internal sealed record Result(int ExitCode, string Output, string Error);

    internal static Result Run(string example, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "examples", example));
        if (arguments.Length > 0) start.ArgumentList.Add("--");
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{example} did not finish within {Timeout}.");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Michigrad.slnx"))) return directory.FullName;
        throw new InvalidOperationException($"No Michigrad.slnx above {AppContext.BaseDirectory}.");
    }
}
