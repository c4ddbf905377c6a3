using System.Numerics;
using System.Runtime.CompilerServices;

namespace Michigrad.Optim;

/// <summary>
/// The arithmetic an optimizer's update rule needs, on <see cref="Count"/> parameters at once: one number
/// (<see cref="OneLane"/>) or a hardware vector of them (<see cref="VectorLanes"/>). A rule written once over this
/// interface runs on both, and each lane's result is the one-number result to the bit: every operation is IEEE 754's,
/// correctly rounded, lane by lane, and none is fused.
/// </summary>
/// <typeparam name="T">The lanes type itself.</typeparam>
internal interface ILanes<T> where T : struct, ILanes<T>
{
    /// <summary>How many numbers one value holds.</summary>
    static abstract int Count { get; }

    /// <summary>The <see cref="Count"/> numbers from <paramref name="source"/> on.</summary>
    static abstract T Load(ref double source);

    /// <summary>Writes the numbers from <paramref name="destination"/> on.</summary>
    static abstract void Store(T value, ref double destination);

    /// <summary><paramref name="x"/> in every lane.</summary>
    static abstract T Broadcast(double x);

    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator *(T a, T b);
    static abstract T operator /(T a, T b);

    /// <summary>The square root of each lane.</summary>
    static abstract T Sqrt(T x);
}

/// <summary>One number as <see cref="ILanes{T}"/>: a rule's scalar path and the tail of its vector loop.</summary>
internal readonly struct OneLane(double x) : ILanes<OneLane>
{
    private readonly double _x = x;

    public static int Count => 1;
    public static OneLane Load(ref double source) => new(source);
    public static void Store(OneLane value, ref double destination) => destination = value._x;
    public static OneLane Broadcast(double x) => new(x);
    public static OneLane operator +(OneLane a, OneLane b) => new(a._x + b._x);
    public static OneLane operator -(OneLane a, OneLane b) => new(a._x - b._x);
    public static OneLane operator *(OneLane a, OneLane b) => new(a._x * b._x);
    public static OneLane operator /(OneLane a, OneLane b) => new(a._x / b._x);
    public static OneLane Sqrt(OneLane x) => new(Math.Sqrt(x._x));
}

/// <summary>A hardware vector of numbers (<see cref="Vector{T}"/>) as <see cref="ILanes{T}"/>.</summary>
internal readonly struct VectorLanes(Vector<double> v) : ILanes<VectorLanes>
{
    private readonly Vector<double> _v = v;

    public static int Count => Vector<double>.Count;
    public static VectorLanes Load(ref double source) => new(Vector.LoadUnsafe(ref source));
    public static void Store(VectorLanes value, ref double destination) => value._v.StoreUnsafe(ref destination);
    public static VectorLanes Broadcast(double x) => new(new Vector<double>(x));
    public static VectorLanes operator +(VectorLanes a, VectorLanes b) => new(a._v + b._v);
    public static VectorLanes operator -(VectorLanes a, VectorLanes b) => new(a._v - b._v);
    public static VectorLanes operator *(VectorLanes a, VectorLanes b) => new(a._v * b._v);
    public static VectorLanes operator /(VectorLanes a, VectorLanes b) => new(a._v / b._v);
    public static VectorLanes Sqrt(VectorLanes x) => new(Vector.SquareRoot(x._v));
}
