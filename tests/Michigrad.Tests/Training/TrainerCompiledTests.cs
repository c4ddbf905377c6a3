using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Tests.Training;

/// <summary>The compiled replay gives the object graph's numbers, step after step.</summary>
public class TrainerCompiledTests
{
    public static TheoryData<Objective, string> Objectives => new()
    {
        { Objective.Hinge, "moons" },
        { Objective.MeanSquaredError, "moons" },
        { Objective.MeanSquaredError, "blobs" },
        { Objective.CrossEntropy, "spiral" },
        { Objective.BinaryCrossEntropy, "moons" },
    };

    [Theory]
    [MemberData(nameof(Objectives))]
    public void FullBatch_CompiledAndObjectGraphAgreeEveryStep(Objective objective, string dataset)
    {
        Dataset data = dataset switch
        {
            "moons" => Datasets.Moons(60, 0.1, seed: 3),
            "blobs" => Datasets.Blobs(60, classes: 3, std: 1.0, seed: 3),
            _ => Datasets.Spiral(60, classes: 3, noise: 0.2, seed: 3),
        };
        (Trainer compiled, MLP compiledModel) = NewTrainer(objective, data, compile: true);
        (Trainer plain, MLP plainModel) = NewTrainer(objective, data, compile: false);

        for (int step = 0; step < 15; step++)
        {
            StepResult a = compiled.Step(data);
            StepResult b = plain.Step(data);
            Assert.True(double.IsFinite(b.Loss), $"step {step}: the object graph's loss is {b.Loss}");
            Assert.Equal(b.Loss, a.Loss, 1e-12 * Math.Max(1, Math.Abs(b.Loss)));
            Assert.Equal(b.Accuracy, a.Accuracy);
        }

        // Every objective's loss is built from operations, so every one compiles, on the first step.
        Assert.True(compiled.HasCompiledStep(data.Count));
        Assert.False(plain.HasCompiledStep(data.Count));
        AssertSameParameters(plainModel, compiledModel);
    }

    [Fact]
    public void Replay_ReadsTheBatchsCurrentFeatures()
    {
        Dataset data = Datasets.Moons(40, 0.1, seed: 5);
        Dataset copy = data.Subset(Enumerable.Range(0, data.Count).ToArray());
        (Trainer compiled, MLP compiledModel) = NewTrainer(Objective.Hinge, data, compile: true);
        (Trainer plain, MLP plainModel) = NewTrainer(Objective.Hinge, copy, compile: false);

        for (int step = 0; step < 6; step++)
        {
            // Move every point a little, in place: a replay that kept the first features would diverge.
            foreach (Dataset d in new[] { data, copy })
                foreach (double[] row in d.Features) row[0] += 0.01;
            StepResult a = compiled.Step(data);
            StepResult b = plain.Step(copy);
            Assert.Equal(b.Loss, a.Loss, 1e-12);
        }
        Assert.True(compiled.HasCompiledStep(data.Count));
        AssertSameParameters(plainModel, compiledModel);
    }

    [Theory]
    [InlineData(Objective.Hinge, "moons")]
    [InlineData(Objective.BinaryCrossEntropy, "moons")]
    [InlineData(Objective.CrossEntropy, "spiral")]
    [InlineData(Objective.MeanSquaredError, "spiral")]
    public void MiniBatches_RunOneRowGraphWithEachBatchsLabels(Objective objective, string dataset)
    {
        // 64 rows in batches of 24: sizes 24, 24 and 16 every epoch, with different labels in every batch.
        Dataset data = dataset == "moons" ? Datasets.Moons(64, 0.1, seed: 8) : Datasets.Spiral(64, 3, 0.2, seed: 8);
        (Trainer compiled, MLP compiledModel) = NewTrainer(objective, data, compile: true);
        (Trainer plain, MLP plainModel) = NewTrainer(objective, data, compile: false);

        for (int epoch = 0; epoch < 3; epoch++)
            foreach (Dataset batch in data.Batches(batchSize: 24, seed: 1, epoch: epoch))
            {
                StepResult a = compiled.Step(batch), b = plain.Step(batch);
                Assert.Equal(b.Loss, a.Loss, 1e-12);
                Assert.Equal(b.Accuracy, a.Accuracy);
            }

        Assert.True(compiled.HasCompiledStep(24));
        Assert.True(compiled.HasCompiledStep(16));   // the short batch runs on the same row graph
        AssertSameParameters(plainModel, compiledModel);
    }

    [Theory]
    [InlineData(Objective.Hinge, 0.0, false)]
    [InlineData(Objective.MeanSquaredError, 1e-3, false)]
    [InlineData(Objective.BinaryCrossEntropy, 1e-3, true)]
    [InlineData(Objective.CrossEntropy, 0.0, false)]
    [InlineData(Objective.CrossEntropy, 1e-3, true)]
    public void CompiledStep_LeavesTheObjectGraphsGradients(Objective objective, double l2, bool freezeOne)
    {
        // The compiled step writes each parameter's gradient without zeroing it first when its backward pass reaches
        // every parameter the optimizer holds; a frozen one (no gradient wanted) takes the zero-then-add path.
        Dataset data = objective == Objective.CrossEntropy ? Datasets.Spiral(45, 3, 0.2, seed: 2) : Datasets.Moons(45, 0.1, seed: 2);
        int width = Michigrad.Training.Objectives.OutputWidth(objective, data.ClassCount);
        var results = new List<double[]>();
        var parameters = new List<double[]>();
        foreach (bool compile in new[] { false, true })
        {
            var model = new MLP(data.FeatureCount, [7, width], seed: 4);
            if (freezeOne) model.Parameters().First().RequiresGrad = false;
            var trainer = new Trainer(model, objective, new Sgd(model.Parameters(), 0.1), l2, compile);
            trainer.Step(data);
            trainer.Step(data);
            results.Add(model.Parameters().Select(p => p.Grad).ToArray());
            parameters.Add(model.Parameters().Select(p => p.Data).ToArray());
        }
        for (int i = 0; i < parameters[0].Length; i++)   // a plain SGD updates as the gradients are written
            Assert.True(Math.Abs(parameters[0][i] - parameters[1][i]) <= 1e-12 * Math.Max(1, Math.Abs(parameters[0][i])),
                $"parameter {i}: object graph {parameters[0][i]:R}, compiled {parameters[1][i]:R}");
        double scale = results[0].Max(Math.Abs);
        for (int i = 0; i < results[0].Length; i++)
            Assert.True(Math.Abs(results[0][i] - results[1][i]) <= 1e-12 * scale,
                $"parameter {i}: object graph {results[0][i]:R}, compiled {results[1][i]:R}");
        if (freezeOne) Assert.Equal(0.0, results[1][0]);
    }

