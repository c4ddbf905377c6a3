#:package TorchSharp-cpu
#:property CustomAfterMicrosoftCommonTargets=$(MSBuildProjectDirectory)/../tools/torchsharp-fix/TorchSharpFix.targets

// XOR with PyTorch's .NET binding, TorchSharp: the same 2-4-1 tanh network as examples/02-xor.cs, line by line.
// Run from the repository root: dotnet run examples/05-xor-torchsharp.cs
// On Debian 12 / Ubuntu 22.04 the build runs tools/torchsharp-fix (needs patchelf and gcc) so LibTorch loads.

using TorchSharp;
using static TorchSharp.torch;

torch.set_num_threads(1);                      // (Michigrad is single-threaded too)
torch.manual_seed(42);                         // new Random(42)

// double[][] inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];  double[] targets = [-1, 1, 1, -1];
var inputs = tensor(new double[] { 0, 0, 0, 1, 1, 0, 1, 1 }, [4, 2], dtype: float64);
var targets = tensor(new double[] { -1, 1, 1, -1 }, [4, 1], dtype: float64);   // tanh's range: -1 false, +1 true

// new Sequential(new Linear(2, 4, random), new Tanh(), new Linear(4, 1, random), new Tanh())
var model = nn.Sequential(
    ("l1", nn.Linear(2, 4, dtype: float64)),
    ("act1", nn.Tanh()),
    ("l2", nn.Linear(4, 1, dtype: float64)),
    ("act2", nn.Tanh()));
// new Sgd(model.Parameters(), learningRate: 0.1, momentum: 0.9)   (02 uses Adam: optim.Adam(..., lr: 0.05))
var optimizer = optim.SGD(model.parameters(), learningRate: 0.1, momentum: 0.9);

for (int epoch = 1; epoch <= 300; epoch++)
{
    using var scope = NewDisposeScope();       // frees this epoch's tensors (Michigrad's are garbage collected)
    var predictions = model.forward(inputs);   // model.Forward(inputs[i])[0] for each i: here one batched call
    var loss = nn.functional.mse_loss(predictions, targets);   // Loss.MeanSquaredError(predictions, targets)

    optimizer.zero_grad();                     // optimizer.ZeroGrad();
    loss.backward();                           // loss.Backward();
    optimizer.step();                          // optimizer.Step();

    if (epoch % 50 == 0) Console.WriteLine($"epoch {epoch,3}  loss {loss.item<double>():F6}");
}

Console.WriteLine();
Console.WriteLine(" x1  x2 | target | prediction");
Console.WriteLine("--------+--------+-----------");
int correct = 0;
using (no_grad())                              // Michigrad builds a graph anyway; torch can skip it
{
    double[] predictions = model.forward(inputs).data<double>().ToArray();
    double[] x = inputs.data<double>().ToArray();
    double[] y = targets.data<double>().ToArray();
    for (int i = 0; i < predictions.Length; i++)
    {
        if (Math.Sign(predictions[i]) == Math.Sign(y[i])) correct++;
        Console.WriteLine($"{x[2 * i],3} {x[2 * i + 1],3} | {y[i],6} | {predictions[i],10:F4}");
    }
}
Console.WriteLine($"{correct}/4 signs correct");
return correct == 4 ? 0 : 1;
