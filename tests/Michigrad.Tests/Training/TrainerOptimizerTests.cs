using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Tests.Training;

public class TrainerOptimizerTests
{
    [Fact]
    public void OptimizerOverAnotherModel_IsRefused()
    {
        var model = new MLP(2, [3, 1], seed: 1);
        var other = new MLP(2, [3, 1], seed: 2);

        var e = Assert.Throws<ArgumentException>(() => new Trainer(model, Objective.Hinge, new Sgd(other.Parameters(), 0.1)));

        Assert.Equal("optimizer", e.ParamName);
        Assert.StartsWith("The optimizer's parameter 0 is not a parameter of the model MLP(2, [3, 1])", e.Message);
    }

    [Fact]
    public void OptimizerOverPartOfTheModel_IsAllowed()
    {
        // Freezing layers, as in PyTorch: optimise only the last layer's parameters.
        var model = new MLP(2, [3, 1], seed: 1);

        var trainer = new Trainer(model, Objective.Hinge, new Sgd(model.Layers[1].Parameters(), 0.1));

        Assert.Same(model, trainer.Model);
    }
}
