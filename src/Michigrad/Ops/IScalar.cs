namespace Michigrad;

/// <summary>
/// What a chain rule in <see cref="OpRules"/> may do with numbers: arithmetic and the few functions that derivatives
/// need. Two types have it: <see cref="Number"/> (a plain <see langword="double"/>, for first-order gradients and the
/// compiled sweeps) and <see cref="Value"/> (for gradients that are graphs themselves, to differentiate again).
/// </summary>
/// <typeparam name="T">The number type itself.</typeparam>
internal interface IScalar<T> where T : IScalar<T>
{
    /// <summary>The number held, for rules that choose by sign or order (relu, abs, max), as PyTorch's do.</summary>
    double Data { get; }

    /// <summary>A constant.</summary>
    static abstract implicit operator T(double constant);

    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator *(T a, T b);
    static abstract T operator /(T a, T b);
    static abstract T operator -(T a);

    /// <summary><c>e ** x</c>.</summary>
    static abstract T Exp(T x);

    /// <summary><c>ln x</c>.</summary>
    static abstract T Log(T x);

    /// <summary><c>1 / (1 + e ** -x)</c>.</summary>
    static abstract T Sigmoid(T x);

    /// <summary><c>sin x</c>.</summary>
    static abstract T Sin(T x);

    /// <summary><c>cos x</c>.</summary>
    static abstract T Cos(T x);

    /// <summary><c>x ** p</c> for a constant <c>p</c>.</summary>
    static abstract T PowConst(T x, double p);

    /// <summary><c>x ** p</c>.</summary>
    static abstract T Pow(T x, T p);
}
