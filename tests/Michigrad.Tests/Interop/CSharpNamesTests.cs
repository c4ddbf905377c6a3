using System.Reflection;
using Michigrad.Interop;
using Michigrad.NN;
using Michigrad.Serialization;
using Microsoft.CodeAnalysis.CSharp;

namespace Michigrad.Tests.Interop;

/// <summary>Names that once made the generated C# fail to compile: each is refused as a class name, and a file named
/// after it gets a class name that compiles.</summary>
public class CSharpNamesTests
{
    /// <summary>The generated members, the names of System the code uses, keywords that only some places reserve.</summary>
    public static TheoryData<string> Hostile => new(
        "Predict", "PredictClass", "PredictClassName", "Dense", "ReLU", "Tanh", "Sigmoid", "InputCount", "OutputCount",
        "FeatureNames", "ClassNames", "Weight0", "Bias2", "Math", "ArgumentException", "ReadOnlySpan", "System",
        "var", "required", "file", "scoped", "record", "nameof", "dynamic", "field", "extension", "value", "_");

    // Every activation and a classifier's members, so that every generated name is there to collide with.
    private static readonly Sequential Model = new(
        new Linear(2, 3, new Random(1)), new Tanh(), new Linear(3, 3, new Random(2)), new ReLU(),
        new Linear(3, 2, new Random(3)), new Sigmoid());

    // Line and paragraph separators end a line in C# source, even inside a string literal.
    private static readonly ModelMetadata Metadata = new()
    {
        Task = ModelTask.Multiclass,
        FeatureNames = ["a\u2028b", "c\u2029d"],
        ClassNames = ["x\u2028", "\u0085y"],
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void ClassName_ThatTheGeneratedCodeUses_IsRefused(string name)
    {
        var alone = Assert.Throws<ArgumentException>(() => CSharpExport.ToSource(Model, name, Metadata));
        var inANamespace = Assert.Throws<ArgumentException>(() => CSharpExport.ToSource(Model, $"{name}.Model", Metadata));

        Assert.Contains($"'{name}'", alone.Message);
        Assert.Contains("is not a C# class name", inANamespace.Message);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void ClassNameFor_AFileNamedAfterIt_Compiles(string name)
    {
        string className = CSharpExport.ClassNameFor($"out/{name}.cs");

        Assembly generated = GeneratedCode.Compile(CSharpExport.ToSource(Model, className, Metadata), LanguageVersion.Preview);

        var predict = GeneratedCode.Method<GeneratedCode.Predict>(generated, className, "Predict");
        Assert.Equal(Model.Forward(0.5, -1).Select(v => v.Data), predict([0.5, -1]));
        Assert.Equal(Metadata.ClassNames, GeneratedCode.Field<string[]>(generated, className, "ClassNames"));
        Assert.Equal(Metadata.FeatureNames, GeneratedCode.Field<string[]>(generated, className, "FeatureNames"));
    }

    [Theory]
    [InlineData("moons-model.cs", "MoonsModel")]
    [InlineData("predict.cs", "PredictModel")]
    [InlineData("math.cs", "MathModel")]
    [InlineData("var.cs", "Var")]
    [InlineData("1.cs", "Model1")]
    [InlineData("---.cs", "Model")]
    public void ClassNameFor_MakesANameFromTheFileName(string file, string expected) =>
        Assert.Equal(expected, CSharpExport.ClassNameFor(file));
}
