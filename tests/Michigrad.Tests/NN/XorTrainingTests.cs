using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Optim;

namespace Michigrad.Tests.NN;

/// <summary>End-to-end training: modules, a loss and an optimizer solve XOR. Seeded, so the runs cannot flake.</summary>
public class XorTrainingTests
{
    private static readonly double[][] Inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
    private static readonly double[] Targets = [-1, 1, 1, -1];

    private static Value[] Predict(Module model)
    {
        var predictions = new Value[Inputs.Length];
        for (int i = 0; i < Inputs.Length; i++) predictions[i] = model.Forward(Inputs[i])[0];
        return predictions;
    }

    [Fact]
    public void SequentialOfLinearAndTanh_WithAdamAndMse_SolvesXor()
    {
        var random = new Random(42);
        var model = new Sequential(new Linear(2, 4, random), new Tanh(), new Linear(4, 1, random), new Tanh());
        var optimizer = new Adam(model.Parameters(), learningRate: 0.05);
        double firstLoss = double.NaN;

        for (int epoch = 0; epoch < 300; epoch++)
        {
            Value loss = Loss.MeanSquaredError(Predict(model), Targets);
            if (epoch == 0) firstLoss = loss.Data;
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }

        Value[] predictions = Predict(model);
        for (int i = 0; i < Inputs.Length; i++)
            Assert.Equal(Math.Sign(Targets[i]), Math.Sign(predictions[i].Data));
        double finalLoss = Loss.MeanSquaredError(predictions, Targets).Data;
        Assert.True(finalLoss < 0.01 && finalLoss < firstLoss / 10, $"loss went from {firstLoss} to {finalLoss}");
    }

    [Fact]
    public void MicrogradMlp_WithSgdAndHingeLoss_SolvesXor()
    {
        var model = new MLP(2, [8, 1], seed: 1);
        var optimizer = new Sgd(model.Parameters(), learningRate: 0.1);

        for (int epoch = 0; epoch < 200; epoch++)
        {
            Value loss = Loss.Hinge(Predict(model), Targets) + Loss.L2Penalty(model.Parameters(), 1e-4);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }

        Value[] predictions = Predict(model);
        for (int i = 0; i < Inputs.Length; i++)
            Assert.Equal(Math.Sign(Targets[i]), Math.Sign(predictions[i].Data));
    }
}
