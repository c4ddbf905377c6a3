#:project ../src/Michigrad/Michigrad.csproj

// micrograd's demo: a 2-16-16-1 MLP learns to separate two interleaving half moons.
// Run it from the repository root:  dotnet run examples/03-moons.cs
// The loop is written out as in micrograd so every step is visible; `michigrad train` runs the same thing.
using Michigrad;
using Michigrad.Data;
using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Optim;

const int Steps = 100;
Dataset moons = Datasets.Moons(n: 100, noise: 0.1, seed: 1337);
double[] labels = moons.SignedLabels();                    // hinge loss wants -1 / +1
var model = new MLP(2, [16, 16, 1], seed: 1337);           // ReLU hidden layers, linear output
var optimizer = new Sgd(model.Parameters(), learningRate: 1.0);
Console.WriteLine($"{model.ParameterCount} parameters");

double accuracy = 0;
for (int step = 0; step < Steps; step++)
{
    // Forward: one score per point, micrograd's max-margin loss and a small L2 penalty.
    var scores = new Value[moons.Count];
    for (int i = 0; i < moons.Count; i++) scores[i] = model.Forward(moons.Inputs(i))[0];
    Value loss = Loss.Hinge(scores, labels) + Loss.L2Penalty(model.Parameters(), alpha: 1e-4);

    int correct = 0;
    for (int i = 0; i < moons.Count; i++)
        if (scores[i].Data > 0 == labels[i] > 0) correct++;
    accuracy = (double)correct / moons.Count;

    // Backward and update, with micrograd's decaying learning rate.
    optimizer.ZeroGrad();
    loss.Backward();
    optimizer.LearningRate = 1.0 - 0.9 * step / Steps;
    optimizer.Step();

    if (step % 10 == 0 || step == Steps - 1)
        Console.WriteLine($"step {step,3}  loss {loss.Data:F6}  accuracy {accuracy:P0}");
}

Console.WriteLine($"final training accuracy {accuracy:P0}");
return accuracy == 1.0 ? 0 : 1;
