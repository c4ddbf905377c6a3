using System.Text;
using Michigrad.Cli.Running;
using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Cli.Tests;

/// <summary>One rule for every output: a regular file or a new name, never a device, pipe or folder, never an input
/// (links resolved on the whole path), written by rename keeping the mode, refused where a shell's '>' would be.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]   // device nodes, FIFOs, modes and links are POSIX
public sealed class OutputRuleTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Input() => _folder.Write("in.csv", "x0,x1\n0.5,-0.2\n1,1\n");

    [Fact]
    public void Predict_OutputThatIsACharacterDevice_IsRefusedAndLeftADevice()
    {
        string device = Nodes.CharacterDevice(_folder, "null");

        CliRun.Of("predict", "--model", trained.ModelPath, "--input", Input(), "--output", device)
            .AssertUsageError("is a character device, not a regular file", "michigrad predict");

        Assert.Equal(PathKind.CharacterDevice, PathFacts.KindOf(device));
    }

    [Fact]
    public void Export_OutputThatIsALinkToADevice_IsRefusedAndTheLinkKept()
    {
        string device = Nodes.CharacterDevice(_folder, "null");
        string link = _folder.File("m.onnx");
        File.CreateSymbolicLink(link, device);

        CliRun.Of("export", "--model", trained.ModelPath, "--out", link)
            .AssertUsageError("is a character device, not a regular file", "michigrad export");

        Assert.Equal(device, new FileInfo(link).LinkTarget);
        Assert.Equal(PathKind.CharacterDevice, PathFacts.KindOf(device));
    }

    [Theory]
    [InlineData("graph", "--out", "g.dot")]
    [InlineData("import", "--out", "new.json")]
    public void Output_ThatIsAPipe_IsRefused(string command, string option, string name)
    {
        string fifo = Nodes.Fifo(_folder, name);
        string weights = _folder.File("w.safetensors");
        Assert.Equal(0, CliRun.Of("export", "--model", trained.ModelPath, "--out", weights).ExitCode);
        string[] args = command == "graph"
            ? ["graph", option, fifo]
            : ["import", "--weights", weights, "--like", trained.ModelPath, option, fifo];

        CliRun.Of(args).AssertUsageError("is a pipe, not a regular file", $"michigrad {command}");

        Assert.Equal(PathKind.Pipe, PathFacts.KindOf(fifo));
    }

    [Fact]
    public void Predict_OutputDash_WritesTheCsvToStandardOutput()
    {
        CliRun run = CliRun.Of("predict", "--model", trained.ModelPath, "--input", Input(), "--output", "-");

        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("x0,x1,class,score", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void Import_OutThatIsTheWeightsFile_IsRefusedAndTheWeightsKept()
    {
        string weights = _folder.File("w.safetensors");
        Assert.Equal(0, CliRun.Of("export", "--model", trained.ModelPath, "--out", weights).ExitCode);
        byte[] before = File.ReadAllBytes(weights);

        CliRun.Of("import", "--weights", weights, "--like", trained.ModelPath, "--out", weights)
            .AssertUsageError("is the --weights file: writing it would destroy it", "michigrad import");

        Assert.Equal(before, File.ReadAllBytes(weights));
    }

    [Fact]
    public void Export_OutThatIsTheModelThroughALink_IsRefusedAndTheModelKept()
    {
        string model = _folder.File("model.json");
        File.Copy(trained.ModelPath, model);
        string link = _folder.File("model.onnx");
        File.CreateSymbolicLink(link, model);
        string before = File.ReadAllText(model);

        CliRun.Of("export", "--model", model, "--out", link, "--format", "onnx")
            .AssertUsageError("is the --model file: writing it would destroy it", "michigrad export");

        Assert.Equal(before, File.ReadAllText(model));
    }

    [Fact]
    public void Predict_OutputThatIsTheInputThroughALinkTwoFoldersUp_IsRefused()
    {
        // lnk -> real; lnk/sub/f.csv and real/sub/f.csv are one file, though neither path's folder is a link.
        string real = Directory.CreateDirectory(_folder.File("real/sub")).Parent!.FullName;
        string input = Path.Combine(real, "sub", "f.csv");
        File.WriteAllText(input, "x0,x1\n0.5,-0.2\n");
        Directory.CreateSymbolicLink(_folder.File("lnk"), real);

        CliRun.Of("predict", "--model", trained.ModelPath, "--input", _folder.File("lnk/sub/f.csv"), "--output", input)
            .AssertUsageError("is the --input file: writing it would destroy it", "michigrad predict");

        Assert.Equal("x0,x1\n0.5,-0.2\n", File.ReadAllText(input));
    }

    [Fact]
    public void Predict_OverAPrivateFile_KeepsItsMode()
    {
        string output = _folder.Write("private.csv", "old");
        File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        CliRun run = CliRun.Of("predict", "--model", trained.ModelPath, "--input", Input(), "--output", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("x0,x1,class,score", File.ReadAllText(output));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
    }

    [Fact]
    public void Predict_OverAFileAShellCouldNotWrite_IsRefusedAndTheFileKept()
    {
        string output = _folder.Write("locked.csv", "old");
        Nodes.MakeReadOnly(output);
        try
        {
            CliRun.Of("predict", "--model", trained.ModelPath, "--input", Input(), "--output", output)
                .AssertUsageError("permission denied", "michigrad predict");

            Assert.Equal("old", File.ReadAllText(output));
        }
        finally
        {
            Nodes.MakeWritable(output);
        }
    }

    [Theory]
    [InlineData("export")]
    [InlineData("import")]
    public void EmptyOut_IsABadInputInOurWords(string command)
    {
        string[] args = command == "export"
            ? ["export", "--model", trained.ModelPath, "--out", ""]
            : ["import", "--weights", "w.safetensors", "--like", trained.ModelPath, "--out", ""];

        CliRun.Of(args).AssertUsageError("--out is empty: give a file name.", $"michigrad {command}");
    }

    [Fact]
    public void Export_CtrlCBeforeTheRename_KeepsTheOldFileAndExits130()
    {
        string output = _folder.Write("m.onnx", "the old export");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        CliRun run = CliRun.Of(cancelled.Token, "export", "--model", trained.ModelPath, "--out", output);

        Assert.Equal(130, run.ExitCode);
        Assert.Equal("the old export", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_folder.Path, ".m.onnx.*"));
    }

    [Fact]
    public void Write_ACtrlCWhileTheTemporaryFileIsWritten_KeepsTheOldFile()
    {
        string path = _folder.Write("out.csv", "old");
        using var cancellation = new CancellationTokenSource();
        var context = new CliContext(new Spectre.Console.Testing.TestConsole(), new StringWriter(), cancellation.Token);
        OutputFile output = OutputFile.Check(path, "--output", standardOutput: false);

        Assert.Throws<OperationCanceledException>(() => output.Write(context, temporary =>
        {
            File.WriteAllText(temporary, "new");
            cancellation.Cancel();   // Ctrl+C after the new file is whole, before it is renamed
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["out.csv"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Export_Float32OfAWeightBeyondItsRange_IsRefusedNamingIt()
    {
        var model = new Linear(2, 1, seed: 1);
        model.Weight[0, 1].Data = 1e39;
        string modelPath = _folder.File("big.json");
        ModelFile.Save(model, modelPath);

        CliRun.Of("export", "--model", modelPath, "--out", _folder.File("big.onnx"), "--dtype", "float32")
            .AssertUsageError("Parameter weight[0,1] is 1E+39, beyond the range of float32", "michigrad export");

        Assert.False(File.Exists(_folder.File("big.onnx")));
    }

    [Fact]
    public void ExportAndImport_FileNamesWithControlCharacters_NeverReachTheTerminal()
    {
        string weights = _folder.File("w\u001b[31m\u0007.safetensors");
        string output = _folder.File("new\u001b]0;x\u0007.json");

        CliRun export = CliRun.Of("export", "--model", trained.ModelPath, "--out", weights);
        CliRun import = CliRun.Of("import", "--weights", weights, "--like", trained.ModelPath, "--out", output);

        foreach (CliRun run in new[] { export, import })
        {
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.DoesNotContain('\u001b', run.Output + run.Error);
            Assert.DoesNotContain('\u0007', run.Output + run.Error);
        }
        Assert.Contains(@"w\e[31m\u0007.safetensors", import.Output);
    }

    [Fact]
    public void Predict_ClassNamesAndColumnsThatAreFormulas_AreNeutralisedInTheCsv()
    {
        var model = new Linear(2, 2, seed: 1);
        string modelPath = _folder.File("formula.json");
        ModelFile.Save(model, modelPath, new ModelMetadata
        {
            Task = ModelTask.Multiclass,
            FeatureNames = ["=1+1", "-x"],
            ClassNames = ["=cmd|' /C calc'!A0", "@SUM(A1)"],
        });
        string input = _folder.Write("in.csv", "=1+1,-x\n-1.5,2\n1.5,-2\n");
        string output = _folder.File("out.csv");

        CliRun run = CliRun.Of("predict", "--model", modelPath, "--input", input, "--output", output);

        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = File.ReadAllLines(output, Encoding.UTF8);
        Assert.Equal("\"'=1+1\",\"'-x\",class,probability", lines[0]);
        Assert.StartsWith("-1.5,2,", lines[1]);   // numbers stay numbers
        foreach (string line in lines[1..])
            Assert.Matches("""^[^,]+,[^,]+,"'(=cmd\|' /C calc'!A0|@SUM\(A1\))",[0-9.E-]+$""", line);
    }

    [Fact]
    public void Export_ToAFileNamedAfterAMember_GivesTheClassANameThatCompiles()
    {
        string output = _folder.File("predict.cs");

        CliRun run = CliRun.Of("export", "--model", trained.ModelPath, "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("C# class PredictModel", run.Output);
        Assert.Contains("public static class PredictModel", File.ReadAllText(output));
    }

    [Fact]
    public void Export_AClassNameThatTheCodeUses_IsABadInputNamingWhy() =>
        CliRun.Of("export", "--model", trained.ModelPath, "--out", _folder.File("m.cs"), "--class-name", "Math")
            .AssertUsageError("--class-name 'Math' is not a C# class name: 'Math' is not an identifier the generated code can use: the generated code uses it itself", "michigrad export");
}
