namespace Michigrad;

/// <summary>
/// The operation that produced a <see cref="Value"/>. One byte per node; the backward rule of each code is a case
/// of the switch in <see cref="Value"/>, and the compiled tape uses the same codes.
/// </summary>
internal enum OpCode : byte
{
    /// <summary>A leaf: an input, a parameter or a constant.</summary>
    Leaf,
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
    /// <summary><c>a ** p</c> with a constant exponent <c>p</c> (kept in the node's second slot, not a child).</summary>
    PowConst,
    /// <summary><c>a ** b</c> with a <see cref="Value"/> exponent.</summary>
    Pow,
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
}
