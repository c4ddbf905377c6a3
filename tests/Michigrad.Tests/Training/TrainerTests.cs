using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Tests.Training;

public class TrainerTests
{
    /// <summary>micrograd's demo.ipynb: 100 moons, 2-16-16-1 ReLU, hinge + 1e-4 L2, SGD at 1.0 - 0.9·k/100.</summary>
    [Fact]
    public void MoonsDemo_ReachesFullTrainingAccuracy()
    {
        // Seeds 0 and 0 are the CLI's defaults; this test is what makes them so.
        Dataset data = Datasets.Moons(100, noise: 0.1, seed: 0);
        var model = new MLP(2, [16, 16, 1], seed: 0);
        var sgd = new Sgd(model.Parameters(), learningRate: 1.0);
        var trainer = new Trainer(model, Objective.Hinge, sgd, l2: 1e-4);

        StepResult first = default, last = default;
        for (int k = 0; k < 100; k++)
        {
            sgd.LearningRate = 1.0 - 0.9 * k / 100;
            last = trainer.Step(data);
            if (k == 0) first = last;
        }

        Assert.Equal(1.0, last.Accuracy);
        Assert.Equal(1.0, trainer.Accuracy(data));
        Assert.True(last.Loss < first.Loss / 10, $"loss went from {first.Loss} to {last.Loss}");
    }

    [Fact]
    public void Xor_IsSolvedWithBinaryCrossEntropy()
    {
        Dataset data = Datasets.Xor(40, noise: 0, seed: 0);
        var model = new MLP(2, [8, 1], hiddenActivation: Activation.Tanh, seed: 0);
        var adam = new Adam(model.Parameters(), learningRate: 0.05);
        var trainer = new Trainer(model, Objective.BinaryCrossEntropy, adam);

        for (int k = 0; k < 200; k++) trainer.Step(data);

        Assert.Equal(1.0, trainer.Accuracy(data));
    }

    [Fact]
    public void Spiral_ImprovesWithCrossEntropyAndAdam()
    {
        Dataset data = Datasets.Spiral(90, classes: 3, noise: 0.1, seed: 0);
        var model = new MLP(2, [16, 16, 3], seed: 0);
        var trainer = new Trainer(model, Objective.CrossEntropy, new Adam(model.Parameters(), learningRate: 0.02));

        double before = trainer.Accuracy(data);
        StepResult first = trainer.Step(data), last = first;
        for (int k = 1; k < 100; k++) last = trainer.Step(data);

        Assert.True(last.Loss < first.Loss * 0.7, $"loss went from {first.Loss} to {last.Loss}");
        Assert.True(trainer.Accuracy(data) > before + 0.2, $"accuracy went from {before} to {trainer.Accuracy(data)}");
    }

    [Theory]
    [InlineData(Objective.CrossEntropy)]
    [InlineData(Objective.MeanSquaredError)]
    public void Blobs_AreSeparatedWithMiniBatches(Objective objective)
    {
        Dataset data = Datasets.Blobs(90, classes: 3, std: 0.5, seed: 0);
        var model = new MLP(2, [8, 3], seed: 0);
        var trainer = new Trainer(model, objective, new Adam(model.Parameters(), learningRate: 0.05));

        for (int epoch = 0; epoch < 15; epoch++)
            foreach (Dataset batch in data.Batches(batchSize: 30, seed: 0, epoch))
                trainer.Step(batch);

        Assert.True(trainer.Accuracy(data) >= 0.95, $"accuracy {trainer.Accuracy(data)}");
    }

    [Fact]
    public void Step_ReportsTheAccuracyOfTheForwardPassBeforeTheUpdate()
    {
        Dataset data = Datasets.Moons(50, noise: 0.1, seed: 3);
        var model = new MLP(2, [8, 1], seed: 1);
        var trainer = new Trainer(model, Objective.Hinge, new Sgd(model.Parameters(), learningRate: 0.5));

        double before = trainer.Accuracy(data);
        StepResult result = trainer.Step(data);

        Assert.Equal(before, result.Accuracy);
    }

    [Fact]
    public void Step_AddsTheL2PenaltyToTheLoss()
    {
        Dataset data = Datasets.Moons(20, noise: 0.1, seed: 3);
        double Loss(double l2)
        {
            var model = new MLP(2, [4, 1], seed: 1);
            return new Trainer(model, Objective.Hinge, new Sgd(model.Parameters(), 0.1), l2).Step(data).Loss;
        }
        var reference = new MLP(2, [4, 1], seed: 1);
        double squares = reference.Parameters().Sum(p => p.Data * p.Data);

        Assert.Equal(Loss(0) + 0.5 * squares, Loss(0.5), 1e-12);
    }

    [Fact]
    public void Step_RejectsADatasetWithOneClass()
    {
        var data = new Dataset([[0.0, 1.0], [1.0, 0.0]], [0, 0]);
        var model = new MLP(2, [4, 1]);
        var trainer = new Trainer(model, Objective.Hinge, new Sgd(model.Parameters(), 0.1));

        var e = Assert.Throws<ArgumentException>(() => trainer.Step(data));
        Assert.Contains("at least two classes", e.Message);
    }

    [Fact]
    public void CheckData_RejectsTwoDeclaredClassesWhenOnlyOneIsPresent()
    {
        var data = new Dataset([[0.0], [1.0]], [1, 1], classCount: 2, classNames: ["no", "yes"]);

        var e = Assert.Throws<ArgumentException>(() => Objectives.CheckData(Objective.CrossEntropy, data));
        Assert.Contains("'yes'", e.Message);
    }

    [Theory]
    [InlineData(Objective.Hinge)]
    [InlineData(Objective.BinaryCrossEntropy)]
    public void BinaryObjectives_RejectThreeClasses(Objective objective)
    {
        var e = Assert.Throws<ArgumentException>(() => Objectives.OutputWidth(objective, 3));
        Assert.Contains("two classes", e.Message);
    }

    [Fact]
    public void Step_RejectsAModelWhoseOutputWidthDoesNotSuitTheObjective()
    {
        Dataset data = Datasets.Blobs(30, classes: 3, std: 0.5, seed: 0);
        var model = new MLP(2, [4, 1]);
        var trainer = new Trainer(model, Objective.CrossEntropy, new Sgd(model.Parameters(), 0.1));

        var e = Assert.Throws<ArgumentException>(() => trainer.Step(data));
        Assert.Contains("needs 3 model outputs for 3 classes, but the model has 1", e.Message);
    }

    [Fact]
    public void Step_RejectsAModelWhoseInputWidthDiffersFromTheFeatures()
    {
        Dataset data = Datasets.Moons(10, noise: 0.1, seed: 0);
        var model = new MLP(3, [4, 1]);
        var trainer = new Trainer(model, Objective.Hinge, new Sgd(model.Parameters(), 0.1));

        var e = Assert.Throws<ArgumentException>(() => trainer.Step(data));
        Assert.Contains("reads 3 inputs but the data has 2 features", e.Message);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Constructor_RejectsABadL2(double l2)
    {
        var model = new MLP(2, [1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, Objective.Hinge, new Sgd(model.Parameters(), 0.1), l2));
    }
}
