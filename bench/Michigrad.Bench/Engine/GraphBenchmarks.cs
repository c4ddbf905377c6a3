using BenchmarkDotNet.Attributes;
using Michigrad.Autograd;

namespace Michigrad.Bench.Engine;

/// <summary>
/// Builds and backpropagates a graph of about 100,000 nodes: 1,000 tanh neurons of 50 inputs each, summed.
/// Results are per graph node (OperationsPerInvoke), so Mean is ns per node and Allocated is bytes per node.
/// </summary>
[MemoryDiagnoser]
public class GraphBenchmarks
{
    private const int Neurons = 1_000;
    private const int Inputs = 50;

    private Value[][] _weights = [];
    private Value[] _biases = [];
    private Value[] _inputs = [];
    private Value _root = null!;

    /// <summary>Nodes in the graph, leaves included: 1,000 × (50 w + 50 products + 50 sums + b + tanh) + 50 x + 999 sums.</summary>
    public const int NodeCount = Neurons * (3 * Inputs + 2) + Inputs + (Neurons - 1);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1337);
        _inputs = Enumerable.Range(0, Inputs).Select(_ => new Value(random.NextDouble() * 2 - 1)).ToArray();
        _weights = Enumerable.Range(0, Neurons)
            .Select(_ => Enumerable.Range(0, Inputs).Select(_ => new Value(random.NextDouble() * 2 - 1)).ToArray())
            .ToArray();
        _biases = Enumerable.Range(0, Neurons).Select(_ => new Value(0)).ToArray();
        _root = Build();
        int counted = TopologicalOrder.Of(_root).Count;
        if (counted != NodeCount) throw new InvalidOperationException($"The graph has {counted} nodes, not {NodeCount}.");
    }

    private Value Build()
    {
        Value? total = null;
        for (int n = 0; n < Neurons; n++)
        {
            Value[] w = _weights[n];
            Value sum = _biases[n];
            for (int i = 0; i < Inputs; i++) sum += w[i] * _inputs[i];
            Value activation = sum.Tanh();
            total = total is null ? activation : total + activation;
        }
        return total!;
    }

    /// <summary>Forward only: the cost of creating the interior nodes.</summary>
    [Benchmark(OperationsPerInvoke = NodeCount)]
    public Value Build_PerNode() => Build();

    /// <summary>Backward over a graph built once: topological walk plus the chain rule.</summary>
    [Benchmark(OperationsPerInvoke = NodeCount)]
    public void Backward_PerNode() => _root.Backward();

    /// <summary>What a training step pays: build the graph, then backpropagate it.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = NodeCount)]
    public void BuildAndBackward_PerNode() => Build().Backward();
}
