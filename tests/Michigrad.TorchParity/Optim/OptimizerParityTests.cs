using Michigrad.Optim;
using Michigrad.TorchParity.NN;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.Optim;

/// <summary>
/// Twenty training steps of SGD with momentum and of Adam (both with weight decay) on the MLP and the Sequential
/// leave Michigrad's parameters equal to TorchSharp's to 1e-9.
/// </summary>
public sealed class OptimizerParityTests
{
    private const double Tolerance = 1e-9;
    private const int Steps = 20;

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [InlineData("MLP", "SGD")]
    [InlineData("MLP", "Adam")]
    [InlineData("Sequential", "SGD")]
    [InlineData("Sequential", "Adam")]
    public void TwentySteps_LeaveTheSameParametersAsTorch(string model, string optimizer)
    {
        ParityProblem problem = ParityProblem.Create(model);
        using var scope = NewDisposeScope();
        IList<TorchSharp.Modules.Parameter> torchParameters = problem.Twin.Model.parameters().ToList();

        (Optimizer ours, optim.Optimizer torch) = optimizer switch
        {
            "SGD" => ((Optimizer)new Sgd(problem.Model.Parameters(), learningRate: 0.05, momentum: 0.9, weightDecay: 1e-3),
                (optim.Optimizer)optim.SGD(torchParameters, learningRate: 0.05, momentum: 0.9, weight_decay: 1e-3)),
            "Adam" => (new Adam(problem.Model.Parameters(), learningRate: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-3),
                optim.Adam(torchParameters, lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 1e-3)),
            _ => throw new ArgumentOutOfRangeException(nameof(optimizer)),
        };

        double firstLoss = double.NaN, lastLoss = double.NaN;
        for (int step = 0; step < Steps; step++)
        {
            (_, Value loss) = problem.RunMichigrad();
            ours.ZeroGrad();
            loss.Backward();
            ours.Step();

            torch.zero_grad();
            (_, Tensor torchLoss) = problem.RunTorch();
            torchLoss.backward();
            torch.step();

            if (step == 0) firstLoss = loss.Data;
            lastLoss = loss.Data;
        }

        problem.Twin.AssertParametersMatch(Tolerance, $"{model} after {Steps} {optimizer} steps");
        Assert.True(lastLoss < firstLoss, $"training did not lower the loss ({firstLoss} → {lastLoss}), so it compared nothing");
    }
}
