using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.NN;

/// <summary>
/// The Hessian of a small MLP's loss with respect to a few of its parameters: Michigrad's gradients of gradients
/// against TorchSharp's, the same network written out with one float64 scalar per parameter.
/// </summary>
public sealed class MlpHessianParityTests
{
    private const double Tolerance = 1e-9;

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [InlineData(Activation.Tanh, "mse")]
    [InlineData(Activation.Sigmoid, "mse")]
    [InlineData(Activation.Tanh, "bce-logits")]
    [InlineData(Activation.ReLU, "mse")]
    public void LossHessian_OverAFewParameters_MatchesTorch(Activation activation, string loss)
    {
        var model = new MLP(2, [4, 1], hiddenActivation: activation, seed: 17);
        double[][] rows = [[0.5, -1.2], [-0.3, 0.8], [1.1, 0.4]];
        double[] targets = [1, 0, 1];
        using var scope = NewDisposeScope();

        // Michigrad: the loss over the rows, and the parameters to differentiate by (some of each layer).
        Value[] parameters = model.Parameters().ToArray();
        int[] chosen = [0, 1, 2, 5, parameters.Length - 3, parameters.Length - 1];
        Value[] outputs = rows.Select(r => model.Forward([new Value(r[0]), new Value(r[1])])[0]).ToArray();
        Value ours = loss == "mse" ? Loss.MeanSquaredError(outputs, targets) : Loss.BinaryCrossEntropyWithLogits(outputs, targets);

        // TorchSharp: the same network from scalar parameters, neuron by neuron.
        Tensor[] p = parameters.Select(v => Torch.Scalar(v.Data)).ToArray();
        var index = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < parameters.Length; i++) index[parameters[i]] = i;
        Tensor[] torchOutputs = rows.Select(r =>
        {
            Tensor[] x = r.Select(v => Torch.Scalar(v, requiresGrad: false)).ToArray();
            for (int k = 0; k < model.Layers.Count; k++)
            {
                Layer layer = model.Layers[k];
                x = layer.Neurons.Select(neuron =>
                {
                    Tensor z = p[index[neuron.Bias!]];
                    for (int i = 0; i < x.Length; i++) z = z + p[index[neuron.Weights[i]]] * x[i];
                    if (k == model.Layers.Count - 1) return z;
                    return activation switch { Activation.Tanh => z.tanh(), Activation.Sigmoid => z.sigmoid(), _ => z.relu() };
                }).ToArray();
            }
            return x[0];
        }).ToArray();
        Tensor prediction = stack(torchOutputs);
        Tensor target = Torch.Of(targets, [targets.Length]);
        Tensor torchLoss = loss == "mse" ? nn.functional.mse_loss(prediction, target)
            : nn.functional.binary_cross_entropy_with_logits(prediction, target);

        Parity.Close(torchLoss.item<double>(), ours.Data, Tolerance, "loss");
        TorchHessian.AssertClose(TorchHessian.Of(torchLoss, chosen.Select(i => p[i]).ToArray()),
            TorchHessian.OfMichigrad(ours, chosen.Select(i => parameters[i]).ToArray()), Tolerance, $"{activation} MLP, {loss}");
    }
}
