using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Tests.Training;

public class TrainingDefaultsTests
{
    public static TheoryData<string, int> Generators() => new()
    {
        { "moons", 2 }, { "circles", 2 }, { "xor", 2 }, { "blobs", 3 }, { "blobs", 2 }, { "blobs", 5 }, { "spiral", 3 },
    };

    /// <summary>What the CLI's <c>train --dataset NAME</c> and the Playground do with no option given: 100 points,
    /// a 2-16-16 ReLU network, the default loss, SGD from the default rate decaying to a tenth over 100 steps.</summary>
    [Theory]
    [MemberData(nameof(Generators))]
    public void EveryGenerator_TrainsWithItsDefaults_WellAboveChance(string name, int classes)
    {
        Dataset data = Datasets.Generate(name, 100, seed: 0, classes: classes);
        Objective objective = TrainingDefaults.Objective(data.ClassCount);
        var model = new MLP(2, [16, 16, Objectives.OutputWidth(objective, data.ClassCount)], seed: 0);
        double rate = TrainingDefaults.SgdLearningRate(name, objective);
        var sgd = new Sgd(model.Parameters(), rate);
        var trainer = new Trainer(model, objective, sgd, TrainingDefaults.L2);
        double first = double.NaN;
        for (int k = 0; k < 100; k++)
        {
            sgd.LearningRate = rate * (1.0 - 0.9 * k / 100);
            double loss = trainer.Step(data).Loss;
            if (k == 0) first = loss;
            Assert.True(double.IsFinite(loss) && loss < 1e6 * first, $"{name}: step {k + 1} loss {loss}, first {first}");
        }
        Assert.True(trainer.Evaluate(data).Accuracy >= 0.9, $"{name} ({classes} classes) reached only {trainer.Evaluate(data).Accuracy:P0}");
    }

    [Fact]
    public void Blobs_AtMicrogradsRateOfOne_Diverges_WhichIsWhyItsDefaultIsATenth()
    {
        Dataset data = Datasets.Generate("blobs", 100, seed: 0);
        var model = new MLP(2, [16, 16, 3], seed: 0);
        var trainer = new Trainer(model, Objective.CrossEntropy, new Sgd(model.Parameters(), 1.0), TrainingDefaults.L2);
        var losses = Enumerable.Range(0, 20).Select(_ => trainer.Step(data).Loss).ToList();
        Assert.Contains(losses, loss => !double.IsFinite(loss) || loss > 1e3 * losses[0]);
        Assert.Equal(0.1, TrainingDefaults.SgdLearningRate("blobs", Objective.CrossEntropy));
    }

    [Theory]
    [InlineData("moons", Objective.Hinge, 1.0)]
    [InlineData("moons", Objective.MeanSquaredError, 0.1)]
    [InlineData("BLOBS", Objective.MeanSquaredError, 0.01)]
    [InlineData("fashion-mnist", Objective.CrossEntropy, 0.03)]
    [InlineData("data.csv", Objective.BinaryCrossEntropy, 1.0)]
    public void SgdLearningRate_FollowsTheDocumentedRule(string dataset, Objective objective, double expected) =>
        Assert.Equal(expected, TrainingDefaults.SgdLearningRate(dataset, objective), 12);

    [Fact]
    public void AdamLearningRate_IsSmallerOnImages()
    {
        Assert.Equal(0.01, TrainingDefaults.AdamLearningRate("spiral"));
        Assert.Equal(0.004, TrainingDefaults.AdamLearningRate("mnist"));
    }

    [Fact]
    public void Objective_IsHingeForTwoClassesAndCrossEntropyForMore()
    {
        Assert.Equal(Objective.Hinge, TrainingDefaults.Objective(2));
        Assert.Equal(Objective.CrossEntropy, TrainingDefaults.Objective(7));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingDefaults.Objective(0));
        Assert.Contains("got 0", e.Message);
    }
}
