using BenchmarkDotNet.Attributes;
using Michigrad.Compiled;

namespace Michigrad.Bench.Compiled;

/// <summary>
/// One training step's gradient on the micrograd demo (see <see cref="DemoGraph"/>): the object graph rebuilt and
/// backpropagated every step, against the compiled tape replayed.
/// </summary>
[MemoryDiagnoser]
public class CompiledDemoStepBenchmarks
{
    private DemoGraph _demo = null!;
    private Value _loss = null!;
    private CompiledGraph _compiled = null!;
    private CompiledGraph _dense = null!;

    /// <summary>Builds the model, the graph and its compiled form; prints the compile statistics.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _demo = new DemoGraph();
        _loss = _demo.BuildLoss();
        _compiled = Compiler.Compile(_loss);
        _dense = Compiler.Compile(_loss);
        _dense.SkipZeroGradients = false;
        CompileStatistics s = _compiled.Statistics;
        Console.WriteLine($"// Compiled demo: {s.OriginalNodeCount} nodes ({s.LeafCount} leaves) -> {s.TapeNodeCount} tape nodes " +
            $"({s.DotNodeCount} dot, {s.SumNodeCount} sum), {s.FusedNodeCount} fused, {s.OperandCount} operands, " +
            $"{s.CompiledBytes} bytes = {s.BytesPerOriginalNode:F1} B/node, compiled in {s.CompileTime.TotalMilliseconds:F2} ms");
    }

    /// <summary>What a step costs without compilation: build the graph, then backpropagate.</summary>
    [Benchmark(Baseline = true)]
    public double ObjectGraph_BuildAndBackward()
    {
        Value loss = _demo.BuildLoss();
        loss.Backward();
        return loss.Data;
    }

    /// <summary>Backpropagation alone through an existing object graph.</summary>
    [Benchmark]
    public void ObjectGraph_Backward() => _loss.Backward();

    /// <summary>A step on the compiled tape: read the leaves, recompute, backpropagate.</summary>
    [Benchmark]
    public double Compiled_ForwardBackward()
    {
        _compiled.Forward();
        _compiled.Backward();
        return _compiled.Output;
    }

    /// <summary>The same step visiting every node: what skipping zero gradients (dead relus) saves.</summary>
    [Benchmark]
    public double Compiled_ForwardBackward_NoSkip()
    {
        _dense.Forward();
        _dense.Backward();
        return _dense.Output;
    }

    /// <summary>The compiled forward pass alone.</summary>
    [Benchmark]
    public double Compiled_Forward()
    {
        _compiled.Forward();
        return _compiled.Output;
    }

    /// <summary>The compiled backward pass alone.</summary>
    [Benchmark]
    public void Compiled_Backward() => _compiled.Backward();

    /// <summary>Compiling the existing graph.</summary>
    [Benchmark]
    public CompiledGraph Compile() => Compiler.Compile(_loss);
}
