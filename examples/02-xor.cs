#:project ../src/Michigrad/Michigrad.csproj

// XOR, the classic problem a single linear layer cannot solve: a 2-4-1 network with tanh learns it.
// Run from the repository root: dotnet run examples/02-xor.cs

using Michigrad;
using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Optim;

double[][] inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
double[] targets = [-1, 1, 1, -1];   // tanh's range: -1 for false, +1 for true

// One Random shared by both layers: each draws fresh weights (two layers seeded alike would start alike).
var random = new Random(42);
var model = new Sequential(new Linear(2, 4, random), new Tanh(), new Linear(4, 1, random), new Tanh());
var optimizer = new Adam(model.Parameters(), learningRate: 0.05);

for (int epoch = 1; epoch <= 300; epoch++)
{
    var predictions = new Value[inputs.Length];
    for (int i = 0; i < inputs.Length; i++) predictions[i] = model.Forward(inputs[i])[0];
    Value loss = Loss.MeanSquaredError(predictions, targets);

    optimizer.ZeroGrad();
    loss.Backward();
    optimizer.Step();

    if (epoch % 50 == 0) Console.WriteLine($"epoch {epoch,3}  loss {loss.Data:F6}");
}

Console.WriteLine();
Console.WriteLine(" x1  x2 | target | prediction");
Console.WriteLine("--------+--------+-----------");
int correct = 0;
for (int i = 0; i < inputs.Length; i++)
{
    double prediction = model.Forward(inputs[i])[0].Data;
    if (Math.Sign(prediction) == Math.Sign(targets[i])) correct++;
    Console.WriteLine($"{inputs[i][0],3} {inputs[i][1],3} | {targets[i],6} | {prediction,10:F4}");
}
Console.WriteLine($"{correct}/{inputs.Length} signs correct");
return correct == inputs.Length ? 0 : 1;
