#:project ../src/Michigrad/Michigrad.csproj

// The seed notebook's last exercise: a model is a list of modules, and every module has Forward.
// Run it from the repository root:  dotnet run examples/04-model-as-list.cs
using Michigrad;
using Michigrad.Data;
using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Optim;

// 1. The notebook's model, written with Sequential:
//    model = Model([Linear(2, 4), Linear(4, 4, bias=False), Linear(4, 3), Tanh(3)]); model(x)
var random = new Random(7);   // one Random for all layers, so each layer draws its own weights
var seedModel = new Sequential(
    new Linear(2, 4, random), new Linear(4, 4, random, bias: false), new Linear(4, 3, random), new Tanh(3));
IReadOnlyList<Value> output = seedModel.Forward(1.0, -2.0);
Console.WriteLine($"model(x) = [{string.Join(", ", output.Select(v => v.Data.ToString("F4")))}]");
Console.WriteLine($"{seedModel.ParameterCount} parameters: {string.Join(", ", seedModel.NamedParameters().Take(3).Select(p => p.Name))}, ...");

// 2. The same idea trained: a 3-class spiral, softmax cross-entropy, Adam.
Dataset spiral = Datasets.Spiral(n: 150, classes: 3, noise: 0.2, seed: 7);
var model = new Sequential(
    new Linear(2, 16, random), new ReLU(),
    new Linear(16, 16, random), new ReLU(),
    new Linear(16, 3, random));
var optimizer = new Adam(model.Parameters(), learningRate: 0.03);

double accuracy = 0;
for (int step = 1; step <= 200; step++)
{
    var logits = new IReadOnlyList<Value>[spiral.Count];
    int correct = 0;
    for (int i = 0; i < spiral.Count; i++)
    {
        logits[i] = model.Forward(spiral.Inputs(i));
        if (ArgMax(logits[i]) == spiral.Labels[i]) correct++;
    }
    Value loss = Loss.CrossEntropy(logits, spiral.Labels);
    accuracy = (double)correct / spiral.Count;

    optimizer.ZeroGrad();
    loss.Backward();
    optimizer.Step();

    if (step % 25 == 0) Console.WriteLine($"step {step,3}  loss {loss.Data:F4}  accuracy {accuracy:P0}");
}
Console.WriteLine($"final training accuracy {accuracy:P0}");
return accuracy >= 0.9 ? 0 : 1;

static int ArgMax(IReadOnlyList<Value> values)
{
    int best = 0;
    for (int i = 1; i < values.Count; i++)
        if (values[i].Data > values[best].Data) best = i;
    return best;
}
