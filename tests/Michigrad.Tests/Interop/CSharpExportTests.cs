using System.Reflection;
using Michigrad.Interop;
using Michigrad.NN;
using Michigrad.Serialization;
using Michigrad.Training;
using Michigrad.Tests.Serialization;

namespace Michigrad.Tests.Interop;

/// <summary>The generated C# compiles on its own and computes exactly what the model computes.</summary>
public class CSharpExportTests
{
    [Theory]
    [MemberData(nameof(ExportableModels.Names), MemberType = typeof(ExportableModels))]
    public void GeneratedPredict_EqualsTheModelBitForBit(string name)
    {
        ExportableModels.Case c = ExportableModels.Get(name);
        int width = c.Model.InputSize!.Value;
        Assembly generated = GeneratedCode.Compile(CSharpExport.ToSource(c.Model, "Exported", c.Metadata));
        var predict = GeneratedCode.Method<GeneratedCode.Predict>(generated, "Exported", "Predict");
        double[] inputs = ExportableModels.RandomInputs(1000, width, seed: name.Length);

        double[] expected = ExportableModels.Outputs(c.Model, inputs, width);
        var actual = new List<double>();
        for (int row = 0; row < 1000; row++) actual.AddRange(predict(inputs.AsSpan(row * width, width)));

        Assert.Equal(expected, actual);
        Assert.Equal(width, GeneratedCode.Field<int>(generated, "Exported", "InputCount"));
        Assert.Equal(c.Model.OutputSize, GeneratedCode.Field<int>(generated, "Exported", "OutputCount"));
    }

    [Theory]
    [InlineData("sequential-relu-binary", Objective.Hinge)]
    [InlineData("mlp-tanh-multiclass", Objective.CrossEntropy)]
    public void GeneratedClassifier_DecidesAsTheLibrary(string name, Objective rule)
    {
        ExportableModels.Case c = ExportableModels.Get(name);
        int width = c.Model.InputSize!.Value;
        Assembly generated = GeneratedCode.Compile(CSharpExport.ToSource(c.Model, "Models.Classifier", c.Metadata));
        var predictClass = GeneratedCode.Method<GeneratedCode.PredictClass>(generated, "Models.Classifier", "PredictClass");
        var predictName = GeneratedCode.Method<GeneratedCode.PredictClassName>(generated, "Models.Classifier", "PredictClassName");
        Assert.Equal(c.Metadata.ClassNames, GeneratedCode.Field<string[]>(generated, "Models.Classifier", "ClassNames"));
        double[] inputs = ExportableModels.RandomInputs(200, width, seed: 1);

        var seen = new HashSet<int>();
        for (int row = 0; row < 200; row++)
        {
            double[] x = inputs[(row * width)..((row + 1) * width)];
            int expected = Objectives.Decide(rule, [.. c.Model.Forward(x).Select(v => v.Data)]).Class;
            Assert.Equal(expected, predictClass(x));
            Assert.Equal(c.Metadata.ClassNames![expected], predictName(x));
            seen.Add(expected);
        }
        Assert.True(seen.Count > 1, "the inputs should reach more than one class");
    }

    [Fact]
    public void Generated_HasFeatureNamesAndRejectsAWrongWidth()
    {
        var model = new Sequential(new Linear(2, 3), new Tanh(), new Linear(3, 1));
        var metadata = new ModelMetadata { FeatureNames = ["petal \"length\"", "width\\cm"] };
        Assembly generated = GeneratedCode.Compile(CSharpExport.ToSource(model, "Flowers", metadata));

        Assert.Equal(metadata.FeatureNames, GeneratedCode.Field<string[]>(generated, "Flowers", "FeatureNames"));
        var predict = GeneratedCode.Method<GeneratedCode.Predict>(generated, "Flowers", "Predict");
        var e = Assert.Throws<ArgumentException>(() => predict([1.0, 2.0, 3.0]));
        Assert.Contains("reads 2 inputs, got 3", e.Message);
        Assert.Null(generated.GetType("Flowers")!.GetMethod("PredictClass"));   // not a classifier
    }

    [Fact]
    public void Source_UsesOnlySystem()
    {
        string source = CSharpExport.ToSource(new MLP(2, [4, 1]), "M");

        Assert.Equal(["using System;"], source.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal)));
        Assert.DoesNotContain("Michigrad.", source);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1Model")]
    [InlineData("class")]
    [InlineData("My-Model")]
    [InlineData("Models..M")]
    public void ClassNameThatIsNotCSharp_IsRefused(string className)
    {
        var e = Assert.Throws<ArgumentException>(() => CSharpExport.ToSource(new Linear(2, 1), className));
        Assert.Contains("is not a C# class name", e.Message);
    }

    [Fact]
    public void Write_ReplacesTheFileAtOnce()
    {
        using var folder = new TempFolder();
        string path = folder.File("Model.cs");
        CSharpExport.Write(new Linear(2, 1), path, "Model");

        Assert.Contains("public static class Model", File.ReadAllText(path));
        Assert.Throws<ArgumentException>(() => CSharpExport.Write(new Linear(2, 1), path, "not valid"));
        Assert.Contains("public static class Model", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }
}
