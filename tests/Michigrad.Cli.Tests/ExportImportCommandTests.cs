using Michigrad.Interop;
using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Cli.Tests;

/// <summary><c>michigrad export</c> and <c>michigrad import</c>, on a small saved classifier.</summary>
public sealed class ExportImportCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _model;
    private static readonly ModelMetadata Metadata = new()
    {
        Dataset = "moons", Task = ModelTask.BinaryHinge, FeatureNames = ["x", "y"], ClassNames = ["a", "b"],
    };

    public ExportImportCommandTests()
    {
        var r = new Random(4);
        _model = _folder.File("model.json");
        ModelFile.Save(new Sequential(new Linear(2, 8, r), new Tanh(), new Linear(8, 1, r)), _model, Metadata);
    }

    public void Dispose() => _folder.Dispose();

    private static void AssertOk(CliRun run)
    {
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.Error}; stdout: {run.Output}");
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Export_Onnx_FormatFromTheExtension_WritesTheLibrarysBytes()
    {
        string output = _folder.File("model.onnx");

        CliRun run = CliRun.Of("export", "--model", _model, "--out", output);

        AssertOk(run);
        Assert.Contains("ONNX, opset 17, float64", run.Output);
        SavedModel saved = ModelFile.LoadWithMetadata(_model);
        Assert.Equal(Onnx.ToBytes(saved.Model, metadata: saved.Metadata), File.ReadAllBytes(output));
    }

    [Fact]
    public void Export_FormatOptionWinsOverTheExtension()
    {
        string output = _folder.File("weights.bin");

        AssertOk(CliRun.Of("export", "--model", _model, "--format", "safetensors", "--dtype", "float32", "--out", output));

        SavedModel saved = ModelFile.LoadWithMetadata(_model);
        Assert.Equal(Safetensors.ToBytes(saved.Model, ElementType.Float, saved.Metadata), File.ReadAllBytes(output));
    }

    [Fact]
    public void Export_CSharp_NamesTheClassAfterTheFile()
    {
        string output = _folder.File("moons-model.cs");

        CliRun run = CliRun.Of("export", "--model", _model, "--out", output);

        AssertOk(run);
        string source = File.ReadAllText(output);
        Assert.Contains("public static class MoonsModel", source);
        Assert.Contains("public static string PredictClassName(ReadOnlySpan<double> input)", source);
        Assert.Contains("ClassNames = { \"a\", \"b\" }", source);
    }

    [Fact]
    public void Export_CSharp_WithAClassNameInANamespace()
    {
        string output = _folder.File("Model.cs");

        AssertOk(CliRun.Of("export", "--model", _model, "--out", output, "--class-name", "MyApp.Models.Moons"));

        string source = File.ReadAllText(output);
        Assert.Contains("namespace MyApp.Models;", source);
        Assert.Contains("public static class Moons", source);
    }

    [Fact]
    public void ExportThenImport_GivesBackTheSameModelFile()
    {
        string weights = _folder.File("model.safetensors");
        string imported = _folder.File("imported.json");
        string like = _folder.File("like.json");
        var r = new Random(99);   // same architecture, other weights
        ModelFile.Save(new Sequential(new Linear(2, 8, r), new Tanh(), new Linear(8, 1, r)), like, Metadata);

        AssertOk(CliRun.Of("export", "--model", _model, "--out", weights));
        CliRun run = CliRun.Of("import", "--weights", weights, "--like", like, "--out", imported);

        AssertOk(run);
        Assert.Contains("Wrote", run.Output);
        Assert.Equal(File.ReadAllText(_model), File.ReadAllText(imported));
    }

    [Theory]
    [InlineData("--format must be onnx, safetensors or cs, got 'tflite'.", "--format", "tflite", "--out", "m.tflite")]
    [InlineData("--dtype must be float64 or float32, got 'float16'.", "--dtype", "float16", "--out", "m.onnx")]
    [InlineData("Option '--out' is required.")]
    public void Export_BadOptions(string expected, params string[] args) =>
        CliRun.Of(["export", "--model", "m.json", .. args]).AssertUsageError(expected, "michigrad export");

    [Fact]
    public void Export_UnknownExtension() =>
        CliRun.Of("export", "--model", _model, "--out", _folder.File("model.pt"))
            .AssertUsageError("cannot tell the format of", "michigrad export");

    [Fact]
    public void Export_MissingModel() =>
        CliRun.Of("export", "--model", _folder.File("missing.json"), "--out", _folder.File("m.onnx"))
            .AssertUsageError("missing.json' does not exist", "michigrad export");

    [Fact]
    public void Export_ClassNameWithoutCSharp_WarnsThatItIsIgnored()
    {
        string output = _folder.File("m.onnx");

        CliRun run = CliRun.Of("export", "--model", _model, "--out", output, "--class-name", "M");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("warning: --class-name applies to --format cs; it is ignored with onnx.", run.Error.Trim());
        SavedModel saved = ModelFile.LoadWithMetadata(_model);
        Assert.Equal(Onnx.ToBytes(saved.Model, metadata: saved.Metadata), File.ReadAllBytes(output));
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Export_CSharpWithDType_WarnsThatItIsIgnoredAndWritesTheDoubleClass(string dtype)
    {
        string output = _folder.File("moons-model.cs");

        CliRun run = CliRun.Of("export", "--model", _model, "--format", "cs", "--dtype", dtype, "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("warning: --dtype applies to onnx and safetensors; a C# class computes in double, so it is ignored.", run.Error.Trim());
        string written = File.ReadAllText(output);
        Assert.Contains("ReadOnlySpan<double>", written);
        Assert.DoesNotContain("float", written);
    }

    [Fact]
    public void Export_CSharpWithoutDType_HasNoWarning()
    {
        CliRun run = CliRun.Of("export", "--model", _model, "--out", _folder.File("moons-model.cs"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Export_ClassNameThatIsNotCSharp() =>
        CliRun.Of("export", "--model", _model, "--out", _folder.File("m.cs"), "--class-name", "static")
            .AssertUsageError("'static' is not an identifier", "michigrad export");

    [Fact]
    public void Export_AModelWithNoLayer_IsRefusedWhenRead()
    {
        string open = _folder.File("open.json");
        // No layer, so nothing fixes the input width; ModelFile.Save refuses such a model, so the file is written by hand.
        File.WriteAllText(open, """{ "format": "michigrad-model", "version": 1, "model": { "type": "Sequential", "modules": [{ "type": "Tanh" }] }, "parameters": {} }""");
        string output = _folder.File("open.onnx");

        CliRun.Of("export", "--model", open, "--out", output).AssertUsageError("has no layer with parameters", "michigrad export");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Export_UnwritableOut()
    {
        string file = _folder.Write("a-file", "not a folder");
        CliRun.Of("export", "--model", _model, "--out", Path.Combine(file, "m.onnx"))
            .AssertUsageError("Cannot write --out", "michigrad export");
    }

    [Fact]
    public void Import_MissingWeights() =>
        CliRun.Of("import", "--weights", _folder.File("none.safetensors"), "--like", _model, "--out", _folder.File("new.json"))
            .AssertUsageError("The weights file", "michigrad import");

    [Fact]
    public void Import_TruncatedWeights()
    {
        string weights = _folder.File("cut.safetensors");
        AssertOk(CliRun.Of("export", "--model", _model, "--out", weights));
        byte[] bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..^8]);
        string output = _folder.File("new.json");

        CliRun.Of("import", "--weights", weights, "--like", _model, "--out", output).AssertUsageError("cut.safetensors", "michigrad import");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Import_HostileHeader()
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes, ulong.MaxValue);
        string weights = _folder.File("hostile.safetensors");
        File.WriteAllBytes(weights, bytes);

        CliRun.Of("import", "--weights", weights, "--like", _model, "--out", _folder.File("new.json"))
            .AssertUsageError("more than the limit", "michigrad import");
    }

    [Fact]
    public void Import_WeightsOfAnotherArchitecture()
    {
        string weights = _folder.File("other.safetensors");
        Safetensors.Write(new Sequential(new Linear(2, 4), new Tanh(), new Linear(4, 1)), weights);

        CliRun.Of("import", "--weights", weights, "--like", _model, "--out", _folder.File("new.json"))
            .AssertUsageError("tensor '0.weight' has shape [4, 2] but the model needs [8, 2]", "michigrad import");
    }

    [Fact]
    public void Import_MissingLike() =>
        CliRun.Of("import", "--weights", "w.safetensors", "--like", _folder.File("nope.json"), "--out", _folder.File("new.json"))
            .AssertUsageError("nope.json' does not exist", "michigrad import");
}
