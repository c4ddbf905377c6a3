#:project ../src/Michigrad

// Gradients of gradients: Gradients.Of(output, inputs, createGraph: true) returns each derivative as a graph over
// the same leaves, so it can be differentiated again (as torch.autograd.grad with create_graph=True).
// Run it from the repository root:  dotnet run examples/06-second-derivatives.cs
// The graph of d/dx sin(x) goes to michigrad-out/dsin.dot (render it with: dot -Tsvg michigrad-out/dsin.dot -o dsin.svg).
using System.Globalization;
using Michigrad;
using Michigrad.Autograd;
using Michigrad.Visualization;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// 1. d/dx and d²/dx² of sin at x = 0.5: cos(0.5) and -sin(0.5).
var x = new Value(0.5, "x");
Value y = x.Sin();
Value dy = Gradients.Of(y, [x], createGraph: true)[0];   // a graph: cos(x) built from the chain rule
Value d2y = Gradients.Of(dy, [x])[0];
Console.WriteLine($"sin(0.5) = {y.Data:R}");
Console.WriteLine($"d/dx sin(x) at 0.5 = {dy.Data:R} (cos 0.5 = {Math.Cos(0.5):R})");
Console.WriteLine($"d²/dx² sin(x) at 0.5 = {d2y.Data:R} (-sin 0.5 = {-Math.Sin(0.5):R})");
Console.WriteLine($"the derivative is a graph of {Graph.Trace(dy).Nodes.Count} nodes; x.Grad is still {x.Grad}");
Directory.CreateDirectory("michigrad-out");
File.WriteAllText(Path.Combine("michigrad-out", "dsin.dot"), Graph.ToDot(dy));

// 2. The Hessian of Rosenbrock's function f(a, b) = (1 - a)² + 100·(b - a²)² at (-1.2, 1).
static Value Rosenbrock(Value a, Value b) => (1 - a).Pow(2) + 100 * (b - a.Pow(2)).Pow(2);

var p = new[] { new Value(-1.2, "a"), new Value(1.0, "b") };
Value f = Rosenbrock(p[0], p[1]);
Value[] g = Gradients.Of(f, p, createGraph: true);
double[,] h = Hessian(g, p);
Console.WriteLine($"f(-1.2, 1) = {f.Data:R}");
Console.WriteLine($"gradient = [{g[0].Data:R}, {g[1].Data:R}]");
Console.WriteLine($"Hessian = [[{h[0, 0]:R}, {h[0, 1]:R}], [{h[1, 0]:R}, {h[1, 1]:R}]]");

// 3. Newton's method: step by -H⁻¹·∇f. From (-1.2, 1) it reaches the minimum at (1, 1) in a few steps.
for (int step = 1; step <= 6; step++)
{
    f = Rosenbrock(p[0], p[1]);
    g = Gradients.Of(f, p, createGraph: true);
    h = Hessian(g, p);
    double det = h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0];
    double da = -(h[1, 1] * g[0].Data - h[0, 1] * g[1].Data) / det;
    double db = -(-h[1, 0] * g[0].Data + h[0, 0] * g[1].Data) / det;
    p[0].Data += da;
    p[1].Data += db;
    Console.WriteLine($"Newton step {step}: (a, b) = ({p[0].Data:F6}, {p[1].Data:F6}), f = {Rosenbrock(p[0], p[1]).Data:G4}");
}

static double[,] Hessian(Value[] gradient, Value[] inputs)
{
    var h = new double[inputs.Length, inputs.Length];
    for (int i = 0; i < inputs.Length; i++)
    {
        Value[] row = Gradients.Of(gradient[i], inputs);
        for (int j = 0; j < inputs.Length; j++) h[i, j] = row[j].Data;
    }
    return h;
}
