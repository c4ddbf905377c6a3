namespace Michigrad.Compiled;

/// <summary>
/// The operation of one slot of a compiled tape: the <see cref="OpCode"/> operations plus the fused n-ary ones.
/// </summary>
internal enum TapeOp : byte
{
    /// <summary>A leaf bound to a <see cref="Value"/>: read on every forward pass.</summary>
    Leaf,
    /// <summary>A number fixed at compile time (the 1 of a dot node's addends, a constant exponent).</summary>
    Constant,
    /// <summary><c>a + b</c>.</summary>
    Add,
    /// <summary><c>a - b</c>.</summary>
    Sub,
    /// <summary><c>a * b</c>.</summary>
    Mul,
    /// <summary><c>a / b</c>.</summary>
    Div,
    /// <summary><c>-a</c>.</summary>
    Neg,
    /// <summary><c>a ** p</c>; the second operand is the constant slot holding <c>p</c>.</summary>
    PowConst,
    /// <summary><c>a ** b</c>.</summary>
    Pow,
    /// <summary><c>e ** a</c>.</summary>
    Exp,
    /// <summary><c>ln a</c>.</summary>
    Log,
    /// <summary><c>tanh a</c>.</summary>
    Tanh,
    /// <summary><c>max(0, a)</c>.</summary>
    Relu,
    /// <summary><c>1 / (1 + e ** -a)</c>.</summary>
    Sigmoid,
    /// <summary>A fused chain of additions: <c>((a₀ + a₁) + a₂) + …</c>, summed left to right.</summary>
    Sum,
    /// <summary>
    /// A fused chain of additions whose terms include products: operands are pairs <c>(aᵢ, bᵢ)</c> and the node is
    /// <c>((a₀·b₀ + a₁·b₁) + …)</c>, left to right; a plain addend is paired with the constant 1.
    /// </summary>
    Dot,
    /// <summary><c>max(0, Σ)</c> of a <see cref="Sum"/> whose only consumer was a relu.</summary>
    SumRelu,
    /// <summary><c>max(0, Σ)</c> of a <see cref="Dot"/> whose only consumer was a relu: a hidden neuron.</summary>
    DotRelu,
}
