using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Tests.Training;

public class TrainerEvaluateTests
{
    [Theory]
    [InlineData(Objective.Hinge, false)]
    [InlineData(Objective.MeanSquaredError, false)]
    [InlineData(Objective.BinaryCrossEntropy, false)]
    [InlineData(Objective.Hinge, true)]
    [InlineData(Objective.MeanSquaredError, true)]
    [InlineData(Objective.BinaryCrossEntropy, true)]
    public void Evaluate_GivesTheLossAndAccuracyTheNextStepMeasures(Objective objective, bool compile)
    {
        Dataset data = Datasets.Moons(600, noise: 0.1, seed: 3);   // more rows than one evaluation chunk
        var model = new MLP(2, [8, 1], seed: 1);
        var trainer = new Trainer(model, objective, new Sgd(model.Parameters(), 0.05), l2: 1e-3, compile: compile);
        trainer.Step(data);
        double[] before = [.. model.Parameters().Select(p => p.Data)];

        StepResult evaluated = trainer.Evaluate(data);

        Assert.Equal(before, model.Parameters().Select(p => p.Data));   // nothing moved
        StepResult stepped = trainer.Step(data);
        Assert.Equal(stepped.Loss, evaluated.Loss, 1e-12);
        Assert.Equal(stepped.Accuracy, evaluated.Accuracy);
    }

    [Theory]
    [InlineData(Objective.CrossEntropy)]
    [InlineData(Objective.MeanSquaredError)]
    public void Evaluate_Compiled_AgreesWithTheObjectGraph(Objective objective)
    {
        Dataset data = Datasets.Spiral(700, classes: 3, noise: 0.2, seed: 4);   // chunks of 256 rows and a short one
        var model = new MLP(2, [16, 3], seed: 2);
        var compiled = new Trainer(model, objective, new Sgd(model.Parameters(), 0.05), l2: 1e-3, compile: true);
        var plain = new Trainer(model, objective, new Sgd(model.Parameters(), 0.05), l2: 1e-3, compile: false);

        StepResult a = compiled.Evaluate(data), b = plain.Evaluate(data);

        Assert.Equal(b.Loss, a.Loss, 1e-12 * Math.Abs(b.Loss));
        Assert.Equal(b.Accuracy, a.Accuracy);
        Assert.All(model.Parameters(), p => Assert.Equal(0.0, p.Grad));   // forward only
    }
}
