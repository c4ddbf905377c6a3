using Michigrad.Data;
using Michigrad.Playground.Train;
using Michigrad.Serialization;

namespace Michigrad.Playground.Tests.Train;

public sealed class TrainingSessionTests
{
    [Fact]
    public void DefaultSettings_AreMicrogradsDemoAndReach100PercentOnMoons()
    {
        var settings = new TrainSettings();
        var session = new TrainingSession(settings, Datasets.Moons(settings.Samples, 0.1, settings.Seed));

        for (int i = 0; i < 100; i++) session.Step();

        Assert.Equal(100, session.Steps);
        Assert.Equal(1.0, session.Trainer.Accuracy(session.Data));
        Assert.True(session.Losses[^1] < session.Losses[0]);
    }

    [Fact]
    public void Regions_AgreeWithTheTrainersPredictions()
    {
        var settings = new TrainSettings();
        var session = new TrainingSession(settings, Datasets.Moons(60, 0.1, 1));
        for (int i = 0; i < 10; i++) session.Step();
        var map = new DecisionMap(session.Data);

        (int[,] classes, _) = session.Regions(8, map.Bounds);

        var b = map.Bounds;
        for (int r = 0; r < 8; r++)
        for (int c = 0; c < 8; c++)
        {
            double x = b.MinX + (c + 0.5) * (b.MaxX - b.MinX) / 8, y = b.MaxY - (r + 0.5) * (b.MaxY - b.MinY) / 8;
            Assert.Equal(session.Trainer.Predict([x, y]).Class, classes[r, c]);
        }
    }

    [Fact]
    public void Regions_OfAnImportedModelThatIsNotAnMlp_AgreeWithItsPredictions()
    {
        var data = Datasets.Xor(40, 0.1, 2);
        var model = new Michigrad.NN.Sequential(new Michigrad.NN.Linear(2, 4, seed: 3), new Michigrad.NN.Tanh(), new Michigrad.NN.Linear(4, 1, seed: 4));
        var session = new TrainingSession(new TrainSettings(), data, model, Michigrad.Training.Objective.Hinge);
        var map = new DecisionMap(data);

        (int[,] classes, _) = session.Regions(6, map.Bounds);

        var b = map.Bounds;
        for (int r = 0; r < 6; r++)
        for (int c = 0; c < 6; c++)
        {
            double x = b.MinX + (c + 0.5) * (b.MaxX - b.MinX) / 6, y = b.MaxY - (r + 0.5) * (b.MaxY - b.MinY) / 6;
            Assert.Equal(session.Trainer.Predict([x, y]).Class, classes[r, c]);
        }
    }

    [Fact]
    public void ExportJson_IsAModelFileThatPredictsTheSameClasses()
    {
        var session = new TrainingSession(new TrainSettings(), Datasets.Moons(40, 0.1, 3));
        for (int i = 0; i < 5; i++) session.Step();

        SavedModel saved = ModelFile.FromJsonWithMetadata(session.ExportJson());

        Assert.Equal(ModelTask.BinaryHinge, saved.Metadata?.Task);
        Assert.Equal(2, saved.Metadata?.FeatureCount);
        double[] point = session.Data.Features[7];
        Assert.Equal(session.Model.Forward(point)[0].Data, saved.Model.Forward(point)[0].Data);
    }

    [Fact]
    public void ThreeClasses_WithAHingeLoss_AreRejectedWithAMessage()
    {
        var settings = new TrainSettings { Dataset = "blobs" };

        var e = Assert.Throws<ArgumentException>(() => new TrainingSession(settings, Datasets.Blobs(30, 3, 0.5, 1)));

        Assert.Contains("3", e.Message);
        Assert.Contains("hinge", e.Message);
    }

    [Fact]
    public void BadHiddenSizes_AreNamed()
    {
        (int[]? sizes, string? error) = new TrainSettings { Hidden = "16,x" }.ParseHidden();

        Assert.Null(sizes);
        Assert.Contains("'x'", error);
    }

    [Fact]
    public void SampleGraph_IsTheScoreOfOnePointWithItsGradients()
    {
        var session = new TrainingSession(new TrainSettings(), Datasets.Moons(20, 0.1, 3));
        for (int i = 0; i < 50; i++) session.Step();

        Value score = session.SampleGraph(4);

        Assert.Equal("score", score.Label);
        Assert.Equal(session.Model.Forward(session.Data.Features[4])[0].Data, score.Data);
        Assert.Equal(1, score.Grad);
        Assert.Contains(session.Model.Parameters(), p => p.Grad != 0);
    }

    [Fact]
    public void SampleGraph_LabelsEveryWeightAndInputAsTheModelFileNamesThem()
    {
        var session = new TrainingSession(new TrainSettings(), Datasets.Moons(20, 0.1, 3));

        Value score = session.SampleGraph(0);

        IReadOnlyList<Value> nodes = Michigrad.Visualization.Graph.Trace(score).Nodes;
        foreach ((string name, Value parameter) in session.Model.NamedParameters())
            Assert.Equal(name, parameter.Label);
        Assert.Contains(nodes, n => n.Label == "x[0]");
        Assert.Contains(nodes, n => n.Label == "x[1]");
        Assert.All(nodes.Where(n => n.Op.Length == 0 && n.Data != 0), n => Assert.False(string.IsNullOrEmpty(n.Label)));
    }

    [Theory]
    [InlineData("points.txt", "label", "must be a file ending in .csv")]
    [InlineData("points.csv", "", "label column is required")]
    [InlineData("points.csv", "nope", "points.csv: ")]
    public void CsvUpload_ReportsWhatIsWrong(string name, string target, string message)
    {
        (Dataset? data, string? error) = CsvUpload.Load(name, "a,b,label\n1,2,x\n3,4,y\n", target);

        Assert.Null(data);
        Assert.Contains(message, error);
    }

    [Fact]
    public void CsvUpload_ReadsTheFeaturesAndLabels()
    {
        (Dataset? data, string? error) = CsvUpload.Load("points.csv", "a,b,label\n1,2,x\n3,4,y\n5,6,x\n", "label");

        Assert.Null(error);
        Assert.Equal((3, 2, 2), (data!.Count, data.FeatureCount, data.ClassCount));
    }
}
