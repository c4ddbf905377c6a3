namespace Michigrad;

/// <summary>
/// The operation that produced a <see cref="Value"/>, one byte per node. What each code computes and how a gradient
/// flows through it is written once, in <see cref="OpRules"/>; the compiled tape uses the same codes and extends them
/// with its fused n-ary ones (from <see cref="Constant"/> on).
/// </summary>
/// <remarks>The order groups the codes so that a walk tells them apart with one comparison: binary ops, then ops
/// of one value, then the constant power and the n-ary log-sum-exp, then the tape's own codes.</remarks>
internal enum OpCode : byte
{
    /// <summary>A leaf: an input, a parameter or a constant.</summary>
    Leaf,

    // ---- Two operands, both children. ----

    /// <summary><c>a + b</c>.</summary>
    Add,
    /// <summary><c>a - b</c>.</summary>
    Sub,
    /// <summary><c>a * b</c>.</summary>
    Mul,
    /// <summary><c>a / b</c>.</summary>
    Div,
    /// <summary><c>a ** b</c> with a <see cref="Value"/> exponent.</summary>
    Pow,
    /// <summary>The larger of <c>a</c> and <c>b</c>.</summary>
    Max,
    /// <summary>The smaller of <c>a</c> and <c>b</c>.</summary>
    Min,

    // ---- One child. ----

    /// <summary><c>-a</c>.</summary>
    Neg,
    /// <summary><c>e ** a</c>.</summary>
    Exp,
    /// <summary>The natural logarithm of <c>a</c>.</summary>
    Log,
    /// <summary>The hyperbolic tangent of <c>a</c>.</summary>
    Tanh,
    /// <summary><c>max(0, a)</c>.</summary>
    Relu,
    /// <summary><c>1 / (1 + e ** -a)</c>.</summary>
    Sigmoid,
    /// <summary><c>|a|</c>.</summary>
    Abs,
    /// <summary>The square root of <c>a</c>.</summary>
    Sqrt,
    /// <summary>The sine of <c>a</c>.</summary>
    Sin,
    /// <summary>The cosine of <c>a</c>.</summary>
    Cos,
    /// <summary><c>log(1 + e ** a)</c>.</summary>
    Softplus,
    /// <summary><c>a ** p</c> with a constant exponent <c>p</c> (kept in the node's second slot, not a child).</summary>
    PowConst,

    // ---- Any number of children. ----

    /// <summary><c>log Σ e ** aᵢ</c> over one or more children.</summary>
    LogSumExp,

    // ---- Only on a compiled tape. ----

    /// <summary>A number fixed at compile time (the 1 of a dot node's addends, a constant exponent).</summary>
    Constant,
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
