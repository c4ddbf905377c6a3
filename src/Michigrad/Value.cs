using System.Globalization;
using System.Runtime.CompilerServices;
using Michigrad.Autograd;

namespace Michigrad;

/// <summary>
/// A scalar that remembers how it was computed. Every arithmetic operation on values returns a new value whose
/// <see cref="Children"/> are its operands, so the expression builds a computation graph; <see cref="Backward"/>
/// walks that graph in reverse topological order and fills in <see cref="Grad"/> for every node.
/// </summary>
/// <remarks>
/// <para>Values compare by reference: two values with the same <see cref="Data"/> are still two nodes.</para>
/// <para>A graph is not safe to build or walk from several threads at once; separate graphs on separate threads are.</para>
/// <para>Non-finite numbers follow IEEE 754 and PyTorch: <c>Log(0)</c> is -∞, <c>Log(-1)</c> is NaN, and NaN flows
/// through every operation.</para>
/// </remarks>
public sealed class Value
{
    // A node is its data, its gradient, its operation and at most two operands: no list and no closure per node.
    private readonly Value? _left;
    private readonly Value? _right;   // the second operand; for PowConst, a constant holding the exponent
    private readonly OpCode _op;

    // Labels are rare, so they live beside the nodes rather than in each of them: a node is 56 bytes, not 64.
    private static readonly ConditionalWeakTable<Value, string> s_labels = new();

    /// <summary>The walk that last visited this node (see <see cref="TopologicalOrder"/>).</summary>
    internal int VisitMark;

    /// <summary>Creates a leaf value, such as an input or a parameter.</summary>
    /// <param name="data">The number.</param>
    /// <param name="label">An optional name, shown by <see cref="ToString"/> and in graph pictures.</param>
    public Value(double data, string? label = null)
    {
        Data = data;
        if (label is not null) Label = label;
    }

    private Value(double data, OpCode op, Value left, Value? right = null)
    {
        Data = data;
        _op = op;
        _left = left;
        _right = right;
    }

    /// <summary>The number this node holds.</summary>
    public double Data { get; set; }

    /// <summary>
    /// d(root)/d(this) after the last <see cref="Backward"/> of a root above this node. Leaves accumulate across
    /// calls, as PyTorch's leaf tensors do: reset them with <c>Grad = 0</c> (or a module's <c>ZeroGrad</c>).
    /// </summary>
    public double Grad { get; set; }

    /// <summary>An optional name, shown by <see cref="ToString"/> and in graph pictures.</summary>
    public string? Label
    {
        get => s_labels.TryGetValue(this, out string? label) ? label : null;
        set
        {
            if (value is null) s_labels.Remove(this);
            else s_labels.AddOrUpdate(this, value);
        }
    }

    /// <summary>
    /// The operation that produced this value: <c>""</c> for a leaf, otherwise <c>"+"</c>, <c>"-"</c>, <c>"*"</c>,
    /// <c>"/"</c>, <c>"neg"</c>, <c>"**2"</c> (for <c>Pow(2)</c>), <c>"pow"</c>, <c>"exp"</c>, <c>"log"</c>,
    /// <c>"tanh"</c>, <c>"relu"</c> or <c>"sigmoid"</c>.
    /// </summary>
    public string Op => _op switch
    {
        OpCode.Leaf => "",
        OpCode.Add => "+",
        OpCode.Sub => "-",
        OpCode.Mul => "*",
        OpCode.Div => "/",
        OpCode.Neg => "neg",
        OpCode.PowConst => "**" + _right!.Data.ToString(CultureInfo.InvariantCulture),
        OpCode.Pow => "pow",
        OpCode.Exp => "exp",
        OpCode.Log => "log",
        OpCode.Tanh => "tanh",
        OpCode.Relu => "relu",
        OpCode.Sigmoid => "sigmoid",
        _ => throw new InvalidOperationException($"Unknown op code {_op}."),
    };

    /// <summary>The operands, in operand order and with duplicates kept: <c>x * x</c> has two children.</summary>
    /// <remarks>The constant exponent of <see cref="Pow(double)"/> is part of the operation, not a child.</remarks>
    public IReadOnlyList<Value> Children => Arity switch
    {
        0 => [],
        1 => [_left!],
        _ => [_left!, _right!],
    };

