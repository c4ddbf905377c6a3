using System.Text.Json;
using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Tests.Serialization;

public class ModelFileFormatTests
{
    [Fact]
    public void ToJson_WritesFormatVersionArchitectureAndNamedParameters()
    {
        var model = new Sequential(new Linear(2, 4), new Linear(4, 4, bias: false), new Linear(4, 3), new Tanh(3));

        string json = ModelFile.ToJson(model);

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        Assert.Equal(["format", "version", "model", "parameters"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("michigrad-model", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        JsonElement modules = root.GetProperty("model").GetProperty("modules");
        Assert.Equal("Sequential", root.GetProperty("model").GetProperty("type").GetString());
        Assert.Equal("""{"type":"Linear","in":4,"out":4,"bias":false}""", Compact(modules[1]));
        Assert.Equal("""{"type":"Tanh","width":3}""", Compact(modules[3]));
        Assert.Equal(model.NamedParameters().Select(p => p.Name), root.GetProperty("parameters").EnumerateObject().Select(p => p.Name));
        Assert.Equal(model.NamedParameters().First().Parameter.Data, root.GetProperty("parameters").GetProperty("0.weight[0,0]").GetDouble());
    }

    [Fact]
    public void ToJson_DescribesAnMLPByItsConstructorArguments()
    {
        string json = ModelFile.ToJson(new MLP(2, [16, 16, 1], hiddenActivation: Activation.Tanh));

        using JsonDocument document = JsonDocument.Parse(json);
        Assert.Equal("""{"type":"MLP","in":2,"sizes":[16,16,1],"bias":true,"hiddenActivation":"Tanh"}""",
            Compact(document.RootElement.GetProperty("model")));
        Assert.True(document.RootElement.GetProperty("parameters").TryGetProperty("layers.2.neurons.0.b", out _));
    }

    [Fact]
    public void ToJson_OmitsTheWidthOfAnActivationThatAcceptsAnyWidth()
    {
        using JsonDocument document = JsonDocument.Parse(ModelFile.ToJson(new Sequential(new Linear(1, 2), new ReLU())));

        Assert.Equal("""{"type":"ReLU"}""", Compact(document.RootElement.GetProperty("model").GetProperty("modules")[1]));
    }

    [Fact]
    public void ToJson_IsIndentedWithUnixLineBreaksAndEndsWithOne()
    {
        string json = ModelFile.ToJson(new Linear(1, 1));

        Assert.StartsWith("{\n  \"format\": \"michigrad-model\",\n  \"version\": 1,\n", json);
        Assert.EndsWith("}\n", json);
        Assert.DoesNotContain('\r', json);
    }

    [Fact]
    public void FromJson_ReadsAHandWrittenDocument_UsingTheConstructorDefaults()
    {
        const string json = """
            {
              "format": "michigrad-model",
              "version": 1,
              "model": { "type": "Sequential", "modules": [
                { "type": "Linear", "in": 2, "out": 1 },
                { "type": "Sigmoid" },
                { "type": "Neuron", "in": 1 }
              ] },
              "parameters": { "0.weight[0,0]": 0.5, "0.weight[0,1]": -1.5, "0.bias[0]": 0.25, "2.w[0]": 2, "2.b": -1 }
            }
            """;

        Module model = ModelFile.FromJson(json);

        Assert.Equal("Sequential(Linear(2, 1), Sigmoid(), Neuron(1, bias: true, activation: ReLU))", model.ToString());
        // relu(2·σ(0.5·1 - 1.5·2 + 0.25) - 1)
        double expected = Math.Max(0, 2 / (1 + Math.Exp(-(0.5 - 3 + 0.25))) - 1);
        Assert.Equal(expected, model.Forward(1.0, 2.0)[0].Data, 15);
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
