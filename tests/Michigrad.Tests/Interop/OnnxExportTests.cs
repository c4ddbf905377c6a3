using Michigrad.Interop;
using Michigrad.NN;
using Michigrad.Serialization;
using Michigrad.Tests.Serialization;
using ModelMetadata = Michigrad.Serialization.ModelMetadata;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Michigrad.Tests.Interop;

/// <summary>Every ONNX export runs in ONNX Runtime and gives the model's outputs.</summary>
public class OnnxExportTests
{
    private const int Rows = 1000;

    private static InferenceSession Session(byte[] model) =>
        new(model, new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });

    private static double[] RunDouble(InferenceSession session, double[] inputs, int width)
    {
        var tensor = new DenseTensor<double>(inputs, [inputs.Length / width, width]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(Onnx.InputName, tensor)]);
        return [.. results.Single(r => r.Name == Onnx.OutputName).AsEnumerable<double>()];
    }

    private static float[] RunFloat(InferenceSession session, double[] inputs, int width)
    {
        var tensor = new DenseTensor<float>(inputs.Select(v => (float)v).ToArray(), [inputs.Length / width, width]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(Onnx.InputName, tensor)]);
        return [.. results.Single(r => r.Name == Onnx.OutputName).AsEnumerable<float>()];
    }

    /// <summary>
    /// |actual - expected| ≤ tolerance·scale for every output, the scale being the largest |expected| of that output
    /// over the batch. Relative to the output's own scale, not to each value: where a sum of terms near 1 cancels to
    /// about 1e-5, summing in another order (as a GEMM does) moves the last bits of the terms, which is 1e-16 of
    /// the terms but 1e-11 of the tiny result.
    /// </summary>
    private static void AssertRelative(double[] expected, IReadOnlyList<double> actual, int outputs, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Count);
        var scale = new double[outputs];
        for (int k = 0; k < expected.Length; k++) scale[k % outputs] = Math.Max(scale[k % outputs], Math.Abs(expected[k]));
        for (int k = 0; k < expected.Length; k++)
        {
            double error = Math.Abs(actual[k] - expected[k]);
            double s = scale[k % outputs];
            Assert.True(error <= tolerance * s,
                $"row {k / outputs}, output {k % outputs}: ONNX Runtime {actual[k]:R}, Michigrad {expected[k]:R}, error {error:E2} > {tolerance:E0} × {s:R}");
        }
    }

    [Theory]
    [MemberData(nameof(ExportableModels.Names), MemberType = typeof(ExportableModels))]
    public void Float64Export_MatchesTheModelWithin1e12Relative(string name)
    {
        ExportableModels.Case c = ExportableModels.Get(name);
        int width = c.Model.InputSize!.Value;
        double[] inputs = ExportableModels.RandomInputs(Rows, width, seed: name.Length);
        using InferenceSession session = Session(Onnx.ToBytes(c.Model, elementType: ElementType.Double, metadata: c.Metadata));

        double[] onnx = RunDouble(session, inputs, width);

        AssertRelative(ExportableModels.Outputs(c.Model, inputs, width), onnx, c.Model.OutputSize!.Value, 1e-12);
    }

    [Theory]
    [MemberData(nameof(ExportableModels.Names), MemberType = typeof(ExportableModels))]
    public void Float32Export_MatchesTheModelWithin1e5Relative(string name)
    {
        ExportableModels.Case c = ExportableModels.Get(name);
        int width = c.Model.InputSize!.Value;
        double[] inputs = ExportableModels.RandomInputs(Rows, width, seed: name.Length + 1);
        using InferenceSession session = Session(Onnx.ToBytes(c.Model, elementType: ElementType.Float, metadata: c.Metadata));

        float[] onnx = RunFloat(session, inputs, width);

        AssertRelative(ExportableModels.Outputs(c.Model, inputs, width), [.. onnx.Select(v => (double)v)], c.Model.OutputSize!.Value, 1e-5);
    }

    [Fact]
    public void Float64Export_OfAWellConditionedModel_MatchesEveryValueWithin1e12Relative()
    {
        // Positive inputs and weights: no cancellation, so every single output must agree to 1e-12 of itself.
        var r = new Random(3);
        var model = new Sequential(new Linear(3, 6, r), new Sigmoid(), new Linear(6, 2, r));
        foreach (Value p in model.Parameters()) p.Data = Math.Abs(p.Data) + 0.01;
        double[] inputs = [.. ExportableModels.RandomInputs(Rows, 3, seed: 4).Select(Math.Abs)];
        using InferenceSession session = Session(Onnx.ToBytes(model));

        double[] onnx = RunDouble(session, inputs, 3);
        double[] expected = ExportableModels.Outputs(model, inputs, 3);

        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(onnx[k] - expected[k]) <= 1e-12 * Math.Abs(expected[k]), $"output {k}: {onnx[k]:R} vs {expected[k]:R}");
    }

    [Fact]
    public void Metadata_IsInTheMetadataProps()
    {
        ExportableModels.Case c = ExportableModels.Get("sequential-tanh-multiclass");
        var metadata = c.Metadata with { Dataset = "blobs", FeatureNames = ["a", "b", "c", "d"] };
        using InferenceSession session = Session(Onnx.ToBytes(c.Model, metadata: metadata));

        Dictionary<string, string> props = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("multiclass", props["task"]);
        Assert.Equal("blobs", props["dataset"]);
        Assert.Equal("""["class 0","class 1","class 2"]""", props["classNames"]);
        Assert.Equal("""["a","b","c","d"]""", props["featureNames"]);
        Assert.Equal("Michigrad", session.ModelMetadata.ProducerName);
    }

    [Fact]
    public void InputAndOutput_AreNamedAndBatched()
    {
        using InferenceSession session = Session(Onnx.ToBytes(new MLP(2, [4, 3])));

        NodeMetadata input = session.InputMetadata[Onnx.InputName];
        NodeMetadata output = session.OutputMetadata[Onnx.OutputName];
        Assert.Equal([-1, 2], input.Dimensions);
        Assert.Equal(["N", ""], input.SymbolicDimensions);
        Assert.Equal([-1, 3], output.Dimensions);
        Assert.Equal(typeof(double), input.ElementType);
    }

    [Fact]
    public void Export_WritesTheFileAtomically()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.onnx");
        File.WriteAllText(path, "old");
        var bad = new Linear(2, 1);
        bad.Bias![0].Data = double.PositiveInfinity;

        Assert.Throws<ArgumentException>(() => Onnx.Export(bad, path));
        Assert.Equal("old", File.ReadAllText(path));

        Onnx.Export(new Linear(2, 1), path, elementType: ElementType.Float);
        using InferenceSession session = Session(File.ReadAllBytes(path));
        Assert.Equal(typeof(float), session.InputMetadata[Onnx.InputName].ElementType);
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Export_ActivationFirst_NeedsTheInputWidth()
    {
        var model = new Sequential(new Tanh(), new Linear(2, 1));   // Linear fixes the width: fine
        Assert.NotEmpty(Onnx.ToBytes(model));
        var open = new Sequential(new Tanh());
        Assert.Contains("pass inputs", Assert.Throws<ArgumentException>(() => Onnx.ToBytes(open)).Message);
        using InferenceSession session = Session(Onnx.ToBytes(open, inputs: 3));
        Assert.Equal([-1, 3], session.OutputMetadata[Onnx.OutputName].Dimensions);
    }

    [Fact]
    public void Export_MetadataThatContradictsTheModel_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Onnx.ToBytes(new Linear(2, 3), metadata: new Michigrad.Serialization.ModelMetadata { Task = ModelTask.BinaryHinge }));
        Assert.Contains("1 output", e.Message);
    }
}
