// Runs the course notebooks headless and prints every cell's outcome, as CI checks them.
// From the repository root:  dotnet run tools/run-notebooks.cs [michigrad.es.ipynb|michigrad.en.ipynb|path/to/any.ipynb ...]
// A name is looked up in notebooks/ unless it is the path of an existing file. Every notebook runs from notebooks/, the
// folder the course notebooks' relative #r paths start from.
// It first builds what the notebooks load (src/Michigrad.Interactive in Release) and restores the pinned dotnet-repl.
// Exit code 0 when every cell passed, 1 otherwise.
using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;

string root = Directory.GetCurrentDirectory();
if (!File.Exists(Path.Combine(root, "Michigrad.slnx")))
{
    Console.Error.WriteLine("Run this from the repository root: dotnet run tools/run-notebooks.cs");
    return 2;
}
string[] notebooks = args.Length > 0 ? args : ["michigrad.es.ipynb", "michigrad.en.ipynb"];

if (Run(root, "build", "src/Michigrad.Interactive", "-c", "Release", "-nologo", "-v", "quiet") != 0) return 1;
if (Run(root, "tool", "restore") != 0) return 1;

bool allPassed = true;
foreach (string name in notebooks)
{
    string notebook = File.Exists(name) ? Path.GetFullPath(name) : Path.Combine(root, "notebooks", name);
    string trx = Path.Combine(Path.GetTempPath(), $"michigrad-notebook-{Guid.NewGuid():N}.trx");
    Console.WriteLine($"== {name}");
    if (!File.Exists(notebook))
    {
        Console.WriteLine($"   no such notebook: {notebook}");
        allPassed = false;
        continue;
    }
    int code = Run(Path.Combine(root, "notebooks"), "tool", "run", "dotnet-repl", "--", "--run", notebook, "--exit-after-run",
        "--output-format", "trx", "--output-path", trx);
    if (!File.Exists(trx))
    {
        Console.WriteLine($"   no results: dotnet-repl exited with {code} before running the cells");
        allPassed = false;
        continue;
    }
    XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    // dotnet-repl declares utf-16 but writes UTF-8: parsing the text skips the declared encoding.
    var cells = XDocument.Parse(File.ReadAllText(trx)).Descendants(ns + "UnitTestResult").ToList();
    File.Delete(trx);
    int passed = 0;
    foreach (XElement cell in cells)
    {
        string outcome = (string?)cell.Attribute("outcome") ?? "?";
        // dotnet-repl names a cell "Cell    3: its first line"; one space is enough.
        string title = Regex.Replace((string?)cell.Attribute("testName") ?? "cell", @"^Cell\s+", "Cell ");
        if (outcome == "Passed")
        {
            passed++;
            Console.WriteLine($"   ✔ {title}");
            continue;
        }
        // The failed check or the exception's message: its first line, without the stack trace below it.
        string message = ((string?)cell.Descendants(ns + "Message").FirstOrDefault() ?? "").Trim();
        string reason = message.Length > 0 ? message.ReplaceLineEndings("\n").Split('\n')[0].Trim() : outcome;
        Console.WriteLine($"   ✘ {title} — {reason}");
    }
    Console.WriteLine($"   {passed} of {cells.Count} cells passed");
    allPassed &= code == 0 && passed == cells.Count;
}
return allPassed ? 0 : 1;

static int Run(string folder, params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardInput = true };
    foreach (string argument in arguments) start.ArgumentList.Add(argument);
    start.Environment["DOTNET_NOLOGO"] = "1";
    start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
    using Process process = Process.Start(start)!;
    process.StandardInput.Close();   // never wait for a keyboard
    process.WaitForExit();
    return process.ExitCode;
}
