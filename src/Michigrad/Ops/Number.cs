using System.Runtime.CompilerServices;

namespace Michigrad;

/// <summary>
/// A <see langword="double"/> as an <see cref="IScalar{T}"/>: the chain rules of <see cref="OpRules"/> run on plain
/// numbers through it. Every member is one inlined operation, so a rule costs what its arithmetic costs.
/// </summary>
internal readonly struct Number(double data) : IScalar<Number>
{
    /// <inheritdoc/>
    public double Data { get; } = data;

    public static implicit operator Number(double constant) => new(constant);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Number operator +(Number a, Number b) => new(a.Data + b.Data);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Number operator -(Number a, Number b) => new(a.Data - b.Data);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Number operator *(Number a, Number b) => new(a.Data * b.Data);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Number operator /(Number a, Number b) => new(a.Data / b.Data);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Number operator -(Number a) => new(-a.Data);

    public static Number Exp(Number x) => OpRules.Exp(x.Data);
    public static Number Log(Number x) => OpRules.Log(x.Data);
    public static Number Sigmoid(Number x) => OpRules.Sigmoid(x.Data);
    public static Number Sin(Number x) => OpRules.Sin(x.Data);
    public static Number Cos(Number x) => OpRules.Cos(x.Data);
    public static Number PowConst(Number x, double p) => OpRules.PowConst(x.Data, p);
    public static Number Pow(Number x, Number p) => OpRules.Pow(x.Data, p.Data);
}