    internal OpCode Code => _op;
    internal Value? Left => _left;
    internal Value? Right => _right;

    /// <summary>The second child, or <see langword="null"/> when there is none: <see cref="Right"/> of a binary op.</summary>
    /// <remarks>Only binary ops and <c>PowConst</c> set <c>_right</c>, and a constant exponent is not a child.</remarks>
    internal Value? RightChild => _op == OpCode.PowConst ? null : _right;

    /// <summary>How many operands are children: 0 for a leaf, 1 for a function of one value, 2 for a binary op.</summary>
    internal int Arity => _op switch
    {
        OpCode.Leaf => 0,
        OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.Div or OpCode.Pow => 2,
        _ => 1,
    };

    /// <summary>Wraps a number as a leaf value with no label.</summary>
    public static implicit operator Value(double data) => new(data);

    // ---- Forward: each operation computes its result and records its operands. ----

    /// <summary>Adds two values.</summary>
    public static Value operator +(Value a, Value b) => new(Check(a).Data + Check(b).Data, OpCode.Add, a, b);

    /// <summary>Subtracts <paramref name="b"/> from <paramref name="a"/>.</summary>
    public static Value operator -(Value a, Value b) => new(Check(a).Data - Check(b).Data, OpCode.Sub, a, b);

    /// <summary>Multiplies two values.</summary>
    public static Value operator *(Value a, Value b) => new(Check(a).Data * Check(b).Data, OpCode.Mul, a, b);

    /// <summary>Divides <paramref name="a"/> by <paramref name="b"/> (IEEE 754: dividing by zero gives ±∞ or NaN).</summary>
    public static Value operator /(Value a, Value b) => new(Check(a).Data / Check(b).Data, OpCode.Div, a, b);

    /// <summary>Negates a value.</summary>
    public static Value operator -(Value a) => new(-Check(a).Data, OpCode.Neg, a);

    /// <summary>Raises this value to a constant power; the op is written <c>"**p"</c>, as <c>"**2"</c>.</summary>
    /// <remarks>A negative base with a fractional exponent gives NaN. The exponents PyTorch computes by a dedicated
    /// routine (0.5 as a square root, ±1, ±2, 3, -0.5) are computed the same way here, so that even the sign of an
    /// infinity at -0 agrees.</remarks>
    public Value Pow(double exponent) => new(PowScalar(Data, exponent), OpCode.PowConst, this, new Value(exponent));

    /// <summary>Raises this value to a power that is itself a value (op <c>"pow"</c>).</summary>
    /// <remarks>d/d(exponent) is <c>out·ln(base)</c>: NaN for a negative base and 0 where the base is 0 and the
    /// exponent is not negative, as in PyTorch.</remarks>
    public Value Pow(Value exponent) => new(Math.Pow(Data, Check(exponent).Data), OpCode.Pow, this, exponent);

    /// <summary><c>e</c> raised to this value (overflows to +∞ above about 709.78).</summary>
    public Value Exp() => new(Math.Exp(Data), OpCode.Exp, this);

    /// <summary>The natural logarithm: -∞ at 0 and NaN below 0.</summary>
    public Value Log() => new(Math.Log(Data), OpCode.Log, this);

    /// <summary>The hyperbolic tangent, computed stably: <c>Tanh(1000)</c> is 1 with gradient 0.</summary>
    public Value Tanh() => new(Math.Tanh(Data), OpCode.Tanh, this);

    /// <summary><c>max(0, x)</c>; its gradient at 0 is 0, as in PyTorch.</summary>
    public Value Relu() => new(Math.Max(0.0, Data), OpCode.Relu, this);

    /// <summary>The logistic function <c>1 / (1 + e^-x)</c>, computed stably: <c>Sigmoid(-1000)</c> is 0, not NaN.</summary>
    public Value Sigmoid() => new(StableSigmoid(Data), OpCode.Sigmoid, this);

    // ---- Backward: the chain rule for one node, one case per op. ----