    [Fact]
    public void ABiggerBatch_CompilesTheRowGraphAgain()
    {
        Dataset data = Datasets.Moons(50, 0.1, seed: 5);
        (Trainer compiled, _) = NewTrainer(Objective.Hinge, data, compile: true);
        compiled.Step(data.Subset(Enumerable.Range(0, 10).ToArray()));
        Assert.True(compiled.HasCompiledStep(10));
        Assert.False(compiled.HasCompiledStep(50));
        compiled.Step(data);
        Assert.True(compiled.HasCompiledStep(50));
    }

    [Fact]
    public void PlainSgd_AgreesWithTheObjectGraphEveryStep()
    {
        Dataset data = Datasets.Spiral(60, classes: 3, noise: 0.2, seed: 3);
        MLP heldModel = new(2, [8, 3], seed: 5), plainModel = new(2, [8, 3], seed: 5);
        var held = new Trainer(heldModel, Objective.CrossEntropy, new Sgd(heldModel.Parameters(), learningRate: 0.1), compile: true);
        var plain = new Trainer(plainModel, Objective.CrossEntropy, new Sgd(plainModel.Parameters(), learningRate: 0.1), compile: false);

        for (int step = 0; step < 15; step++)
        {
            StepResult a = held.Step(data);
            StepResult b = plain.Step(data);
            Assert.Equal(b.Loss, a.Loss, 1e-12 * Math.Max(1, Math.Abs(b.Loss)));
            Assert.Equal(b.Accuracy, a.Accuracy);
        }
        AssertSameParameters(plainModel, heldModel);
        Value[] a2 = heldModel.Parameters().ToArray(), b2 = plainModel.Parameters().ToArray();
        for (int i = 0; i < a2.Length; i++) Assert.Equal(b2[i].Grad, a2[i].Grad, 1e-12);
    }

    [Fact]
    public void EveryOptimizerAndPenalty_StepsTheModelsOwnNumbers_AsTheObjectGraphDoes()
    {
        // The compiled step reads and writes the parameters where the model keeps them: after each step every
        // Value.Data is the step's result, and the object graph's trainer, stepped alike, reaches the same numbers.
        Dataset data = Datasets.Moons(40, 0.1, seed: 3);
        foreach (Func<MLP, (Optimizer, double)> make in new Func<MLP, (Optimizer, double)>[]
        {
            m => (new Adam(m.Parameters(), 0.01), 0),
            m => (new Adam(m.Parameters(), 0.01, weightDecay: 1e-3), 1e-4),
            m => (new Sgd(m.Parameters(), learningRate: 0.1), 1e-4),
            m => (new Sgd(m.Parameters(), learningRate: 0.1, momentum: 0.9, weightDecay: 1e-3), 0),
        })
        {
            MLP compiledModel = new(2, [8, 1], seed: 1), plainModel = new(2, [8, 1], seed: 1);
            (Optimizer compiledOptimizer, double l2) = make(compiledModel);
            var compiled = new Trainer(compiledModel, Objective.Hinge, compiledOptimizer, l2, compile: true);
            var plain = new Trainer(plainModel, Objective.Hinge, make(plainModel).Item1, l2, compile: false);
            for (int step = 0; step < 4; step++)
            {
                double[] before = compiledModel.Parameters().Select(p => p.Data).ToArray();
                StepResult a = compiled.Step(data), b = plain.Step(data);
                Assert.Equal(b.Loss, a.Loss, 1e-9 * Math.Max(1, Math.Abs(b.Loss)));
                Assert.NotEqual(before, compiledModel.Parameters().Select(p => p.Data));
                // Adam divides by √v, so a gradient of rounding size (an output bias's, summed over rows in another
                // order) moves its parameter by up to lr either way: only SGD's parameters agree to rounding.
                if (compiledOptimizer is Sgd) AssertSameParameters(plainModel, compiledModel);
            }
        }
    }

    private static (Trainer, MLP) NewTrainer(Objective objective, Dataset data, bool compile)
    {
        var model = new MLP(data.FeatureCount, [8, Michigrad.Training.Objectives.OutputWidth(objective, data.ClassCount)], seed: 11);
        var optimizer = new Sgd(model.Parameters(), learningRate: 0.01, momentum: 0.5);
        return (new Trainer(model, objective, optimizer, l2: 1e-4, compile: compile), model);
    }

    private static void AssertSameParameters(Module expected, Module actual)
    {
        var a = expected.Parameters().ToArray();
        var b = actual.Parameters().ToArray();
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i].Data, b[i].Data, 1e-12);
    }
}
