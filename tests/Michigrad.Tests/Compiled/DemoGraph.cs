namespace Michigrad.Tests.Compiled;

/// <summary>
/// The micrograd demo step as a raw <see cref="Value"/> graph: an MLP 2-16-16-1 (ReLU hidden, linear output) over
/// 100 two-moons points, loss mean(relu(1 - yᵢ·scoreᵢ)) + 1e-4·Σp². About 65,000 nodes.
/// </summary>
/// <remarks>A twin of the bench's builder (the test project cannot reference the bench); keep them alike.</remarks>
internal sealed class DemoGraph
{
    private DemoGraph(Value loss, List<Value> parameters, List<Value> inputs)
    {
        Loss = loss;
        Parameters = parameters;
        Inputs = inputs;
    }

    public Value Loss { get; }
    public List<Value> Parameters { get; }
    public List<Value> Inputs { get; }   // the points' coordinates and labels

    public static DemoGraph Build(int samples = 100, IReadOnlyList<double>? weights = null)
    {
        int[] sizes = [2, 16, 16, 1];
        var weightRandom = new Random(1337);
        var parameters = new List<Value>();
        double Next() => weights?[parameters.Count] ?? weightRandom.NextDouble() * 2 - 1;
        var layers = new List<(Value[,] W, Value[] B)>();
        for (int l = 1; l < sizes.Length; l++)
        {
            var w = new Value[sizes[l], sizes[l - 1]];
            var b = new Value[sizes[l]];
            for (int o = 0; o < sizes[l]; o++)
            {
                for (int i = 0; i < sizes[l - 1]; i++) parameters.Add(w[o, i] = new Value(Next()));
                parameters.Add(b[o] = new Value(Next()));
            }
            layers.Add((w, b));
        }

        // Two interleaved half-circles with a little noise, labels ±1.
        var dataRandom = new Random(42);
        var inputs = new List<Value>();
        Value? dataLoss = null;
        for (int s = 0; s < samples; s++)
        {
            double t = Math.PI * dataRandom.NextDouble();
            bool upper = s % 2 == 0;
            double px = (upper ? Math.Cos(t) : 1 - Math.Cos(t)) + 0.1 * (dataRandom.NextDouble() - 0.5);
            double py = (upper ? Math.Sin(t) : 0.5 - Math.Sin(t)) + 0.1 * (dataRandom.NextDouble() - 0.5);
            var x = new Value[] { new(px), new(py) };
            var y = new Value(upper ? 1 : -1);
            inputs.AddRange(x);
            inputs.Add(y);

            Value[] activation = x;
            for (int l = 0; l < layers.Count; l++)
            {
                (Value[,] w, Value[] b) = layers[l];
                var next = new Value[b.Length];
                for (int o = 0; o < b.Length; o++)
                {
                    Value sum = b[o];
                    for (int i = 0; i < activation.Length; i++) sum = sum + w[o, i] * activation[i];
                    next[o] = l < layers.Count - 1 ? sum.Relu() : sum;
                }
                activation = next;
            }
            Value margin = (1.0 - y * activation[0]).Relu();
            dataLoss = dataLoss is null ? margin : dataLoss + margin;
        }

        Value? squares = null;
        foreach (Value p in parameters) squares = squares is null ? p * p : squares + p * p;
        Value loss = dataLoss! * (1.0 / samples) + 1e-4 * squares!;
        return new DemoGraph(loss, parameters, inputs);
    }
}
