using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Tests.Training;

public class TrainerEvaluateTests
{
    [Theory]
    [InlineData(Objective.Hinge)]
    [InlineData(Objective.MeanSquaredError)]
    [InlineData(Objective.BinaryCrossEntropy)]
    public void Evaluate_GivesTheLossAndAccuracyTheNextStepMeasures(Objective objective)
    {
        Dataset data = Datasets.Moons(600, noise: 0.1, seed: 3);   // more rows than one evaluation chunk
        var model = new MLP(2, [8, 1], seed: 1);
        var trainer = new Trainer(model, objective, new Sgd(model.Parameters(), 0.05), l2: 1e-3, compile: false);
        trainer.Step(data);
        double[] before = [.. model.Parameters().Select(p => p.Data)];

        StepResult evaluated = trainer.Evaluate(data);

        Assert.Equal(before, model.Parameters().Select(p => p.Data));   // nothing moved
        StepResult stepped = trainer.Step(data);
        Assert.Equal(stepped.Loss, evaluated.Loss, 1e-12);
        Assert.Equal(stepped.Accuracy, evaluated.Accuracy);
    }
}
