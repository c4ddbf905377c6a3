using System.Diagnostics;
using System.Text.Json;
using Michigrad.Interactive.Tests.TestSupport;
using Michigrad.TestSupport;

namespace Michigrad.Interactive.Tests.Notebooks;

/// <summary>
/// tools/run-notebooks.cs, the README's command that runs notebooks and prints each cell's outcome, run as a user runs
/// it (<c>dotnet run tools/run-notebooks.cs …</c> from the repository root) on tiny notebooks of its own.
/// </summary>
public sealed class RunNotebooksToolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    [FactNeeding(ExternalTool.DotnetRepl)]
    public async Task RunNotebooks_PrintsEachCellsOutcomeAndFailsWhenACellFails()
    {
        string folder = Path.Combine(Path.GetTempPath(), "michigrad-run-notebooks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string passing = Path.Combine(folder, "passing.ipynb");
            File.WriteAllText(passing, Notebook("Console.WriteLine(\"one plus one is \" + (1 + 1));"));
            string failing = Path.Combine(folder, "failing.ipynb");
            File.WriteAllText(failing, Notebook(
                "var before = 1;",
                "throw new InvalidOperationException(\"the check failed on purpose\");",
                "var after = before + 1;"));

            (int exitCode, string output) = await RunTool(passing, failing, "no-such.ipynb");

            Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
            string[] lines = output.ReplaceLineEndings("\n").Split('\n');
            int first = Array.IndexOf(lines, $"== {passing}");
            Assert.True(first >= 0, output);
            Assert.Equal(
            [
                $"== {passing}",
                "   ✔ Cell 1: Console.WriteLine(\"one plus one is \" + (1 + 1));",
                "   1 of 1 cells passed",
                $"== {failing}",
                "   ✔ Cell 1: var before = 1;",
                "   ✘ Cell 2: throw new InvalidOperationException(\"the check failed on purpose\"); — System.InvalidOperationException: the check failed on purpose",
                "   ✔ Cell 3: var after = before + 1;",
                "   2 of 3 cells passed",
                "== no-such.ipynb",
                $"   no such notebook: {Path.Combine(RepositoryRoot.Path, "notebooks", "no-such.ipynb")}",
            ], lines.Skip(first).Take(10));
            Assert.DoesNotContain("Submission#", output);   // the reason, not the stack trace
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A C# notebook with one code cell per source, as Polyglot Notebooks saves it.</summary>
    private static string Notebook(params string[] cells) => JsonSerializer.Serialize(new
    {
        cells = cells.Select(source => new
        {
            cell_type = "code",
            execution_count = (int?)null,
            metadata = new { polyglot_notebook = new { kernelName = "csharp" } },
            outputs = Array.Empty<object>(),
            source = new[] { source },
        }),
        metadata = new
        {
            kernelspec = new { display_name = ".NET (C#)", language = "C#", name = ".net-csharp" },
            language_info = new { name = "polyglot-notebook" },
            polyglot_notebook = new { kernelInfo = new { defaultKernelName = "csharp", items = new[] { new { name = "csharp" } } } },
        },
        nbformat = 4,
        nbformat_minor = 5,
    });

    private static async Task<(int ExitCode, string Output)> RunTool(params string[] notebooks)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string argument in new[] { "run", Path.Combine("tools", "run-notebooks.cs") }.Concat(notebooks))
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"tools/run-notebooks.cs did not finish within {Timeout}.");
        }
        return (process.ExitCode, await output + await error);
    }
}
