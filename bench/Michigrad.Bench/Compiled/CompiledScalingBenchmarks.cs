using BenchmarkDotNet.Attributes;
using Michigrad.Compiled;

namespace Michigrad.Bench.Compiled;

/// <summary>
/// Compiled forward + backward on large graphs, to show the time per node stays flat from 10⁴ to 10⁶ nodes: a deep
/// chain of unfused nodes and a wide sum of products (one dot node).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CompiledScalingBenchmarks
{
    private CompiledGraph _compiled = null!;

    /// <summary>The number of operations in the graph (about as many leaves again for the wide sum).</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Nodes { get; set; }

    /// <summary>The graph's shape.</summary>
    [Params("deep chain", "wide dot")]
    public string Shape { get; set; } = "";

    /// <summary>Builds and compiles the graph; prints the compile statistics.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var x = new Value(0.5);
        Value root;
        if (Shape == "deep chain")
        {
            root = x;
            for (int i = 0; i < Nodes / 2; i++) root = (root - x).Tanh();   // a Sub and a Tanh per step, nothing fused
        }
        else
        {
            var random = new Random(7);
            var leaves = Enumerable.Range(0, 1024).Select(_ => new Value(random.NextDouble())).ToArray();
            root = leaves[0] * leaves[1];
            for (int i = 1; i < Nodes / 2; i++) root = root + leaves[i % 1024] * leaves[(i * 7 + 3) % 1024];
        }
        _compiled = Compiler.Compile(root);
        CompileStatistics s = _compiled.Statistics;
        Console.WriteLine($"// {Shape} {Nodes}: {s.OriginalNodeCount} nodes -> {s.TapeNodeCount} tape nodes, " +
            $"{s.BytesPerOriginalNode:F1} B/node, compiled in {s.CompileTime.TotalMilliseconds:F1} ms " +
            $"({s.CompileTime.TotalNanoseconds / s.OriginalNodeCount:F0} ns/node)");
    }

    /// <summary>One forward and one backward replay.</summary>
    [Benchmark]
    public double ForwardBackward()
    {
        _compiled.Forward();
        _compiled.Backward();
        return _compiled.Output;
    }
}
