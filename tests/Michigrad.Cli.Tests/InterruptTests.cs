using System.Diagnostics;
using Michigrad.Cli.Running;

namespace Michigrad.Cli.Tests;

/// <summary>Ctrl+C sent to a real <c>michigrad</c> process, as a terminal sends SIGINT.</summary>
public class InterruptTests
{
    private static Process Start(string workingFolder, params string[] args) => Start(workingFolder, [], args);

    private static Process Start(string workingFolder, (string Name, string Value)[] environment, params string[] args)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "Michigrad.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingFolder,
        };
        foreach ((string name, string value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(tool);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    /// <summary>Reads standard error until the tool says it is stalling inside the step <see cref="StalledStep"/> set.</summary>
    private static async Task WaitForTheStall(Process michigrad)
    {
        string? line;
        var said = new System.Text.StringBuilder();
        do
        {
            line = await michigrad.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            said.AppendLine(line);
        }
        while (line is not null && line != StalledStep.Announcement);
        if (line is null) Assert.Fail("the tool ended before the stalled step: " + said);
    }

    private static void SendCtrlC(Process process)
    {
        using Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    [Fact]
    public async Task FirstCtrlC_StopsAReadBlockedOnAPipeWithinASecond()
    {
        if (OperatingSystem.IsWindows()) return;   // a named pipe (FIFO) and SIGINT are POSIX
        using var folder = new TempFolder();
        string fifo = folder.File("data.csv");
        using (Process mkfifo = Process.Start("mkfifo", [fifo])!) mkfifo.WaitForExit();
        using Process michigrad = Start(folder.Path, "train", "--dataset", fifo, "--target", "y", "--out", folder.File("out"));
        Task<string> error = michigrad.StandardError.ReadToEndAsync();
        // Opening a FIFO for writing waits for its reader: once this returns, the tool is running (its Ctrl+C handler
        // set) and has the pipe open, and its read blocks, since nothing is ever written. No guess at start-up time.
        await using FileStream writer = await Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write))
            .WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(200);
        Assert.False(michigrad.HasExited, michigrad.HasExited ? await error : "");

        var clock = Stopwatch.StartNew();
        SendCtrlC(michigrad);
        bool exited = michigrad.WaitForExit(5000);
        if (!exited) michigrad.Kill();

        Assert.True(exited, "still running 5 s after Ctrl+C");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal(130, michigrad.ExitCode);
        Assert.Contains("Interrupted", await error);
    }

    [Fact]
    public async Task FirstCtrlC_DuringATrainingStepThatNeverLooksAtTheToken_Exits130WithinASecondAndKeepsTheOldModel()
    {
        if (OperatingSystem.IsWindows()) return;   // SIGINT is POSIX
        using var folder = new TempFolder();
        string outFolder = folder.File("out");
        Directory.CreateDirectory(outFolder);
        string model = Path.Combine(outFolder, "model.json");
        File.WriteAllText(model, "the previous run's model");
        // A real step of a big graph looks at no token for seconds on a slow machine but may end within the grace
        // period on a fast one; the stall stands in for a step longer than any grace period, on every machine.
        using Process michigrad = Start(folder.Path, [(StalledStep.Variable, "1")], "train", "--steps", "5", "--out", outFolder);
        try
        {
            Task<string> output = michigrad.StandardOutput.ReadToEndAsync();
            // The tool says so as the stall begins: from this line on it is inside the first step.
            await WaitForTheStall(michigrad);
            Task<string> error = michigrad.StandardError.ReadToEndAsync();

            var clock = Stopwatch.StartNew();
            SendCtrlC(michigrad);
            bool exited = michigrad.WaitForExit(5000);

            Assert.True(exited, "still running 5 s after Ctrl+C");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
            string errors = await error;
            Assert.True(michigrad.ExitCode == 130, $"exit code {michigrad.ExitCode}: {errors}");
            // The step was still running when the grace period ended: the process-exit backstop stopped it.
            Assert.Contains("Interrupted; stopped without waiting for the current phase to finish.", errors);
            Assert.DoesNotContain("step 1/5", await output);
            Assert.Equal("the previous run's model", File.ReadAllText(model));
            Assert.Equal(["model.json"], Directory.GetFileSystemEntries(outFolder).Select(Path.GetFileName));
        }
        finally
        {
            if (!michigrad.HasExited) michigrad.Kill();
        }
    }

    [Fact]
    public async Task CtrlC_InsideAnImageRunsStep_LeavesTheModelOfTheLastCompleteBatch()
    {
        if (OperatingSystem.IsWindows()) return;   // SIGINT is POSIX
        using var folder = new TempFolder();
        ImageDatasetTests.WriteImageSet(folder, "train", ImageDatasetTests.Cycle(100));
        ImageDatasetTests.WriteImageSet(folder, "t10k", ImageDatasetTests.Cycle(10));
        string outFolder = folder.File("out");
        // Ten batches; the third stalls past the grace period, as a long step does, so only a checkpoint of the
        // second can be on disk when the process is ended.
        using Process michigrad = Start(folder.Path, [(StalledStep.Variable, "3")], "train", "--dataset", "fashion-mnist",
            "--data-dir", folder.Path, "--hidden", "4", "--epochs", "1", "--batch-size", "10", "--out", outFolder);
        try
        {
            await WaitForTheStall(michigrad);
            Task<string> error = michigrad.StandardError.ReadToEndAsync();

            SendCtrlC(michigrad);
            bool exited = michigrad.WaitForExit(5000);

            Assert.True(exited, "still running 5 s after Ctrl+C");
            Assert.True(michigrad.ExitCode == 130, $"exit code {michigrad.ExitCode}: {await error}");
            Michigrad.NN.Module model = Michigrad.Serialization.ModelFile.Load(Path.Combine(outFolder, "model.json"));
            Assert.Equal(784 * 4 + 4 + 4 * 10 + 10, model.Parameters().Count());
        }
        finally
        {
            if (!michigrad.HasExited) michigrad.Kill();
        }
    }
}
