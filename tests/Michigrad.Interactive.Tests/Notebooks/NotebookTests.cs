using System.Text.Json;
using Michigrad.Interactive.Tests.TestSupport;
using Michigrad.TestSupport;

namespace Michigrad.Interactive.Tests.Notebooks;

/// <summary>
/// Executes notebooks/*.ipynb headless: every cell must succeed, and the notebooks' own checks (the seed example's L
/// and gradients, the classifiers' accuracies) make a cell fail when a number is wrong. The executed results are
/// left as TRX files under test-artifacts/.
/// </summary>
public sealed class NotebookTests
{
    public static TheoryData<string> Notebooks => new() { "michigrad.es.ipynb", "michigrad.en.ipynb" };

    [TheoryNeeding(ExternalTool.DotnetRepl)]
    [MemberData(nameof(Notebooks))]
    public void Notebook_RunsHeadless_EveryCellSucceeds(string name)
    {
        string notebook = Path.Combine(RepositoryRoot.Path, "notebooks", name);
        string trx = Artifacts.File(Path.ChangeExtension(name, ".trx"));
        File.Delete(trx);

        NotebookRun run = NotebookRun.Start(notebook, trx);

        string failures = string.Join("\n", run.Cells.Where(c => c.Outcome != "Passed").Select(c => $"{c.Name}: {c.Error}"));
        Assert.True(run.ExitCode == 0, $"dotnet-repl exited with {run.ExitCode}.\n{failures}\n{run.Output}");
        Assert.Equal(CellCount(notebook), run.Cells.Count);
        Assert.All(run.Cells, cell => Assert.Equal("Passed", cell.Outcome));
        // The checks did run: the seed example's numbers were compared, and the moons classifier was trained.
        string output = string.Concat(run.Cells.Select(c => c.StdOut));
        Assert.Contains("✔ L = 1.4910694698329305", output);
        Assert.Contains("✔ dL/dW₁ = -1.0448459757296646", output);
        Assert.Contains("<svg", output);   // a Value at the end of a cell displays as its Graphviz picture
    }

    [FactNeeding(ExternalTool.DotnetRepl)]
    public void Notebook_WithAWrongNumber_FailsTheRun()
    {
        // The Spanish notebook expecting L rounded to 4 decimals (beyond the checks' 1e-12 tolerance), in a folder of its own whose
        // references point back at this repository's build.
        string folder = Path.Combine(Path.GetTempPath(), "michigrad-notebook-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "notebooks", "michigrad.es.ipynb"));
            string src = JsonEncodedText.Encode(Path.Combine(RepositoryRoot.Path, "src") + "/").ToString();
            string broken = text
                .Replace("Comprobar(\\\"L\\\", L.Data, 1.4910694698329305)", "Comprobar(\\\"L\\\", L.Data, 1.4911)")
                .Replace("\\\"../src/", "\\\"" + src);
            Assert.NotEqual(text.Length, broken.Length);   // both replacements found their text
            Assert.Contains("L.Data, 1.4911)", broken);
            // The tool manifest comes along, so that `dotnet tool run dotnet-repl` finds the pinned tool there.
            Directory.CreateDirectory(Path.Combine(folder, ".config"));
            File.Copy(Path.Combine(RepositoryRoot.Path, ".config", "dotnet-tools.json"), Path.Combine(folder, ".config", "dotnet-tools.json"));
            string notebook = Path.Combine(folder, "roto.ipynb");
            File.WriteAllText(notebook, broken);

            NotebookRun run = NotebookRun.Start(notebook, Path.Combine(folder, "roto.trx"));

            Assert.True(run.ExitCode != 0, run.Output);
            CellResult failed = Assert.Single(run.Cells, c => c.Outcome != "Passed");
            Assert.Contains("L: se esperaba 1.4911 y se obtuvo 1.4910694698329305", failed.Error);
            Assert.Contains("✔ c.Data = -5", string.Concat(run.Cells.Select(c => c.StdOut)));   // the rest did run
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int CellCount(string notebook)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(notebook));
        return document.RootElement.GetProperty("cells").GetArrayLength();
    }
}
