namespace Michigrad.Compiled;

/// <summary>What <see cref="Compiler.Compile(Value)"/> made of a graph, and what it cost.</summary>
public sealed record CompileStatistics
{
    /// <summary>The nodes of the object graph: leaves and operations, each counted once.</summary>
    public required int OriginalNodeCount { get; init; }

    /// <summary>The leaves the tape is bound to (inputs, parameters and constants alike).</summary>
    public required int LeafCount { get; init; }

    /// <summary>The operations left on the tape after fusion (leaves and constants not counted).</summary>
    public required int TapeNodeCount { get; init; }

    /// <summary>The operations fused into their consumer: the inner additions of chains and their products.</summary>
    public required int FusedNodeCount { get; init; }

    /// <summary>The n-ary sum nodes (chains of additions without products).</summary>
    public required int SumNodeCount { get; init; }

    /// <summary>The dot nodes (chains of additions with products, such as a neuron's <c>b + Σ wᵢ·xᵢ</c>).</summary>
    public required int DotNodeCount { get; init; }

    /// <summary>The dot nodes whose products, or most of them, read two runs of adjacent slots (a neuron's weights and
    /// its input), which the sweeps stream with SIMD instead of gathering operand by operand.</summary>
    public int StreamedDotCount { get; init; }

    /// <summary>The length of the operand array.</summary>
    public required int OperandCount { get; init; }

    /// <summary>The bytes held by the compiled form's arrays, leaf bindings included.</summary>
    public required long CompiledBytes { get; init; }

    /// <summary>How long <see cref="Compiler.Compile(Value)"/> took.</summary>
    public required TimeSpan CompileTime { get; init; }

    /// <summary><see cref="CompiledBytes"/> per node of the object graph.</summary>
    public double BytesPerOriginalNode => OriginalNodeCount == 0 ? 0 : (double)CompiledBytes / OriginalNodeCount;
}
