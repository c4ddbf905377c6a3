#:project ../src/Michigrad

// The seed notebook's first example: one tanh neuron with two inputs, and a loss L = y - tanh(ŷ).
// Run it from the repository root:  dotnet run examples/01-value-graph.cs [output.svg|.png|.pdf|.dot]
// The picture goes to michigrad-out/graph.svg by default (michigrad-out/ is git-ignored).
using Michigrad;
using Michigrad.Visualization;

var w0 = new Value(-0.5, "W₀");
var x0 = new Value(0.5, "x₀");
var w1 = new Value(-0.3, "W₁");
var x1 = new Value(2, "x₁");

Value w0x0 = w0 * x0; w0x0.Label = "W0x0";
Value w1x1 = w1 * x1; w1x1.Label = "W1x1";
Value yHat = w0x0 + w1x1; yHat.Label = "ŷ";
Value t = yHat.Tanh(); t.Label = "tanh(ŷ)";
var y = new Value(0.8, "y");
Value loss = y - t; loss.Label = "L";

loss.Backward();

// Expected (from the seed notebook): L = 1.4910694698329305, dL/dW₀ = -0.26121149393241616,
// dL/dx₀ = 0.26121149393241616, dL/dW₁ = -1.0448459757296646, dL/dx₁ = 0.1567268963594497.
foreach (Value node in Graph.Trace(loss).Nodes)
    Console.WriteLine(node);

string path = args.Length > 0 ? args[0] : Path.Combine("michigrad-out", "graph.svg");
string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
if (folder is not null) Directory.CreateDirectory(folder);
try
{
    Graph.Render(loss, path);
}
catch (GraphvizNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    path = Path.ChangeExtension(path, ".dot");
    Console.Error.WriteLine($"Writing the DOT text instead; render it later with: dot -Tsvg {path} -o graph.svg");
    Graph.Render(loss, path);
}
Console.WriteLine($"Wrote {path}");
