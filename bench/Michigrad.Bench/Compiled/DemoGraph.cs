namespace Michigrad.Bench.Compiled;

/// <summary>
/// The micrograd demo step built from raw <see cref="Value"/> ops: an MLP 2-16-16-1 (ReLU hidden, linear output)
/// over 100 two-moons points, loss mean(relu(1 - yᵢ·scoreᵢ)) + 1e-4·Σp². About 65,000 nodes per step.
/// </summary>
/// <remarks>A twin of the tests' builder (tests cannot reference the bench); keep them alike.</remarks>
internal sealed class DemoGraph
{
    private readonly List<(Value[,] W, Value[] B)> _layers = [];
    private readonly List<(Value[] X, Value Y)> _points = [];

    public DemoGraph(int samples = 100)
    {
        int[] sizes = [2, 16, 16, 1];
        var weightRandom = new Random(1337);
        for (int l = 1; l < sizes.Length; l++)
        {
            var w = new Value[sizes[l], sizes[l - 1]];
            var b = new Value[sizes[l]];
            for (int o = 0; o < sizes[l]; o++)
            {
                for (int i = 0; i < sizes[l - 1]; i++) Parameters.Add(w[o, i] = new Value(weightRandom.NextDouble() * 2 - 1));
                Parameters.Add(b[o] = new Value(weightRandom.NextDouble() * 2 - 1));
            }
            _layers.Add((w, b));
        }

        // Two interleaved half-circles with a little noise, labels ±1.
        var dataRandom = new Random(42);
        for (int s = 0; s < samples; s++)
        {
            double t = Math.PI * dataRandom.NextDouble();
            bool upper = s % 2 == 0;
            double px = (upper ? Math.Cos(t) : 1 - Math.Cos(t)) + 0.1 * (dataRandom.NextDouble() - 0.5);
            double py = (upper ? Math.Sin(t) : 0.5 - Math.Sin(t)) + 0.1 * (dataRandom.NextDouble() - 0.5);
            _points.Add(([new Value(px), new Value(py)], new Value(upper ? 1 : -1)));
        }
    }

    public List<Value> Parameters { get; } = [];

    /// <summary>Builds the step's graph over the model's parameters and the points; returns the loss.</summary>
    public Value BuildLoss()
    {
        Value? dataLoss = null;
        foreach ((Value[] x, Value y) in _points)
        {
            Value[] activation = x;
            for (int l = 0; l < _layers.Count; l++)
            {
                (Value[,] w, Value[] b) = _layers[l];
                var next = new Value[b.Length];
                for (int o = 0; o < b.Length; o++)
                {
                    Value sum = b[o];
                    for (int i = 0; i < activation.Length; i++) sum = sum + w[o, i] * activation[i];
                    next[o] = l < _layers.Count - 1 ? sum.Relu() : sum;
                }
                activation = next;
            }
            Value margin = (1.0 - y * activation[0]).Relu();
            dataLoss = dataLoss is null ? margin : dataLoss + margin;
        }

        Value? squares = null;
        foreach (Value p in Parameters) squares = squares is null ? p * p : squares + p * p;
        return dataLoss! * (1.0 / _points.Count) + 1e-4 * squares!;
    }
}
