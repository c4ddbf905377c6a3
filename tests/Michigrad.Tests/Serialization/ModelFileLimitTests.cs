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
}
