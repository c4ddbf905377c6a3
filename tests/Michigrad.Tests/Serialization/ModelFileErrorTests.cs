using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Tests.Serialization;

public class ModelFileErrorTests
{
    private const string LinearModel = """{ "type": "Linear", "in": 2, "out": 1 }""";
    private const string LinearParameters = """{ "weight[0,0]": 0.5, "weight[0,1]": -0.5, "bias[0]": 0.125 }""";

    private static string Document(string model = LinearModel, string parameters = LinearParameters, string header = "\"format\": \"michigrad-model\", \"version\": 1") =>
        $"{{\n  {header},\n  \"model\": {model},\n  \"parameters\": {parameters}\n}}\n";

    /// <summary>Loads the text from a real file and returns the failure, checking that it names the file.</summary>
    private static ModelFileException LoadFails(string content)
    {
        using var folder = new TempFolder();
        string path = folder.File("broken.json");
        File.WriteAllText(path, content);
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.StartsWith($"Model file '{path}': ", e.Message);
        Assert.Equal(path, e.FileName);
        return e;
    }

    private static ModelFileException Fails(string json)
    {
        var e = Assert.Throws<ModelFileException>(() => ModelFile.FromJson(json, "test.json"));
        Assert.StartsWith("Model file 'test.json': ", e.Message);
        Assert.EndsWith(e.Reason, e.Message);
        return e;
    }

