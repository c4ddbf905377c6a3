using Michigrad.Interop;
using Michigrad.NN;
using Michigrad.TorchParity.TestSupport;
using TorchSharp;
using TorchSharp.PyBridge;
using Safetensors = Michigrad.Interop.Safetensors;
using static TorchSharp.torch;
using TorchModule = TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>;

namespace Michigrad.TorchParity.Interop;

/// <summary>
/// Safetensors files cross between Michigrad and TorchSharp (PyTorch's engine) in both directions: the same weights
/// give the same outputs on both sides.
/// </summary>
public sealed class SafetensorsTorchTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"michigrad-torch-{Guid.NewGuid():N}");

    public SafetensorsTorchTests()
    {
        Torch.EnsureLoaded();
        Directory.CreateDirectory(_folder);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The PyTorch module a Michigrad activation stands for.</summary>
    private static TorchModule TorchActivation(Activation activation) => activation switch
    {
        Activation.Tanh => nn.Tanh(),
        Activation.ReLU => nn.ReLU(),
        Activation.Sigmoid => nn.Sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>The equivalent torch model, built from the architecture alone (torch's own random weights).</summary>
    private static TorchModule TorchArchitecture(Module model, ScalarType dtype)
    {
        var modules = new List<TorchModule>();
        switch (model)
        {
            case Sequential sequential:
                for (int i = 0; i < sequential.Count; i++)
                {
                    modules.Add(sequential[i] switch
                    {
                        Linear l => nn.Linear(l.InFeatures, l.OutFeatures, hasBias: l.Bias is not null, dtype: dtype),
                        Michigrad.NN.Tanh => nn.Tanh(),
                        Michigrad.NN.ReLU => nn.ReLU(),
                        Michigrad.NN.Sigmoid => nn.Sigmoid(),
                        var other => throw new NotSupportedException(other.ToString()),
                    });
                }
                break;
            case MLP mlp:
                foreach (Layer layer in mlp.Layers)
                {
                    modules.Add(nn.Linear(layer.InputSize!.Value, layer.OutputSize!.Value, hasBias: layer.Neurons[0].Bias is not null, dtype: dtype));
                    if (layer.Activation != Activation.None) modules.Add(TorchActivation(layer.Activation));
                }
                break;
            default:
                throw new NotSupportedException(model.ToString());
        }
        return nn.Sequential(modules);
    }

    private static double[] TorchOutputs(TorchModule model, double[] inputs, int width, ScalarType dtype)
    {
        using var _ = no_grad();
        using Tensor x = tensor(inputs, [inputs.Length / width, width], dtype: float64).to_type(dtype);
        using Tensor y = model.call(x).to_type(float64);
        return y.data<double>().ToArray();
    }

    private static double[] RandomInputs(int rows, int width, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows * width).Select(_ => random.NextDouble() * 6 - 3)];
    }

    private static double[] MichigradOutputs(Module model, double[] inputs, int width)
    {
        var outputs = new List<double>();
        for (int row = 0; row < inputs.Length / width; row++)
            outputs.AddRange(model.Forward(inputs[(row * width)..((row + 1) * width)]).Select(v => v.Data));
        return [.. outputs];
    }

    /// <summary>Every output within <paramref name="tolerance"/> of that output's largest magnitude over the batch
    /// (torch sums a matrix product in its own order, so outputs that cancel to nearly 0 differ in the last bits).</summary>
    private static void AssertClose(double[] expected, double[] actual, int outputs, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = new double[outputs];
        for (int k = 0; k < expected.Length; k++) scale[k % outputs] = Math.Max(scale[k % outputs], Math.Abs(expected[k]));
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(actual[k] - expected[k]) <= tolerance * scale[k % outputs],
                $"output {k}: torch {actual[k]:R}, Michigrad {expected[k]:R}");
    }

    public static TheoryData<string> Models => new(["sequential-tanh", "sequential-relu-nobias", "sequential-sigmoid", "mlp-relu", "mlp-tanh"]);

    private static Module Build(string name)
    {
        var r = new Random(name.Length);
        return name switch
        {
            "sequential-tanh" => new Sequential(new Linear(2, 16, r), new Michigrad.NN.Tanh(), new Linear(16, 16, r), new Michigrad.NN.Tanh(), new Linear(16, 1, r)),
            "sequential-relu-nobias" => new Sequential(new Linear(3, 8, r), new Michigrad.NN.ReLU(), new Linear(8, 4, r, bias: false), new Michigrad.NN.ReLU(), new Linear(4, 3, r)),
            "sequential-sigmoid" => new Sequential(new Linear(4, 6, r), new Michigrad.NN.Sigmoid(), new Linear(6, 2, r), new Michigrad.NN.Sigmoid()),
            "mlp-relu" => new MLP(2, [16, 16, 1], r),
            "mlp-tanh" => new MLP(3, [8, 3], r, hiddenActivation: Activation.Tanh),
            _ => throw new ArgumentException(name),
        };
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [MemberData(nameof(Models))]
    public void MichigradExport_LoadsIntoTheEquivalentTorchSequential(string name)
    {
        Module ours = Build(name);
        int width = ours.InputSize!.Value;
        string path = Path.Combine(_folder, "model.safetensors");
        Safetensors.Write(ours, path);
        TorchModule theirs = TorchArchitecture(ours, float64);

        theirs.load_safetensors(path);   // strict: every name and shape must match

        double[] inputs = RandomInputs(1000, width, seed: 1);
        AssertClose(MichigradOutputs(ours, inputs, width), TorchOutputs(theirs, inputs, width, float64), ours.OutputSize!.Value, 1e-12);
    }

    [FactNeeding(ExternalTool.TorchSharpFix)]
    public void MichigradFloat32Export_LoadsIntoAFloat32TorchModel()
    {
        Module ours = Build("sequential-tanh");
        string path = Path.Combine(_folder, "model32.safetensors");
        Safetensors.Write(ours, path, ElementType.Float);
        TorchModule theirs = TorchArchitecture(ours, float32);

        theirs.load_safetensors(path);

        double[] inputs = RandomInputs(1000, 2, seed: 2);
        AssertClose(MichigradOutputs(ours, inputs, 2), TorchOutputs(theirs, inputs, 2, float32), 1, 1e-5);
    }

    [TheoryNeeding(ExternalTool.TorchSharpFix)]
    [MemberData(nameof(Models))]
    public void TorchTrainedWeights_LoadIntoMichigrad(string name)
    {
        Module ours = Build(name);
        int width = ours.InputSize!.Value;
        int outputs = ours.OutputSize!.Value;
        TorchModule theirs = TorchArchitecture(ours, float64);
        // A few steps of training in torch, so that the weights are torch's own, not an initialisation.
        random.manual_seed(5);
        using (Tensor x = randn(64, width, dtype: float64))
        using (Tensor target = randn(64, outputs, dtype: float64))
        {
            var optimizer = optim.Adam(theirs.parameters(), lr: 0.01);
            for (int step = 0; step < 20; step++)
            {
                optimizer.zero_grad();
                using Tensor loss = nn.functional.mse_loss(theirs.call(x), target);
                loss.backward();
                optimizer.step();
            }
        }
        string path = Path.Combine(_folder, "torch.safetensors");
        theirs.save_safetensors(path);
        double[] before = [.. ours.Parameters().Select(p => p.Data)];

        Safetensors.Read(path, ours);

        Assert.NotEqual(before, ours.Parameters().Select(p => p.Data));
        double[] inputs = RandomInputs(1000, width, seed: 3);
        AssertClose(TorchOutputs(theirs, inputs, width, float64), MichigradOutputs(ours, inputs, width), outputs, 1e-12);
    }
}
