using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Tests.Serialization;

public class ModelMetadataTests
{
    private static readonly ModelMetadata Iris = new()
    {
        Dataset = "iris.csv",
        Task = ModelTask.Multiclass,
        FeatureCount = 4,
        FeatureNames = ["sepal length", "sepal width", "petal length", "petal width"],
        ClassCount = 3,
        ClassNames = ["setosa", "versicolor", "virginíca"],
    };

    [Fact]
    public void SaveLoad_KeepsEveryMetadataField()
    {
        using var folder = new TempFolder();
        string path = folder.File("iris.json");
        var model = new MLP(4, [8, 3]);

        ModelFile.Save(model, path, Iris);
        SavedModel saved = ModelFile.LoadWithMetadata(path);

        Assert.Equal(Iris, saved.Metadata);
        Assert.Equal(["setosa", "versicolor", "virginíca"], saved.Metadata!.ClassNames);
        ModelAssert.SameParameters(model, saved.Model);
        Assert.Contains("\"virginíca\"", File.ReadAllText(path));   // readable, not \u00ED
    }

    [Theory]
    [InlineData(ModelTask.Regression, "regression")]
    [InlineData(ModelTask.BinaryHinge, "binary-hinge")]
    [InlineData(ModelTask.BinaryLogistic, "binary-logistic")]
    [InlineData(ModelTask.Multiclass, "multiclass")]
    public void Task_IsWrittenInKebabCaseAndReadBack(ModelTask task, string name)
    {
        var model = new Linear(2, 1);
        var metadata = new ModelMetadata { Task = task };

        string json = ModelFile.ToJson(model, metadata);

        Assert.Contains($"\"task\": \"{name}\"", json);
        Assert.Equal(task, ModelFile.FromJsonWithMetadata(json).Metadata!.Task);
    }

    [Fact]
    public void PartialMetadata_RoundTripsWithTheRestNull()
    {
        var metadata = new ModelMetadata { Dataset = "moons" };

        string json = ModelFile.ToJson(new MLP(2, [4, 1]), metadata);
        ModelMetadata loaded = ModelFile.FromJsonWithMetadata(json).Metadata!;

        Assert.Equal("moons", loaded.Dataset);
        Assert.Null(loaded.Task);
        Assert.Null(loaded.ClassNames);
        Assert.DoesNotContain("\"task\"", json);
    }

    [Fact]
    public void NoMetadata_IsNotWritten_AndLoadsAsNull()
    {
        string json = ModelFile.ToJson(new Linear(1, 1));

        Assert.DoesNotContain("metadata", json);
        Assert.Null(ModelFile.FromJsonWithMetadata(json).Metadata);
    }

    [Fact]
    public void Equals_ComparesNameListsItemByItem()
    {
        var copy = Iris with { ClassNames = ["setosa", "versicolor", "virginíca"] };
        var other = Iris with { ClassNames = ["setosa", "versicolor", "virginica"] };

        Assert.Equal(Iris, copy);
        Assert.Equal(Iris.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(Iris, other);
        Assert.NotEqual(Iris, Iris with { FeatureNames = null });
    }

    [Theory]
    [InlineData(3, null, "the metadata gives 3 features but the model takes 2 inputs.")]
    [InlineData(2, 1, "the metadata names 2 classes but its class count is 1.")]
    public void Save_InconsistentMetadata_ThrowsAndWritesNothing(int featureCount, int? classCount, string problem)
    {
        using var folder = new TempFolder();
        var metadata = new ModelMetadata { FeatureCount = featureCount, ClassCount = classCount, ClassNames = ["a", "b"] };

        var e = Assert.Throws<ArgumentException>(() => ModelFile.Save(new Linear(2, 1), folder.File("m.json"), metadata));

        Assert.StartsWith($"Cannot save the model: {problem}", e.Message);
        Assert.Empty(folder.FileNames());
    }

    [Theory]
    [InlineData(ModelTask.BinaryHinge, 2, "a binary task needs a model with 1 output, but this one has 2.")]
    [InlineData(ModelTask.Multiclass, 3, "a multiclass task needs one output per class, but the metadata gives 2 classes and the model has 3 outputs.")]
    public void Save_TaskThatDoesNotFitTheOutputs_Throws(ModelTask task, int outputs, string problem)
    {
        var metadata = new ModelMetadata { Task = task, ClassNames = ["no", "yes"] };

        var e = Assert.Throws<ArgumentException>(() => ModelFile.ToJson(new Linear(2, outputs), metadata));

        Assert.StartsWith($"Cannot save the model: {problem}", e.Message);
    }

    [Fact]
    public void Load_UnknownTask_ListsTheKnownOnes()
    {
        string json = ModelFile.ToJson(new Linear(2, 1), new ModelMetadata { Task = ModelTask.Regression })
            .Replace("\"regression\"", "\"ranking\"");

        var e = Assert.Throws<ModelFileException>(() => ModelFile.FromJson(json, "m.json"));

        Assert.Equal(
            "Model file 'm.json': the metadata's task \"ranking\" is unknown; it must be \"regression\", \"binary-hinge\", \"binary-logistic\" or \"multiclass\".",
            e.Message);
    }

    [Fact]
    public void Load_MetadataThatContradictsTheModel_IsAModelFileException()
    {
        string json = ModelFile.ToJson(new Linear(2, 1), new ModelMetadata { FeatureCount = 2 })
            .Replace("\"featureCount\": 2", "\"featureCount\": 5");

        var e = Assert.Throws<ModelFileException>(() => ModelFile.FromJson(json, "m.json"));

        Assert.Equal("the metadata gives 5 features but the model takes 2 inputs.", e.Reason);
    }

    [Fact]
    public void Load_NullClassName_IsAModelFileException()
    {
        string json = ModelFile.ToJson(new Linear(2, 1), new ModelMetadata { ClassNames = ["a", "b"] })
            .Replace("\"b\"", "null");

        var e = Assert.Throws<ModelFileException>(() => ModelFile.FromJson(json));

        Assert.Equal("Model JSON: the metadata's class names include a null.", e.Message);
    }
}
