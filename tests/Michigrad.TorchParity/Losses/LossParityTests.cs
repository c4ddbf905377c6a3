using System.Globalization;
using Michigrad.Losses;
using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Michigrad.TorchParity.Losses;

/// <summary>
/// Each loss against TorchSharp's (mean reduction, float64): mse_loss, binary_cross_entropy(_with_logits),
/// cross_entropy and hinge written as relu(1 - y·s).mean(); the loss and the gradient of every input agree to
/// 1e-12 relative.
/// </summary>
public sealed class LossParityTests
{
    private const double Tolerance = 1e-12;

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [InlineData(new[] { 0.3, -1.2, 2.5, 0.0, 7.0 }, new[] { 0.5, -1.0, 2.5, 1.0, -3.0 })]
    [InlineData(new[] { 1e-8 }, new[] { 0.0 })]
    public void MeanSquaredError_MatchesTorchMseLoss(double[] predictions, double[] targets)
    {
        using var scope = NewDisposeScope();
        Value[] ours = Leaves(predictions);
        Tensor torchInputs = Vector(predictions, requiresGrad: true);

        AssertMatches("mse", ours, Loss.MeanSquaredError(ours, targets), torchInputs,
            F.mse_loss(torchInputs, Vector(targets)));
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [InlineData(new[] { 0.01, 0.2, 0.5, 0.73, 0.999 }, new[] { 0.0, 1.0, 0.3, 1.0, 0.0 })]
    [InlineData(new[] { 1e-6, 1 - 1e-6 }, new[] { 1.0, 0.0 })]   // confident and wrong: the large-gradient corner
    public void BinaryCrossEntropy_MatchesTorch(double[] probabilities, double[] targets)
    {
        using var scope = NewDisposeScope();
        Value[] ours = Leaves(probabilities);
        Tensor torchInputs = Vector(probabilities, requiresGrad: true);

        AssertMatches("binary_cross_entropy", ours, Loss.BinaryCrossEntropy(ours, targets), torchInputs,
            F.binary_cross_entropy(torchInputs, Vector(targets)));
    }

    // The edges, where the two differ by design in the gradient only: torch's backward is hand-written,
    // (p - y)/max(p(1 - p), 1e-12), while Michigrad's loss is made of operations and its gradient is the clamped
    // loss's own derivative (0 where the -100 clamp holds, -1/p·… just inside it). The losses agree: 100 per certain
    // wrong answer, and for tiny p to within the rounding of 1 - p (torch takes log1p(-p)).
    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [InlineData(new[] { 0.0, 1.0 }, new[] { 1.0, 0.0 }, 0.0)]
    [InlineData(new[] { 1e-13, 1 - 1e-13 }, new[] { 0.0, 1.0 }, 1e-16)]
    public void BinaryCrossEntropy_AtTheEdges_GivesTorchsLoss(double[] probabilities, double[] targets, double absolute)
    {
        using var scope = NewDisposeScope();
        double torch = F.binary_cross_entropy(Vector(probabilities), Vector(targets)).item<double>();
        double ours = Loss.BinaryCrossEntropy(Leaves(probabilities), targets).Data;

        Assert.True(Math.Abs(torch - ours) <= absolute, $"binary_cross_entropy: Michigrad {ours:R}, TorchSharp {torch:R}");
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [InlineData(new[] { -4.0, -0.5, 0.0, 1.5, 4.0 }, new[] { 0.0, 1.0, 0.3, 1.0, 0.0 })]
    [InlineData(new[] { -30.0, 30.0, -800.0, 800.0 }, new[] { 1.0, 0.0, 1.0, 0.0 })]   // far out, no overflow
    public void BinaryCrossEntropyWithLogits_MatchesTorch(double[] logits, double[] targets)
    {
        using var scope = NewDisposeScope();
        Value[] ours = Leaves(logits);
        Tensor torchInputs = Vector(logits, requiresGrad: true);

        AssertMatches("binary_cross_entropy_with_logits", ours, Loss.BinaryCrossEntropyWithLogits(ours, targets),
            torchInputs, F.binary_cross_entropy_with_logits(torchInputs, Vector(targets)));
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [InlineData(new[] { 0.2, -1.3, 2.0, 0.5 }, 2)]
    [InlineData(new[] { 1000.0, -1000.0, 0.0 }, 1)]   // a huge spread: log-sum-exp must not overflow
    [InlineData(new[] { 3.0 }, 0)]
    public void CrossEntropy_OneSample_MatchesTorch(double[] logits, int target)
    {
        using var scope = NewDisposeScope();
        Value[] ours = Leaves(logits);
        Tensor torchInputs = Torch.Of(logits, [1, logits.Length], requiresGrad: true);

        AssertMatches("cross_entropy", ours, Loss.CrossEntropy(ours, target), torchInputs,
            F.cross_entropy(torchInputs, tensor(new long[] { target })));
    }

    [FactNeeding(ExternalTool.TorchSharpFix)]
    public void CrossEntropy_Batch_MatchesTorch()
    {
        using var scope = NewDisposeScope();
        double[][] logits = [[0.5, -0.2, 1.7], [-2.0, 0.0, 2.0], [4.0, 3.9, -8.0], [0.0, 0.0, 0.0]];
        int[] targets = [2, 0, 1, 1];
        Value[][] ours = logits.Select(Leaves).ToArray();
        Tensor torchInputs = Torch.Of(logits.SelectMany(r => r).ToArray(), [4, 3], requiresGrad: true);

        AssertMatches("cross_entropy (batch)", ours.SelectMany(r => r).ToArray(), Loss.CrossEntropy(ours, targets),
            torchInputs, F.cross_entropy(torchInputs, tensor(targets.Select(t => (long)t).ToArray())));
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [InlineData(new[] { 2.0, 0.3, -0.4, -1.5, 1.0, -1.0 }, new[] { 1.0, 1.0, 1.0, -1.0, -1.0, -1.0 })]
    [InlineData(new[] { 1.0, -1.0 }, new[] { 1.0, -1.0 })]   // exactly at the hinge: gradient 0 in both
    public void Hinge_MatchesTorchReluOfOneMinusLabelTimesScore(double[] scores, double[] labels)
    {
        using var scope = NewDisposeScope();
        Value[] ours = Leaves(scores);
        Tensor torchInputs = Vector(scores, requiresGrad: true);

        AssertMatches("hinge", ours, Loss.Hinge(ours, labels), torchInputs,
            (1 - Vector(labels) * torchInputs).relu().mean());
    }

    [FactNeeding(ExternalTool.TorchSharpFix)]
    public void L2Penalty_MatchesTorchAlphaTimesSumOfSquares()
    {
        using var scope = NewDisposeScope();
        double[] parameters = [0.5, -1.5, 2.0, 0.0, -0.01];
        Value[] ours = Leaves(parameters);
        Tensor torchInputs = Vector(parameters, requiresGrad: true);

        AssertMatches("L2 penalty", ours, Loss.L2Penalty(ours, alpha: 1e-4), torchInputs,
            (torchInputs * torchInputs).sum() * 1e-4);
    }

    [FactNeeding(ExternalTool.TorchSharpFix)]
    public void CrossEntropy_WithTargetProbabilities_MatchesTorch()
    {
        using var scope = NewDisposeScope();
        double[][] logits = [[0.5, -0.2, 1.7], [-2.0, 0.0, 2.0], [1000.0, 3.9, -8.0]];
        double[][] probabilities = [[0.2, 0.3, 0.5], [0, 1, 0], [0.9, 0.1, 0]];
        Value[][] ours = logits.Select(Leaves).ToArray();
        Value[][] targets = probabilities.Select(Leaves).ToArray();
        Tensor torchInputs = Torch.Of(logits.SelectMany(r => r).ToArray(), [3, 3], requiresGrad: true);

        AssertMatches("cross_entropy (probabilities)", ours.SelectMany(r => r).ToArray(), Loss.CrossEntropy(ours, targets),
            torchInputs, F.cross_entropy(torchInputs, Torch.Of(probabilities.SelectMany(r => r).ToArray(), [3, 3])));
    }

    private static Value[] Leaves(double[] values) => values.Select(v => new Value(v)).ToArray();

    private static Tensor Vector(double[] values, bool requiresGrad = false) =>
        Torch.Of(values, [values.Length], requiresGrad);

    /// <summary>Backpropagates both losses and compares the loss and the gradient of each input, in order.</summary>
    private static void AssertMatches(string name, Value[] inputs, Value loss, Tensor torchInputs, Tensor torchLoss)
    {
        loss.Backward();
        torchLoss.backward();

        Parity.Close(torchLoss.item<double>(), loss.Data, Tolerance, $"{name} value");
        double[] grads = torchInputs.grad!.contiguous().data<double>().ToArray();
        Assert.Equal(inputs.Length, grads.Length);
        for (int i = 0; i < inputs.Length; i++)
            Parity.Close(grads[i], inputs[i].Grad, Tolerance,
                string.Create(CultureInfo.InvariantCulture, $"{name}: d loss / d input[{i}] (input {inputs[i].Data:R})"));
    }
}