    /// <summary>
    /// Sets this node's gradient to 1 and adds d(this)/d(node) into the <see cref="Grad"/> of every node it was
    /// computed from, each node counted once however many paths lead to it.
    /// </summary>
    /// <remarks>
    /// Like PyTorch, gradients accumulate: a second call adds the same amounts into the leaves again, so call
    /// <c>ZeroGrad</c> (or set <c>Grad = 0</c>) between steps. Interior nodes are reset at the start of each call, so
    /// they show this call's gradients. The walk is iterative: a chain of millions of nodes is fine.
    /// </remarks>
    public void Backward() => BackwardPass.Run(this);

    /// <summary>
    /// Flattens the graph under this value into a fused tape that can replay <c>Forward</c> and <c>Backward</c>
    /// without allocating: build the graph once, then replay it every step (see <see cref="Compiled.Compiler"/>).
    /// </summary>
    public Compiled.CompiledGraph Compile() => Compiled.Compiler.Compile(this);

    /// <summary>Adds this node's gradient, times the local derivative, into each operand's gradient.</summary>
    // Inlined into the backward sweep, its only caller: the call was about a quarter of the sweep's time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PropagateGrad()
    {
        Value a = _left!;
        double g = Grad;
        switch (_op)
        {
            case OpCode.Leaf:
                break;
            case OpCode.Add:
                a.Grad += g;
                _right!.Grad += g;
                break;
            case OpCode.Sub:
                a.Grad += g;
                _right!.Grad -= g;
                break;
            case OpCode.Mul:
                a.Grad += g * _right!.Data;
                _right.Grad += g * a.Data;
                break;
            case OpCode.Div:
                a.Grad += g / _right!.Data;
                _right.Grad += -g * (Data / _right.Data);   // d(a/b)/db = -(a/b)/b
                break;
            case OpCode.Neg:
                a.Grad -= g;
                break;
            case OpCode.PowConst:
                a.Grad += g * PowConstDerivative(a.Data, _right!.Data);
                break;
            case OpCode.Pow:
                a.Grad += g * PowDerivative(a.Data, _right!.Data);
                // out·ln(a); where the base is 0 and the exponent is not negative, PyTorch defines it as 0.
                _right.Grad += g * (a.Data == 0 && _right.Data >= 0 ? 0.0 : Data * Math.Log(a.Data));
                break;
            case OpCode.Exp:
                a.Grad += g * Data;
                break;
            case OpCode.Log:
                a.Grad += g / a.Data;
                break;
            case OpCode.Tanh:
                a.Grad += g * (1 - Data * Data);
                break;
            case OpCode.Relu:
                a.Grad += Data <= 0 ? 0.0 : g;   // judged on the output, as PyTorch does: 0 at 0, passed on for NaN
                break;
            case OpCode.Sigmoid:
                a.Grad += g * Data * (1 - Data);
                break;
            default:
                throw new InvalidOperationException($"Unknown op code {_op}.");
        }
    }

    /// <summary>Returns <c>Value(data=…, grad=…, op=…, label=…)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Value(data={Data}, grad={Grad}, op={Op}, label={Label})");

    /// <summary>x^p for a constant p, computed as PyTorch's <c>pow(tensor, scalar)</c> computes it.</summary>
    internal static double PowScalar(double x, double p) => p switch
    {
        0.5 => Math.Sqrt(x),
        -0.5 => 1.0 / Math.Sqrt(x),
        1.0 => x,
        2.0 => x * x,
        3.0 => x * x * x,
        -1.0 => 1.0 / x,
        -2.0 => 1.0 / (x * x),
        _ => Math.Pow(x, p),
    };

    /// <summary>d(x^p)/dx = p·x^(p-1) for a constant p, and 0 when p is 0 (even at x = 0), as in PyTorch.</summary>
    internal static double PowConstDerivative(double x, double p) => p == 0 ? 0.0 : p * PowScalar(x, p - 1);

    /// <summary>d(x^p)/dx for a <see cref="Value"/> exponent: PyTorch takes plain pow here, with no special cases.</summary>
    internal static double PowDerivative(double x, double p) => p == 0 ? 0.0 : p * Math.Pow(x, p - 1);

    /// <summary>1 / (1 + e^-x) without overflow: e^x is only taken where x ≤ 0.</summary>
    internal static double StableSigmoid(double x)
    {
        if (x >= 0) return 1.0 / (1.0 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1.0 + e);
    }

    private static Value Check(Value value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }
}