    [Fact]
    public void TheDocumentUsedByTheseTests_IsValid()
    {
        Module model = ModelFile.FromJson(Document());

        Assert.Equal(0.125, model.Forward(1.0, 1.0)[0].Data);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundNamingThePath()
    {
        using var folder = new TempFolder();
        string path = folder.File("absent.json");

        var e = Assert.Throws<FileNotFoundException>(() => ModelFile.Load(path));

        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t\n")]
    public void Load_EmptyFile_SaysItIsEmpty(string content)
    {
        var e = LoadFails(content);

        Assert.Equal("the file is empty.", e.Reason);
    }

    [Fact]
    public void FromJson_EmptyTextWithoutAName_SaysTheTextIsEmpty()
    {
        var e = Assert.Throws<ModelFileException>(() => ModelFile.FromJson(""));

        Assert.Equal("Model JSON: the text is empty.", e.Message);
        Assert.Null(e.FileName);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Load_TruncatedFile_SaysItLooksTruncated_WithTheLine(double keep)
    {
        string json = ModelFile.ToJson(new MLP(2, [3, 1]));
        string truncated = json[..(int)(json.Length * keep)];

        var e = LoadFails(truncated);

        Assert.Contains("the file looks truncated", e.Reason);
        Assert.Equal(truncated.TrimEnd().Count(c => c == '\n') + 1, e.LineNumber);
        Assert.Contains($"line {e.LineNumber}, byte {e.BytePositionInLine}", e.Reason);
    }

    [Fact]
    public void Load_FileCutJustAfterALineBreak_StillLooksTruncated()
    {
        string json = ModelFile.ToJson(new Linear(2, 1));
        string truncated = json[..(json.IndexOf("\"parameters\"", StringComparison.Ordinal))];   // ends with "\n  "

        var e = LoadFails(truncated);

        Assert.Contains("the file looks truncated", e.Reason);
    }

    [Fact]
    public void Load_InvalidJson_GivesTheLineAndByteCountedFromOne()
    {
        string json = Document().Replace("\"version\": 1", "\"version\": 1 oops");

        var e = LoadFails(json);

        Assert.Equal(2, e.LineNumber);
        Assert.Equal(45, e.BytePositionInLine);   // the 'o' of "oops": 2 spaces, 28 + 1 + 12 characters, a space, then it
        Assert.StartsWith("JSON error at line 2, byte 45: 'o' is invalid", e.Reason);
        Assert.DoesNotContain("LineNumber:", e.Reason);   // the 0-based position is said once, counted from 1
        Assert.IsType<System.Text.Json.JsonException>(e.InnerException);
    }

    [Theory]
    [InlineData("[1, 2]", "'[1, 2]'")]
    [InlineData("null", "'null'")]
    [InlineData("model: linear", "'model: linear'")]
    public void FromJson_TextThatIsNotAnObject_SaysAModelFileIsAJsonObject(string json, string excerpt)
    {
        var e = Fails(json);

        Assert.Contains("a model file is a JSON object", e.Reason);
        Assert.Contains(excerpt, e.Reason);
    }

    [Fact]
    public void Load_WrongFormat_SaysItIsNotAMichigradModelFile()
    {
        var e = LoadFails(Document(header: "\"format\": \"onnx\", \"version\": 1"));

        Assert.Equal("\"format\" is \"onnx\", not \"michigrad-model\": this is not a Michigrad model file.", e.Reason);
    }

    [Fact]
    public void FromJson_MissingFormat_SaysSo()
    {
        var e = Fails("""{ "version": 1, "weights": [1, 2] }""");

        Assert.StartsWith("the document has no \"format\"", e.Reason);
    }

    [Fact]
    public void Load_UnsupportedVersion_NamesBothVersions_EvenWithFieldsThisVersionDoesNotKnow()
    {
        var e = LoadFails(Document(header: "\"format\": \"michigrad-model\", \"version\": 2, \"optimizer\": {}"));

        Assert.Equal("version 2 is not supported; this version of Michigrad reads version 1.", e.Reason);
    }

    [Fact]
    public void FromJson_MissingVersion_SaysSo()
    {
        var e = Fails(Document(header: "\"format\": \"michigrad-model\""));

        Assert.Equal("the document has no \"version\".", e.Reason);
    }

    [Fact]
    public void Load_UnknownModuleType_NamesItsPlaceAndTheTypesAFileHolds()
    {
        string model = """{ "type": "Sequential", "modules": [ { "type": "Linear", "in": 2, "out": 1 }, { "type": "Conv2d" } ] }""";

        var e = LoadFails(Document(model, """{ "0.weight[0,0]": 1, "0.weight[0,1]": 1, "0.bias[0]": 1 }"""));

        Assert.StartsWith("$.model.modules[1] has the unknown module type \"Conv2d\"", e.Reason);
        Assert.Contains("Sequential, Linear, Tanh, ReLU, Sigmoid, MLP, Layer or Neuron", e.Reason);
    }

    [Fact]
    public void FromJson_ModuleWithoutType_SaysSo()
    {
        var e = Fails(Document("""{ "in": 2, "out": 1 }"""));

        Assert.Equal("$.model has no \"type\".", e.Reason);
    }

    [Theory]
    [InlineData("\"weight[0,1]\": 1e400", "parameter \"weight[0,1]\" is 1e400, which is not a finite double.")]
    [InlineData("\"weight[0,1]\": -1e999", "parameter \"weight[0,1]\" is -1e999, which is not a finite double.")]
    [InlineData("\"weight[0,1]\": \"NaN\"", "parameter \"weight[0,1]\" is \"NaN\", not a number.")]
    [InlineData("\"weight[0,1]\": null", "parameter \"weight[0,1]\" is null, not a number.")]
    [InlineData("\"weight[0,1]\": [1]", "parameter \"weight[0,1]\" is [1], not a number.")]
    public void Load_ParameterThatIsNotAFiniteNumber_NamesTheParameter(string entry, string reason)
    {
        var e = LoadFails(Document(parameters: $$"""{ "weight[0,0]": 0.5, {{entry}}, "bias[0]": 0 }"""));

        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void Load_MissingParameters_NamesTheFirstFewAndCountsThem()
    {
        string json = ModelFile.ToJson(new Linear(3, 4));
        foreach (string name in new[] { "weight[0,0]", "weight[1,2]", "weight[2,0]", "weight[2,1]", "weight[3,0]", "weight[3,1]", "bias[2]" })
            json = System.Text.RegularExpressions.Regex.Replace(json, $"\\s*\"{System.Text.RegularExpressions.Regex.Escape(name)}\": [^,\\n]+,?", "");

        var e = LoadFails(json);

        Assert.Equal(
            "the parameters do not match the architecture: 7 missing (\"weight[0,0]\", \"weight[1,2]\", \"weight[2,0]\", \"weight[2,1]\", \"weight[3,0]\", …).",
            e.Reason);
    }

    [Fact]
    public void Load_ExtraParameters_NamesThem()
    {
        var e = LoadFails(Document(parameters: """{ "weight[0,0]": 0.5, "weight[0,1]": -0.5, "bias[0]": 0.125, "bias[1]": 1, "scale": 2 }"""));

        Assert.Equal("the parameters do not match the architecture: 2 not in the model (\"bias[1]\", \"scale\").", e.Reason);
    }

    [Fact]
    public void FromJson_MissingAndExtraParameters_ReportsBoth()
    {
        // The file of a Linear(2, 1) without bias read as one with bias: a typical hand edit gone wrong.
        var e = Fails(Document(parameters: """{ "weight[0,0]": 0.5, "weight[0,1]": -0.5, "b": 0 }"""));

        Assert.Equal("the parameters do not match the architecture: 1 missing (\"bias[0]\"); 1 not in the model (\"b\").", e.Reason);
    }

    [Fact]
    public void FromJson_TheSameParameterTwice_IsAnError()
    {
        var e = Fails(Document(parameters: """{ "weight[0,0]": 0.5, "weight[0,1]": -0.5, "bias[0]": 0.125, "weight[0,0]": 7 }"""));

        Assert.Equal("JSON error at line 4, byte 94 ($.parameters['weight[0,0]']): the same name appears twice.", e.Reason);
    }

    [Fact]
    public void Load_WidthMismatchBetweenConsecutiveModules_NamesBothModules()
    {
        string model = """{ "type": "Sequential", "modules": [ { "type": "Linear", "in": 2, "out": 4 }, { "type": "Tanh" }, { "type": "Linear", "in": 3, "out": 1 } ] }""";

        var e = LoadFails(Document(model, "{}"));

        Assert.Equal(
            "$.model cannot be built: Sequential: module 0 (Linear(2, 4)) outputs 4 values but module 2 (Linear(3, 1)) expects 3.",
            e.Reason);
        Assert.IsType<ArgumentException>(e.InnerException);
    }

    [Fact]
    public void FromJson_ActivationWidthMismatch_IsAnError()
    {
        string model = """{ "type": "Sequential", "modules": [ { "type": "Linear", "in": 2, "out": 1 }, { "type": "Tanh", "width": 3 } ] }""";

        var e = Fails(Document(model, "{}"));

        Assert.Contains("outputs 1 values but module 1 (Tanh(3)) expects 3", e.Reason);
    }

    [Theory]
    [InlineData("""{ "type": "Linear", "in": 2 }""", "$.model (Linear) has no \"out\".")]
    [InlineData("""{ "type": "Linear", "in": 0, "out": 1 }""", "$.model (Linear) has \"in\": 0; a width must be at least 1.")]
    [InlineData("""{ "type": "Tanh", "width": -1 }""", "$.model (Tanh) has \"width\": -1; a width must be at least 1.")]
    [InlineData("""{ "type": "Linear", "in": 2, "out": 1, "width": 1 }""", "$.model is a Linear, which has no \"width\"; it takes \"in\", \"out\", \"bias\".")]
    [InlineData("""{ "type": "MLP", "in": 2 }""", "$.model (MLP) has no \"sizes\".")]
    [InlineData("""{ "type": "MLP", "in": 2, "sizes": [] }""", "$.model (MLP) has empty \"sizes\"; it needs at least one layer width.")]
    [InlineData("""{ "type": "MLP", "in": 2, "sizes": [3, 0] }""", "$.model (MLP) has \"sizes\"[1] = 0; a width must be at least 1.")]
    [InlineData("""{ "type": "MLP", "in": 2, "sizes": [1], "hiddenActivation": "relu" }""", "$.model (MLP) has \"hiddenActivation\": \"relu\"; it must be \"None\", \"ReLU\", \"Tanh\" or \"Sigmoid\".")]
    [InlineData("""{ "type": "Sequential" }""", "$.model (Sequential) has no \"modules\".")]
    [InlineData("""{ "type": "Sequential", "modules": [null] }""", "$.model.modules[0] is null, not a module.")]
    public void FromJson_BadModuleFields_SayWhichFieldOfWhichModule(string model, string reason)
    {
        var e = Fails(Document(model, "{}"));

        Assert.Equal(reason, e.Reason);
    }

    // System.Text.Json places these errors just after the token at fault: after "bais":, after "two", after the
    // repeated parameter's value.
    [Fact]
    public void FromJson_UnknownField_GivesItsLine()
    {
        var e = Fails(Document("""{ "type": "Linear", "in": 2, "out": 1, "bais": false }"""));

        Assert.Equal("JSON error at line 3, byte 58 ($.model.bais): there is no field \"bais\" here.", e.Reason);
        Assert.Equal(3, e.LineNumber);
    }

    [Fact]
    public void FromJson_FieldOfTheWrongJsonType_GivesItsPath()
    {
        var e = Fails(Document("""{ "type": "Linear", "in": "two", "out": 1 }"""));

        Assert.Equal("JSON error at line 3, byte 43 ($.model.in): the value is not a whole number.", e.Reason);
        Assert.DoesNotContain("Int32", e.Reason);
    }

    [Theory]
    [InlineData("""{ "type": "Sequential", "modules": {} }""", "($.model.modules): the value is not a list of modules.")]
    [InlineData("""{ "type": "Linear", "in": 2, "out": 1.5 }""", "($.model.out): the value is not a whole number.")]
    [InlineData("""{ "type": "Linear", "in": 2, "out": 1, "bias": "yes" }""", "($.model.bias): the value is not true or false.")]
    [InlineData("""{ "type": 7 }""", "($.model.type): the value is not a string.")]
    [InlineData("""{ "type": "MLP", "in": 2, "sizes": 3 }""", "($.model.sizes): the value is not a list of whole numbers.")]
    [InlineData("\"Linear\"", "($.model): the value is not a module object.")]
    public void FromJson_ValueOfTheWrongKind_SaysWhatWasExpectedWithoutInternalTypeNames(string model, string ending)
    {
        var e = Fails(Document(model, "{}"));

        Assert.StartsWith("JSON error at line 3, byte ", e.Reason);
        Assert.EndsWith(ending, e.Reason);
    }

    [Theory]
    [InlineData("\"parameters\": {}", "the document has no \"model\".")]
    [InlineData("\"model\": { \"type\": \"Tanh\" }", "the document has no \"parameters\".")]
    public void FromJson_MissingSection_SaysWhich(string body, string reason)
    {
        var e = Fails($$"""{ "format": "michigrad-model", "version": 1, {{body}} }""");

        Assert.Equal(reason, e.Reason);
    }

    [Fact]
    public void FromJson_HugeArchitectureWithFewValues_IsRefusedWithoutBuildingIt()
    {
        var e = Fails(Document("""{ "type": "Linear", "in": 2000000000, "out": 2000000000 }"""));

        Assert.StartsWith("the architecture has 4,000,000,002,000,000,000 parameters, more than the 10,000,000 a model file may hold.", e.Reason);
    }

    [Fact]
    public void Load_FileThatIsNotUtf8Json_IsAModelFileException()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.bin");
        File.WriteAllBytes(path, [0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFE, 0x00]);

        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

        Assert.Contains("a model file is a JSON object", e.Reason);
    }
}
