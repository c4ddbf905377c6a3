using Michigrad.Compiled;
using Michigrad.NN;
using Michigrad.Training;

namespace Michigrad.Playground.Train;

/// <summary>The model's forward pass over a grid of inputs, for the decision regions: plain arithmetic for an MLP
/// (<see cref="MlpRegions"/>), otherwise the graph of one input compiled once and replayed per cell.</summary>
internal sealed class RegionEvaluator
{
    private readonly Value[] _inputs;
    private readonly CompiledGraph? _graph;
    private readonly Objective _objective;
    private readonly int _outputs;
    private readonly MlpRegions? _mlp;

    public RegionEvaluator(Module model, Objective objective)
    {
        _objective = objective;
        if (model is MLP mlp && mlp.InputSize == 2) _mlp = new MlpRegions(mlp);
        _inputs = [new Value(0, "x0"), new Value(0, "x1")];
        _outputs = model.OutputSize ?? 1;
        if (_mlp is not null) return;
        IReadOnlyList<Value> outputs = model.Forward(_inputs);
        _outputs = outputs.Count;
        Value root = outputs.Count == 1 ? outputs[0] : outputs.Aggregate((a, b) => a + b);
        _graph = Compiler.Compile(root, [.. outputs]);
    }

    /// <summary>The class of each cell of a <paramref name="size"/>×<paramref name="size"/> grid over
    /// <paramref name="b"/>, row 0 at the top.</summary>
    public int[,] Evaluate(int size, (double MinX, double MaxX, double MinY, double MaxY) b)
    {
        var classes = new int[size, size];
        var row = new double[_outputs];
        _mlp?.Refresh();
        for (int r = 0; r < size; r++)
        {
            double y = b.MaxY - (r + 0.5) * (b.MaxY - b.MinY) / size;
            _inputs[1].Data = y;
            for (int c = 0; c < size; c++)
            {
                double x = b.MinX + (c + 0.5) * (b.MaxX - b.MinX) / size;
                if (_mlp is not null)
                {
                    row = _mlp.Forward(x, y);
                }
                else
                {
                    _inputs[0].Data = x;
                    _graph!.Forward();
                    for (int j = 0; j < row.Length; j++) row[j] = _graph.ObservedData(j);
                }
                classes[r, c] = Objectives.Decide(_objective, row).Class;
            }
        }
        return classes;
    }
}
