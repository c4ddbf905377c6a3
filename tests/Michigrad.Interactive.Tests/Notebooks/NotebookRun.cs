using System.Diagnostics;
using System.Xml.Linq;

namespace Michigrad.Interactive.Tests.Notebooks;

/// <summary>
/// Runs a notebook headless with dotnet-repl (pinned in .config/dotnet-tools.json; <c>dotnet tool restore</c> installs
/// it): <c>dotnet repl --run NOTEBOOK --exit-after-run --output-format trx --output-path TRX</c>, from the notebook's
/// folder, as Polyglot Notebooks runs it. A cell that throws or fails to compile fails its TRX result and makes
/// dotnet-repl exit with a non-zero code.
/// </summary>
internal sealed record NotebookRun(int ExitCode, string Output, IReadOnlyList<CellResult> Cells)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static NotebookRun Start(string notebook, string trxPath)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var startInfo = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,   // closed at once: the run must never wait for a keyboard
        };
        foreach (string argument in new[]
                 {
                     "tool", "run", "dotnet-repl", "--", "--run", notebook, "--exit-after-run",
                     "--output-format", "trx", "--output-path", trxPath,
                 })
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        using Process process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{notebook} did not finish within {Timeout}.");
        }
        string text = output.GetAwaiter().GetResult() + error.GetAwaiter().GetResult();
        IReadOnlyList<CellResult> cells = File.Exists(trxPath) ? ReadTrx(trxPath) : [];
        return new NotebookRun(process.ExitCode, text, cells);
    }

    private static List<CellResult> ReadTrx(string path)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        // dotnet-repl declares utf-16 but writes UTF-8: parsing the text skips the declared encoding.
        return XDocument.Parse(File.ReadAllText(path)).Descendants(ns + "UnitTestResult")
            .Select(result => new CellResult(
                (string?)result.Attribute("testName") ?? "",
                (string?)result.Attribute("outcome") ?? "",
                (string?)result.Descendants(ns + "StdOut").FirstOrDefault() ?? "",
                (string?)result.Descendants(ns + "Message").FirstOrDefault() ?? ""))
            .ToList();
    }
}

/// <summary>One cell's result in dotnet-repl's TRX: its name ("Cell 3: first line"), outcome, output and error.</summary>
internal sealed record CellResult(string Name, string Outcome, string StdOut, string Error);
