using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Tests.Training;

public class ScorerTests
{
    private static (Dataset Data, MLP Model) Problem(Objective objective)
    {
        bool binary = objective is Objective.Hinge or Objective.BinaryCrossEntropy;
        Dataset data = binary
            ? Datasets.Moons(300, noise: 0.1, seed: 3)
            : Datasets.Spiral(300, classes: 3, noise: 0.2, seed: 4);
        var model = new MLP(2, [8, Objectives.OutputWidth(objective, data.ClassCount)], seed: 1);
        return (data, model);
    }

    [Theory]
    [InlineData(Objective.Hinge)]
    [InlineData(Objective.BinaryCrossEntropy)]
    [InlineData(Objective.MeanSquaredError)]
    [InlineData(Objective.CrossEntropy)]
    public void Score_GivesEachRowTheObjectGraphsPrediction_ToTheBit(Objective objective)
    {
        (Dataset data, MLP model) = Problem(objective);
        var scorer = new Scorer(model, objective, data.FeatureCount, data.ClassCount, chunkRows: 7);   // 43 chunks, the last short

        ScoreReport report = scorer.Score(data);

        var plain = new Trainer(model, objective, new Sgd(model.Parameters(), 0.1), compile: false);
        Assert.Equal(data.Count, report.Count);
        for (int i = 0; i < data.Count; i++)
            Assert.Equal(plain.Predict(data.Features[i]), report.Predictions[i]);
        Assert.Equal(data.Labels, report.Labels);
    }

    [Theory]
    [InlineData(Objective.Hinge)]
    [InlineData(Objective.BinaryCrossEntropy)]
    [InlineData(Objective.MeanSquaredError)]
    [InlineData(Objective.CrossEntropy)]
    public void Score_GivesTheLossAndAccuracyOfTheObjectGraphsEvaluate(Objective objective)
    {
        (Dataset data, MLP model) = Problem(objective);
        var scorer = new Scorer(model, objective, data.FeatureCount, data.ClassCount, chunkRows: 64);

        ScoreReport report = scorer.Score(data);

        StepResult expected = new Trainer(model, objective, new Sgd(model.Parameters(), 0.1), compile: false).Evaluate(data);
        Assert.Equal(expected.Loss, report.Loss!.Value, 1e-12 * Math.Max(1, expected.Loss));
        Assert.Equal(expected.Accuracy, report.Accuracy);
    }

    [Fact]
    public void Score_LeavesParametersAndGradientsAlone_AndReadsTheModelAsItIsAtEachCall()
    {
        (Dataset data, MLP model) = Problem(Objective.CrossEntropy);
        var scorer = new Scorer(model, Objective.CrossEntropy, data.FeatureCount, data.ClassCount);
        double[] before = [.. model.Parameters().Select(p => p.Data)];

        ScoreReport first = scorer.Score(data);

        Assert.Equal(before, model.Parameters().Select(p => p.Data));
        Assert.All(model.Parameters(), p => Assert.Equal(0.0, p.Grad));
        var trainer = new Trainer(model, Objective.CrossEntropy, new Adam(model.Parameters(), 0.05));
        for (int k = 0; k < 20; k++) trainer.Step(data);
        ScoreReport second = scorer.Score(data);
        Assert.NotEqual(first.Loss, second.Loss);
        for (int i = 0; i < data.Count; i++) Assert.Equal(trainer.Predict(data.Features[i]), second.Predictions[i]);
    }

    [Fact]
    public void ScoreImages_ScalesPixelsAsTheDatasetDoes_AndScoresTheFirstCount()
    {
        var random = new Random(5);
        var pixels = new byte[40 * 6];
        random.NextBytes(pixels);
        int[] labels = [.. Enumerable.Range(0, 40).Select(i => i % 3)];
        var images = new ImageSet(pixels, width: 3, height: 2, labels, classCount: 3);
        var model = new MLP(6, [5, 3], seed: 2);
        var scorer = new Scorer(model, Objective.CrossEntropy, 6, 3, chunkRows: 16);

        ScoreReport all = scorer.Score(images);
        ScoreReport first = scorer.Score(images, count: 25);

        ScoreReport asData = scorer.Score(images.ToDataset());
        Assert.Equal(asData.Predictions, all.Predictions);
        Assert.Equal(asData.Loss, all.Loss);
        Assert.Equal(asData.Accuracy, all.Accuracy);
        Assert.Equal(all.Predictions.Take(25), first.Predictions);
        Assert.Equal(labels.Take(25), first.Labels);
    }

