using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Tests.Serialization;

public class ModelFileLimitTests
{
    private static string Document(string model, string parameters = "{}", string metadata = "") =>
        $$"""{ "format": "michigrad-model", "version": 1, "model": {{model}}, "parameters": {{parameters}}{{metadata}} }""";

    private static ModelFileException Fails(string json) =>
        Assert.Throws<ModelFileException>(() => ModelFile.FromJson(json, "test.json"));

    [Fact]
    public void NegativeWidthCannotCancelAHugeOne()
    {
        // 190 bytes that once passed the size check: 2e9 parameters plus -2e9.
        var e = Fails(Document("""{"type":"Sequential","modules":[{"type":"Linear","in":1,"out":1000000000},{"type":"Linear","in":1,"out":-1000000000}]}"""));

        Assert.Equal("$.model.modules[1] (Linear) has \"out\": -1000000000; a width must be at least 1.", e.Reason);
    }

    [Fact]
    public void ArchitectureAboveTheLimit_IsRefusedBeforeBuilding()
    {
        var e = Fails(Document("""{ "type": "MLP", "in": 4000, "sizes": [4000] }"""));

        Assert.Equal("the architecture has 16,004,000 parameters, more than the 10,000,000 a model file may hold.", e.Reason);
    }

    [Theory]
    [InlineData("""{ "type": "Sequential", "modules": [] }""")]
    [InlineData("""{ "type": "Tanh" }""")]
    [InlineData("""{ "type": "Sequential", "modules": [{ "type": "ReLU", "width": 2 }] }""")]
    public void ModelWithoutAnOutputLayer_IsRefused(string model)
    {
        var e = Fails(Document(model));

        Assert.StartsWith("the model has no layer with parameters", e.Reason);
    }

    [Fact]
    public void RepeatedClassNames_AreRefused()
    {
        var e = Fails(Document("""{ "type": "Linear", "in": 1, "out": 2 }""",
            """{ "weight[0,0]": 1, "weight[1,0]": 2, "bias[0]": 0, "bias[1]": 0 }""",
            """, "metadata": { "task": "multiclass", "classNames": ["cat", "cat"] }"""));

        Assert.Equal("the metadata's class names list 'cat' twice; each class needs its own name.", e.Reason);
    }

    [Fact]
    public void RepeatedFeatureNames_AreRefused()
    {
        var e = Fails(Document("""{ "type": "Linear", "in": 2, "out": 1 }""",
            """{ "weight[0,0]": 1, "weight[0,1]": 2, "bias[0]": 0 }""",
            """, "metadata": { "featureNames": ["x", "x"] }"""));

        Assert.Equal("the metadata's feature names list 'x' twice; each feature needs its own name.", e.Reason);
    }

    [Fact]
    public void Load_AFileLongerThanTheLimit_IsRefusedBeforeItIsRead()
    {
        using var folder = new TempFolder();
        string path = folder.File("huge.json");
        using (var file = new FileStream(path, FileMode.CreateNew)) file.SetLength(ModelFile.MaxFileBytes + 1);   // sparse: no disk used

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("the file is 640,000,001 bytes, more than the 640,000,000 a model file may hold (64 bytes for each of at most 10,000,000 parameters).", e.Reason);
        Assert.True(allocated < 1_000_000, $"{allocated:N0} bytes allocated to refuse it");
    }

    [Fact]
    public void Load_AStreamThatNeverEnds_IsRefusedAtItsFirstBytes()
    {
        if (OperatingSystem.IsWindows()) return;   // a character device node is POSIX
        using var folder = new TempFolder();
        string zero = folder.File("zero");
        using (var mknod = System.Diagnostics.Process.Start("mknod", [zero, "c", "1", "5"])!) mknod.WaitForExit();   // as /dev/zero

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(zero));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.StartsWith("a model file is a JSON object starting with '{', but this starts with '\0", e.Reason);
        Assert.True(allocated < 1_000_000, $"{allocated:N0} bytes allocated to refuse it");
    }

    [Fact]
    public void Load_ReadsInMemoryProportionalToTheFile()
    {
        // 201,100 parameters in a file of about 11 MB. Reading it must cost little more than the file and the model
        // itself: reading every value into a document first took several times the file.
        var original = new MLP(100, [1000, 100], seed: 1);
        using var folder = new TempFolder();
        string path = folder.File("model.json");
        ModelFile.Save(original, path);
        long fileBytes = new FileInfo(path).Length;
        ModelFile.Load(path);   // JIT and first-call work out of the measurement

        // What any reader must do: build the model and list its parameters' names once, to match them.
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach ((string name, Value _) in new MLP(100, [1000, 100], seed: 1).NamedParameters()) Assert.NotEmpty(name);
        long model = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        Module loaded = ModelFile.Load(path);
        long load = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(original.Parameters().Select(p => p.Data), loaded.Parameters().Select(p => p.Data));
        double parsing = (double)(load - model) / fileBytes;
        Assert.True(parsing < 2, $"loading a {fileBytes:N0}-byte file allocated {load:N0} bytes, {model:N0} of them to build the model and name its parameters: {parsing:F2} times the file for the parsing");
    }

    [Fact]
    public void Load_ParametersInAnotherOrder_AreMatchedByName()
    {
        var original = new MLP(3, [4, 2], seed: 2);
        string json = ModelFile.ToJson(original);
        // Reverse the order of the parameter lines.
        string[] lines = json.Split('\n');
        int first = Array.FindIndex(lines, l => l.Contains("\"parameters\"")) + 1;
        int last = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith('"'));
        string[] entries = [.. lines[first..(last + 1)].Select(l => l.TrimEnd(',')).Reverse()];
        string reordered = string.Join('\n', [.. lines[..first], .. entries.Select((l, i) => i < entries.Length - 1 ? l + "," : l), .. lines[(last + 1)..]]);

        Module loaded = ModelFile.FromJson(reordered);

        Assert.Equal(original.Parameters().Select(p => p.Data), loaded.Parameters().Select(p => p.Data));
    }

    [Fact]
    public void FromJson_AParameterNameThatIsNotText_IsNamedByItsPlace()
    {
        var e = Fails(Document("""{ "type": "Linear", "in": 2, "out": 1 }""",
            """{ "weight[0,0]": 1, "\ud800": 2, "weight[0,1]": 2, "bias[0]": 0 }"""));

        Assert.Equal("the parameter name at line 1, byte 130 is not valid text (invalid UTF-8, or an escaped lone surrogate such as \\ud800).", e.Reason);
    }
}
