using Michigrad.NN;
using Michigrad.TorchParity.TestSupport;
using TorchSharp;
using static TorchSharp.torch;
using TorchModule = TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>;

namespace Michigrad.TorchParity.NN;

/// <summary>
/// A TorchSharp <c>nn.Sequential</c> with a Michigrad model's weights copied in (float64), and the map from each
/// Michigrad parameter to its element of a torch parameter, so values and gradients can be compared one by one.
/// </summary>
internal sealed class TorchTwin
{
    private readonly List<(string Name, Value Ours, Tensor Torch, long Index)> _pairs = [];
    private readonly List<(string, TorchModule)> _layers = [];

    private TorchTwin()
    {
    }

    public TorchModule Model { get; private set; } = null!;

    public int ParameterCount => _pairs.Count;

    /// <summary>micrograd's MLP: neuron j of layer k is row j of a <c>Linear</c>; ReLU between layers, none after the last.</summary>
    public static TorchTwin Of(MLP mlp)
    {
        Torch.EnsureLoaded();
        var twin = new TorchTwin();
        for (int k = 0; k < mlp.Layers.Count; k++)
        {
            Layer layer = mlp.Layers[k];
            var weights = new Value[layer.Neurons.Count, layer.InputSize!.Value];
            Value[]? biases = layer.Neurons[0].Bias is null ? null : new Value[layer.Neurons.Count];
            for (int j = 0; j < layer.Neurons.Count; j++)
            {
                for (int i = 0; i < weights.GetLength(1); i++) weights[j, i] = layer.Neurons[j].Weights[i];
                if (biases is not null) biases[j] = layer.Neurons[j].Bias!;
            }
            twin.AddLinear($"layers.{k}.neurons", weights, biases);
            if (k < mlp.Layers.Count - 1) twin.AddActivation(mlp.HiddenActivation);
        }
        twin.Model = nn.Sequential(twin._layers);
        return twin;
    }

    /// <summary>A Sequential of <see cref="Linear"/>, <see cref="Tanh"/>, <see cref="ReLU"/> and <see cref="Sigmoid"/> modules.</summary>
    public static TorchTwin Of(Sequential sequential)
    {
        Torch.EnsureLoaded();
        var twin = new TorchTwin();
        for (int m = 0; m < sequential.Count; m++)
        {
            switch (sequential[m])
            {
                case Linear linear:
                    var weights = new Value[linear.OutFeatures, linear.InFeatures];
                    for (int j = 0; j < linear.OutFeatures; j++)
                        for (int i = 0; i < linear.InFeatures; i++) weights[j, i] = linear.Weight[j, i];
                    twin.AddLinear($"{m}", weights, linear.Bias?.ToArray());
                    break;
                case Tanh: twin.AddActivation(Activation.Tanh); break;
                case ReLU: twin.AddActivation(Activation.ReLU); break;
                case Sigmoid: twin.AddActivation(Activation.Sigmoid); break;
                case Module other: throw new NotSupportedException($"No TorchSharp twin for {other}.");
            }
        }
        twin.Model = nn.Sequential(twin._layers);
        return twin;
    }

    /// <summary>Asserts that every Michigrad parameter's value equals its torch element.</summary>
    public void AssertParametersMatch(double tolerance, string when) =>
        Compare(tensor => tensor, value => value.Data, tolerance, $"{when}: parameter");

    /// <summary>Asserts that every Michigrad parameter's gradient equals its torch element's.</summary>
    public void AssertGradientsMatch(double tolerance, string when) =>
        Compare(tensor => tensor.grad ?? throw new InvalidOperationException("torch has no gradient"),
            value => value.Grad, tolerance, $"{when}: gradient of");

    private void Compare(Func<Tensor, Tensor> select, Func<Value, double> ours, double tolerance, string what)
    {
        var cache = new Dictionary<Tensor, double[]>(ReferenceEqualityComparer.Instance);
        foreach ((string name, Value value, Tensor tensor, long index) in _pairs)
        {
            if (!cache.TryGetValue(tensor, out double[]? flat))
                cache[tensor] = flat = select(tensor).detach().contiguous().data<double>().ToArray();
            Parity.Close(flat[index], ours(value), tolerance, $"{what} {name}");
        }
    }

    private void AddLinear(string name, Value[,] weight, Value[]? bias)
    {
        int outputs = weight.GetLength(0), inputs = weight.GetLength(1);
        var linear = nn.Linear(inputs, outputs, hasBias: bias is not null, dtype: float64);
        var w = new double[outputs * inputs];
        for (int j = 0; j < outputs; j++)
            for (int i = 0; i < inputs; i++)
            {
                w[j * inputs + i] = weight[j, i].Data;
                _pairs.Add(($"{name}[{j},{i}] (weight)", weight[j, i], linear.weight!, j * inputs + i));
            }
        using (no_grad())
        {
            linear.weight!.copy_(Torch.Of(w, [outputs, inputs]));
            if (bias is not null)
            {
                linear.bias!.copy_(Torch.Of(bias.Select(b => b.Data).ToArray(), [outputs]));
                for (int j = 0; j < outputs; j++) _pairs.Add(($"{name}[{j}] (bias)", bias[j], linear.bias!, j));
            }
        }
        _layers.Add(($"linear{_layers.Count}", linear));
    }

    private void AddActivation(Activation activation) => _layers.Add(activation switch
    {
        Activation.ReLU => ($"relu{_layers.Count}", nn.ReLU()),
        Activation.Tanh => ($"tanh{_layers.Count}", nn.Tanh()),
        Activation.Sigmoid => ($"sigmoid{_layers.Count}", nn.Sigmoid()),
        _ => throw new NotSupportedException($"No TorchSharp twin for {activation}."),
    });
}