    [Fact]
    public void Predict_WithoutLabels_GivesPredictionsOnly()
    {
        (Dataset data, MLP model) = Problem(Objective.CrossEntropy);
        var scorer = new Scorer(model, Objective.CrossEntropy, data.FeatureCount, data.ClassCount, chunkRows: 50);

        ScoreReport report = scorer.Predict(data.Features);

        Assert.Null(report.Loss);
        Assert.Null(report.Accuracy);
        Assert.Null(report.Labels);
        Assert.Equal(scorer.Score(data).Predictions, report.Predictions);
        Assert.Equal(0, scorer.Predict([]).Count);
    }

    [Fact]
    public void Trainer_EvaluateAndScorer_Agree()
    {
        (Dataset data, MLP model) = Problem(Objective.CrossEntropy);
        var trainer = new Trainer(model, Objective.CrossEntropy, new Sgd(model.Parameters(), 0.1), l2: 0);
        trainer.Step(data);

        StepResult evaluated = trainer.Evaluate(data);

        ScoreReport report = new Scorer(model, Objective.CrossEntropy, 2, 3).Score(data);
        Assert.Equal(report.Loss!.Value, evaluated.Loss, 1e-12);
        Assert.Equal(report.Accuracy!.Value, evaluated.Accuracy);
    }

    [Fact]
    public void Constructor_RefusesBadValues_NamingThem()
    {
        var model = new MLP(2, [4, 3], seed: 1);

        Assert.Throws<ArgumentNullException>("model", () => new Scorer(null!, Objective.CrossEntropy, 2, 3));
        var unknown = Assert.Throws<ArgumentOutOfRangeException>("objective", () => new Scorer(model, (Objective)42, 2, 3));
        Assert.Contains("42", unknown.Message);
        var features = Assert.Throws<ArgumentOutOfRangeException>("featureCount", () => new Scorer(model, Objective.CrossEntropy, 0, 3));
        Assert.Contains("got 0", features.Message);
        var chunk = Assert.Throws<ArgumentOutOfRangeException>("chunkRows", () => new Scorer(model, Objective.CrossEntropy, 2, 3, chunkRows: 0));
        Assert.Contains("got 0", chunk.Message);
        var classes = Assert.Throws<ArgumentException>("classCount", () => new Scorer(model, Objective.CrossEntropy, 2, 1));
        Assert.Contains("1", classes.Message);
        var inputs = Assert.Throws<ArgumentException>("featureCount", () => new Scorer(model, Objective.CrossEntropy, 5, 3));
        Assert.Contains("reads 2 inputs but featureCount is 5", inputs.Message);
        var outputs = Assert.Throws<ArgumentException>("model", () => new Scorer(model, Objective.CrossEntropy, 2, 4));
        Assert.Contains("needs 4 model outputs for 4 classes, but the model has 3", outputs.Message);
    }

    [Fact]
    public void Score_RefusesDataThatDoesNotFit_NamingTheNumbers()
    {
        var model = new MLP(2, [4, 3], seed: 1);
        var scorer = new Scorer(model, Objective.CrossEntropy, 2, 3);

        Assert.Throws<ArgumentNullException>("data", () => scorer.Score((Dataset)null!));
        var wide = Assert.Throws<ArgumentException>("data", () => scorer.Score(new Dataset([[1.0, 2.0, 3.0]], [0], classCount: 3)));
        Assert.Contains("3 features but the model reads 2", wide.Message);
        var classes = Assert.Throws<ArgumentException>("data", () => scorer.Score(Datasets.Spiral(20, classes: 4, noise: 0, seed: 1)));
        Assert.Contains("4 classes but the scorer was built for 3", classes.Message);
        var row = Assert.Throws<ArgumentException>("rows", () => scorer.Predict([[1.0, 2.0], [1.0]]));
        Assert.Contains("Row 1 has 1 features but the model reads 2", row.Message);
        Assert.Throws<ArgumentNullException>("rows", () => scorer.Predict([[1.0, 2.0], null!]));
        var images = new ImageSet(new byte[8], width: 2, height: 1, [0, 1, 2, 0], classCount: 3);
        var count = Assert.Throws<ArgumentOutOfRangeException>("count", () => scorer.Score(images, count: 5));
        Assert.Contains("[0, 4]", count.Message);
    }

    [Fact]
    public void Score_StopsWhenCancelled()
    {
        (Dataset data, MLP model) = Problem(Objective.CrossEntropy);
        var scorer = new Scorer(model, Objective.CrossEntropy, 2, 3, chunkRows: 10);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => scorer.Score(data, cancelled.Token));
    }
}
