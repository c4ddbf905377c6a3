using System.Runtime.CompilerServices;

namespace Michigrad;

/// <summary>
/// The table of operations: for each op, the number it computes and its chain rule. This is the only place an op's
/// maths lives; <see cref="Value"/>, the compiled sweeps and <see cref="Autograd.Gradients"/> all call it.
/// </summary>
/// <remarks>
/// <para>A chain rule takes <c>g</c>, the gradient of the op's result y, and returns what each operand receives:
/// <c>g · ∂y/∂operand</c>, written in the order of operations that decides the last bit. Rules are generic: over
/// <see cref="Number"/> they compute gradients; over <see cref="Value"/> they build them as graphs, which can be
/// differentiated again. Where PyTorch chooses by sign or order (relu, abs, max), so do these rules, on the data.</para>
/// <para>Adding an op: its code in <see cref="OpCode"/>, its forward and chain rule here (and a case in
/// <see cref="Forward"/> and <see cref="BackwardUnary{T}"/> or <see cref="BackwardBinary{T}"/>), its method and name on
/// <see cref="Value"/>, and its tests.</para>
/// </remarks>
internal static class OpRules
{
    // ---- a + b:  both operands receive g. ----
    internal static double Add(double a, double b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (T, T) AddGrad<T>(T g) where T : IScalar<T> => (g, g);

    // ---- a - b ----
    internal static double Sub(double a, double b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (T, T) SubGrad<T>(T g) where T : IScalar<T> => (g, -g);

    // ---- a * b:  each operand receives g times the other. ----
    internal static double Mul(double a, double b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (T, T) MulGrad<T>(T g, T a, T b) where T : IScalar<T> => (g * b, g * a);

    // ---- a / b:  ∂y/∂b = -(a/b)/b = -y/b. ----
    internal static double Div(double a, double b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (T, T) DivGrad<T>(T g, T b, T y) where T : IScalar<T> => (g / b, -g * (y / b));

    // ---- a ** b:  ∂y/∂a = b·a^(b-1) (0 when b is 0); ∂y/∂b = y·ln a, defined as 0 where a = 0 and b ≥ 0, as PyTorch. ----
    internal static double Pow(double a, double b) => Math.Pow(a, b);
    internal static (T, T) PowGrad<T>(T g, T a, T b, T y) where T : IScalar<T> =>
        (g * (b.Data == 0 ? 0.0 : b * T.Pow(a, b - 1)),
         g * (a.Data == 0 && b.Data >= 0 ? 0.0 : y * T.Log(a)));

    // ---- max(a, b), min(a, b):  the larger (smaller) operand receives g; a tie splits it, as torch.maximum does.
    // NaN in either operand gives NaN, and then both receive g. ----
    internal static double Max(double a, double b) => Math.Max(a, b);
    internal static (T, T) MaxGrad<T>(T g, T a, T b) where T : IScalar<T> =>
        (a.Data < b.Data ? 0.0 : a.Data == b.Data ? g / 2 : g,
         a.Data > b.Data ? 0.0 : a.Data == b.Data ? g / 2 : g);

    internal static double Min(double a, double b) => Math.Min(a, b);
    internal static (T, T) MinGrad<T>(T g, T a, T b) where T : IScalar<T> =>
        (a.Data > b.Data ? 0.0 : a.Data == b.Data ? g / 2 : g,
         a.Data < b.Data ? 0.0 : a.Data == b.Data ? g / 2 : g);

    // ---- -a ----
    internal static double Neg(double a) => -a;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T NegGrad<T>(T g) where T : IScalar<T> => -g;

    // ---- e^a:  ∂y/∂a = y. Overflows to +∞ above about 709.78. ----
    internal static double Exp(double a) => Math.Exp(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T ExpGrad<T>(T g, T y) where T : IScalar<T> => g * y;

    // ---- ln a:  -∞ at 0, NaN below. ----
    internal static double Log(double a) => Math.Log(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T LogGrad<T>(T g, T a) where T : IScalar<T> => g / a;

    // ---- tanh a:  ∂y/∂a = 1 - y². ----
    internal static double Tanh(double a) => Math.Tanh(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T TanhGrad<T>(T g, T y) where T : IScalar<T> => g * (1 - y * y);

    // ---- relu a = max(0, a):  judged on the output, as PyTorch does: 0 at 0, passed on for NaN. ----
    internal static double Relu(double a) => Math.Max(0.0, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T ReluGrad<T>(T g, T y) where T : IScalar<T> => y.Data <= 0 ? 0.0 : g;

    // ---- σ(a) = 1 / (1 + e^-a), without overflow (e^x is only taken where x ≤ 0):  ∂y/∂a = y(1 - y). ----
    internal static double Sigmoid(double a)
    {
        if (a >= 0) return 1.0 / (1.0 + Math.Exp(-a));
        double e = Math.Exp(a);
        return e / (1.0 + e);
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T SigmoidGrad<T>(T g, T y) where T : IScalar<T> => g * y * (1 - y);

    // ---- |a|:  ∂y/∂a = sign(a), 0 at 0 as PyTorch. ----
    internal static double Abs(double a) => Math.Abs(a);
    internal static T AbsGrad<T>(T g, T a) where T : IScalar<T> => g * Sign(a.Data);

    // ---- √a:  ∂y/∂a = 1/(2y); NaN below 0. ----
    internal static double Sqrt(double a) => Math.Sqrt(a);
    internal static T SqrtGrad<T>(T g, T y) where T : IScalar<T> => g / (2 * y);

    // ---- sin a, cos a ----
    internal static double Sin(double a) => Math.Sin(a);
    internal static T SinGrad<T>(T g, T a) where T : IScalar<T> => g * T.Cos(a);

    internal static double Cos(double a) => Math.Cos(a);
    internal static T CosGrad<T>(T g, T a) where T : IScalar<T> => g * -T.Sin(a);

    // ---- softplus a = ln(1 + e^a) = max(a, 0) + ln(1 + e^-|a|): no exponent is positive.  ∂y/∂a = σ(a). ----
    internal static double Softplus(double a) => Math.Max(a, 0.0) + Log1P(Math.Exp(-Math.Abs(a)));
    internal static T SoftplusGrad<T>(T g, T a) where T : IScalar<T> => g * T.Sigmoid(a);

    // ---- a ** p for a constant p, computed as PyTorch's pow(tensor, scalar) computes it: the exponents it treats
    // by a dedicated routine (0.5 as a square root, ±1, ±2, 3, -0.5) are computed the same way here, so that even the
    // sign of an infinity at -0 agrees.  ∂y/∂a = p·a^(p-1), and 0 when p is 0 (even at a = 0). ----
    internal static double PowConst(double a, double p) => p switch
    {
        0.5 => Math.Sqrt(a),
        -0.5 => 1.0 / Math.Sqrt(a),
        1.0 => a,
        2.0 => a * a,
        3.0 => a * a * a,
        -1.0 => 1.0 / a,
        -2.0 => 1.0 / (a * a),
        _ => Math.Pow(a, p),
    };
    internal static T PowConstGrad<T>(T g, T a, double p) where T : IScalar<T> =>
        g * (p == 0 ? 0.0 : p * T.PowConst(a, p - 1));

    // ---- log Σ e^aᵢ, as torch.logsumexp: shifted by the largest aᵢ (or by 0 when that is infinite), so that no
    // exponent is positive at any shift.  ∂y/∂aᵢ = e^(aᵢ - y), the softmax. ----
    internal static double LogSumExp(ReadOnlySpan<double> a)
    {
        double max = a[0];
        for (int i = 1; i < a.Length; i++) max = Math.Max(max, a[i]);
        if (double.IsInfinity(max)) max = 0;
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Exp(a[i] - max);
        return Math.Log(sum) + max;
    }
    internal static T LogSumExpGrad<T>(T g, T ai, T y) where T : IScalar<T> => g * T.Exp(ai - y);

    // ---- The table by op code: what the object graph and the compiled sweeps dispatch through. ----

    /// <summary>The result of a one- or two-operand op (<paramref name="b"/> is the exponent of a constant power,
    /// and ignored by the other ops of one operand).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Forward(OpCode op, double a, double b) => op switch
    {
        OpCode.Add => Add(a, b),
        OpCode.Sub => Sub(a, b),
        OpCode.Mul => Mul(a, b),
        OpCode.Div => Div(a, b),
        OpCode.Pow => Pow(a, b),
        OpCode.Max => Max(a, b),
        OpCode.Min => Min(a, b),
        OpCode.Neg => Neg(a),
        OpCode.Exp => Exp(a),
        OpCode.Log => Log(a),
        OpCode.Tanh => Tanh(a),
        OpCode.Relu => Relu(a),
        OpCode.Sigmoid => Sigmoid(a),
        OpCode.Abs => Abs(a),
        OpCode.Sqrt => Sqrt(a),
        OpCode.Sin => Sin(a),
        OpCode.Cos => Cos(a),
        OpCode.Softplus => Softplus(a),
        OpCode.PowConst => PowConst(a, b),
        _ => throw new InvalidOperationException($"Op code {op} has no forward rule of one or two operands."),
    };

    /// <summary>
    /// The chain rule of a two-operand op whose result <paramref name="y"/> has gradient <paramref name="g"/>: what
    /// its operands <paramref name="a"/> and <paramref name="b"/> receive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (T Da, T Db) BackwardBinary<T>(OpCode op, T g, T a, T b, T y) where T : IScalar<T> => op switch
    {
        OpCode.Add => AddGrad(g),
        OpCode.Sub => SubGrad(g),
        OpCode.Mul => MulGrad(g, a, b),
        OpCode.Div => DivGrad(g, b, y),
        OpCode.Pow => PowGrad(g, a, b, y),
        OpCode.Max => MaxGrad(g, a, b),
        OpCode.Min => MinGrad(g, a, b),
        _ => throw new InvalidOperationException($"Op code {op} has no chain rule of two operands."),
    };

    /// <summary>
    /// The chain rule of a one-operand op whose result <paramref name="y"/> has gradient <paramref name="g"/>: what
    /// its operand <paramref name="a"/> receives (<paramref name="p"/> is a constant power's exponent).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T BackwardUnary<T>(OpCode op, T g, T a, double p, T y) where T : IScalar<T> => op switch
    {
        OpCode.Neg => NegGrad(g),
        OpCode.Exp => ExpGrad(g, y),
        OpCode.Log => LogGrad(g, a),
        OpCode.Tanh => TanhGrad(g, y),
        OpCode.Relu => ReluGrad(g, y),
        OpCode.Sigmoid => SigmoidGrad(g, y),
        OpCode.Abs => AbsGrad(g, a),
        OpCode.Sqrt => SqrtGrad(g, y),
        OpCode.Sin => SinGrad(g, a),
        OpCode.Cos => CosGrad(g, a),
        OpCode.Softplus => SoftplusGrad(g, a),
        OpCode.PowConst => PowConstGrad(g, a, p),
        _ => throw new InvalidOperationException($"Op code {op} has no chain rule of one operand."),
    };

    /// <summary>The op's name, as <see cref="Value.Op"/> shows it (a constant power's, <c>"**p"</c>, names its exponent
    /// and is made there).</summary>
    internal static string Name(OpCode op) => op switch
    {
        OpCode.Leaf => "",
        OpCode.Add => "+",
        OpCode.Sub => "-",
        OpCode.Mul => "*",
        OpCode.Div => "/",
        OpCode.Pow => "pow",
        OpCode.Max => "max",
        OpCode.Min => "min",
        OpCode.Neg => "neg",
        OpCode.Exp => "exp",
        OpCode.Log => "log",
        OpCode.Tanh => "tanh",
        OpCode.Relu => "relu",
        OpCode.Sigmoid => "sigmoid",
        OpCode.Abs => "abs",
        OpCode.Sqrt => "sqrt",
        OpCode.Sin => "sin",
        OpCode.Cos => "cos",
        OpCode.Softplus => "softplus",
        OpCode.LogSumExp => "logsumexp",
        _ => throw new InvalidOperationException($"Op code {op} has no name."),
    };

    /// <summary>Whether the op has two operands that are both children (and so <c>db</c> to pass on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsBinary(OpCode op) => (uint)(op - OpCode.Add) <= OpCode.Min - OpCode.Add;

    /// <summary>Whether the op has a second operand on a tape: a second child, or a constant power's exponent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool HasSecondOperand(OpCode op) => IsBinary(op) || op == OpCode.PowConst;

    /// <summary>-1, 0 or +1 by the sign of <paramref name="x"/>: 0 for ±0 and for NaN, as torch.sgn.</summary>
    private static double Sign(double x) => x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0;

    /// <summary>log(1 + x), accurate for tiny x: the rounding of 1 + x is divided back out.</summary>
    internal static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
