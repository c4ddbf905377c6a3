using Michigrad.Data;
using Michigrad.Playground.Graphs;
using Michigrad.Playground.Train;
using Michigrad.Serialization;
using Michigrad.Training;

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
        Assert.Equal(1.0, session.Trainer.Accuracy(session.Train));
        Assert.True(session.Losses[^1] < session.Losses[0]);
        Assert.Null(session.Warning);
    }

    public static TheoryData<string> Generators => [.. Datasets.GeneratorNames];

    [Theory]
    [MemberData(nameof(Generators))]
    public void EveryGenerator_TrainsWithItsDefaults_WithinTheBudget(string name)
    {
        Dataset data = Datasets.Generate(name, 100, 2);
        var settings = new TrainSettings { Dataset = name };
        settings.UseDefaultsFor(name, data.ClassCount);
        var session = new TrainingSession(settings, data);

        while (session.Step()) { }

        Assert.True(session.BudgetReached);
        Assert.Null(session.Warning);
        double accuracy = session.Trainer.Evaluate(session.Train).Accuracy;
        Assert.True(accuracy >= 0.9, $"{name}: training accuracy {accuracy}");
        Assert.True(session.TestAccuracy >= 0.75, $"{name}: test accuracy {session.TestAccuracy}");
    }

    [Fact]
    public void Blobs_TakeCrossEntropyAndTheLibrarysRate_AndTrain()
    {
        Dataset data = Datasets.Generate("blobs", 100, 2);
        var settings = new TrainSettings();

        settings.UseDefaultsFor("blobs", data.ClassCount);
        var session = new TrainingSession(settings, data);
        for (int i = 0; i < 50; i++) session.Step();

        Assert.Equal(("ce", TrainingDefaults.SgdLearningRate("blobs", Objective.CrossEntropy)), (settings.Loss, settings.LearningRate));
        Assert.Null(session.Warning);
        Assert.Equal(1.0, session.Accuracy);
    }

    [Fact]
    public void TheTestSplit_HoldsOutTheShareAsked_TheSameRowsForTheSameSeed()
    {
        Dataset data = Datasets.Moons(100, 0.1, 2);

        var a = new TrainingSession(new TrainSettings { TestPercent = 30 }, data);
        var b = new TrainingSession(new TrainSettings { TestPercent = 30 }, data);
        var none = new TrainingSession(new TrainSettings { TestPercent = 0 }, data);

        Assert.Equal((70, 30), (a.Train.Count, a.Test!.Count));
        Assert.Equal(a.Test.Features, b.Test!.Features);
        Assert.Equal(data.Features.Select(r => (r[0], r[1])).Order(),
            a.Train.Features.Concat(a.Test.Features).Select(r => (r[0], r[1])).Order());
        Assert.Null(none.Test);
        Assert.Same(data, none.Train);
        Assert.Null(new TrainingSession(new TrainSettings { TestPercent = 20 }, data.Subset([0, 1])).Test);   // too few rows
    }

    [Fact]
    public void EachStep_MeasuresTheTestSet_OnTheModelItsTrainingLossWasMeasuredOn()
    {
        var session = new TrainingSession(new TrainSettings(), Datasets.Moons(100, 0.1, 2));
        StepResult before = session.Trainer.Evaluate(session.Test!);

        session.Step();

        Assert.Equal(before.Accuracy, session.TestAccuracy);
        Assert.Equal(before.Loss, session.TestLosses[0], 12);
        Assert.Single(session.TestAccuracies);
    }

    [Fact]
    public void TheBudget_StopsTheRun()
    {
        var settings = new TrainSettings { Budget = 3 };
        var session = new TrainingSession(settings, Datasets.Moons(40, 0.1, 2));

        while (session.Step()) { }
        Assert.Equal(3, session.Steps);
        Assert.False(session.CanStep);

        settings.Budget = 5;   // a bigger budget lets the same run go on
        Assert.True(session.Step());
        Assert.Equal(4, session.Steps);
    }

    [Fact]
    public void ADivergingRun_IsStoppedAndWarned_AndTheModelIsTheLastFiniteOne()
    {
        var settings = new TrainSettings { LearningRate = 1000, Decay = false };
        var session = new TrainingSession(settings, Datasets.Moons(100, 0.1, 2));

        while (session.Step()) { }

        Assert.NotNull(session.Warning);
        Assert.StartsWith("warn.diverged", session.Warning!.Key);
        Assert.False(session.CanStep);
        Assert.True(session.Steps < settings.Budget);
        Assert.All(session.Model.Parameters(), p => Assert.True(double.IsFinite(p.Data)));
        Assert.Equal(session.Losses[^1], session.Trainer.Evaluate(session.Train).Loss, 6);   // the model of the last finite step...
        Assert.Contains("100", session.Warning.In("en"));                                    // ...and the advice: a tenth of the rate
        Assert.Contains("divergió", session.Warning.In("es"));
    }

    [Fact]
    public void ARunThatEndsAtChanceLevel_IsWarned()
    {
        // Every point at the same place: no model can do better than the most common class (60%).
        double[][] features = [.. Enumerable.Range(0, 10).Select(_ => new[] { 0.0, 0.0 })];
        var data = new Dataset(features, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
        var settings = new TrainSettings { Budget = 5, TestPercent = 0 };
        var session = new TrainingSession(settings, data);

        while (session.Step()) { }

        Assert.Equal(0.6, session.ChanceAccuracy);
        Assert.Equal("warn.chance", session.Warning?.Key);
        Assert.Contains("60%", session.Warning!.In("es"));

        settings.Budget = 7;   // a raised budget goes on; the run is judged again at its new end
        Assert.True(session.Step());
        Assert.Null(session.Warning);
        Assert.True(session.Step());
        Assert.Equal("warn.chance", session.Warning?.Key);
    }

    [Fact]
    public void Regions_AgreeWithTheTrainersPredictions()
    {
        var session = new TrainingSession(new TrainSettings(), Datasets.Moons(60, 0.1, 1));
        for (int i = 0; i < 10; i++) session.Step();
        var map = new DecisionMap(session.Data);

        int[,] classes = session.Regions(8, map.Bounds);

        var b = map.Bounds;
        for (int r = 0; r < 8; r++)
        for (int c = 0; c < 8; c++)
        {
            double x = b.MinX + (c + 0.5) * (b.MaxX - b.MinX) / 8, y = b.MaxY - (r + 0.5) * (b.MaxY - b.MinY) / 8;
            Assert.Equal(session.Trainer.Predict([x, y]).Class, classes[r, c]);
        }
    }

    [Fact]
    public void Activations_AreEveryNeuronsValueOverTheGrid()
    {
        var session = new TrainingSession(new TrainSettings { Hidden = "3" }, Datasets.Moons(40, 0.1, 1));
        var map = new DecisionMap(session.Data);

        double[][][] values = session.Activations(4, map.Bounds)!;

        Assert.Equal([2, 3, 1], values.Select(column => column.Length));
        var b = map.Bounds;
        double x = b.MinX + 2.5 * (b.MaxX - b.MinX) / 4, y = b.MaxY - 1.5 * (b.MaxY - b.MinY) / 4;
        Assert.Equal(session.Model.Forward(x, y)[0].Data, values[2][0][1 * 4 + 2], 12);
        Assert.Equal(x, values[0][0][1 * 4 + 2], 12);
    }

    [Fact]
    public void Regions_OfAnImportedModelThatIsNotAnMlp_AgreeWithItsPredictions()
    {
        var data = Datasets.Xor(40, 0.1, 2);
        var model = new Michigrad.NN.Sequential(new Michigrad.NN.Linear(2, 4, seed: 3), new Michigrad.NN.Tanh(), new Michigrad.NN.Linear(4, 1, seed: 4));
        var session = new TrainingSession(new TrainSettings(), data, model, Objective.Hinge);
        var map = new DecisionMap(data);

        int[,] classes = session.Regions(6, map.Bounds);

        var b = map.Bounds;
        for (int r = 0; r < 6; r++)
        for (int c = 0; c < 6; c++)
        {
            double x = b.MinX + (c + 0.5) * (b.MaxX - b.MinX) / 6, y = b.MaxY - (r + 0.5) * (b.MaxY - b.MinY) / 6;
            Assert.Equal(session.Trainer.Predict([x, y]).Class, classes[r, c]);
        }
    }

    [Fact]
    public void AnImportedModel_ThatDoesNotReadTheData_IsRefusedWithAMessage()
    {
        var model = new Michigrad.NN.MLP(3, [4, 1], seed: 1);

        var e = Assert.Throws<TrainSetupException>(() =>
            new TrainingSession(new TrainSettings(), Datasets.Moons(20, 0.1, 1), model, Objective.Hinge));

        Assert.Equal("el modelo lee 3 entradas y estos datos tienen 2 columnas de entrada.", e.Problem.In("es"));
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
    public void ThreeClasses_WithAHingeLoss_AreRejectedWithAMessageInEitherLanguage()
    {
        var settings = new TrainSettings { Dataset = "blobs" };

        var e = Assert.Throws<TrainSetupException>(() => new TrainingSession(settings, Datasets.Blobs(30, 3, 0.5, 1)));

        Assert.Equal("The hinge loss tells two classes apart and this data has 3: choose mse or ce.", e.Problem.In("en"));
        Assert.Equal("La pérdida hinge distingue dos clases y estos datos tienen 3: elige mse o ce.", e.Problem.In("es"));
    }

    [Fact]
    public void SampleGraph_IsTheScoreOfOnePoint_GroupedByLayer_WithItsGradients()
    {
        var session = new TrainingSession(new TrainSettings(), Datasets.Moons(20, 0.1, 3));
        for (int i = 0; i < 50; i++) session.Step();

        GroupedGraph graph = session.SampleGraph(4);

        Assert.Equal("score", graph.Root.Label);
        Assert.Equal(session.Model.Forward(session.Train.Features[4])[0].Data, graph.Root.Data);
        Assert.Equal(1, graph.Root.Grad);
        Assert.Contains(session.Model.Parameters(), p => p.Grad != 0);
        Assert.Equal(["x[0]", "x[1]"], graph.Layers[0].Units.Select(u => u.Name));
        Assert.All(graph.Layers[0].Units, u => Assert.NotEqual(0, u.Output.Grad));   // how each input moves the score
        Assert.Equal(35, graph.Layers.Sum(l => l.Units.Count));
    }

    [Fact]
    public void SampleNumbers_CoverTheTrainingRowsThenTheTestRows()
    {
        var session = new TrainingSession(new TrainSettings(), Datasets.Moons(50, 0.1, 3));

        Assert.Equal((session.Train, 3), session.Sample(3));
        Assert.Equal((session.Test!, 1), session.Sample(session.Train.Count + 1));
        Assert.Equal(session.Test!.Features[1][0], session.SampleGraph(session.Train.Count + 1).Layers[0].Units[0].Output.Data);
    }
}
