using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Michigrad.Autograd;

namespace Michigrad;

/// <summary>
/// A scalar that remembers how it was computed. Every arithmetic operation on values returns a new value whose
/// <see cref="Children"/> are its operands, so the expression builds a computation graph; <see cref="Backward"/>
/// walks that graph in reverse topological order and fills in <see cref="Grad"/> for every node.
/// </summary>
/// <remarks>
/// <para>Values compare by reference. Each op's number and chain rule are written once, in the op table
/// (<c>OpRules</c>). A leaf made with <c>new Value(x)</c> keeps its number itself; a module's parameter is a window on
/// its module's storage, where every reader finds it. Non-finite numbers follow IEEE 754 and PyTorch.</para>
/// <para>A graph is not safe to build or walk from several threads at once. Separate graphs on separate threads are,
/// even when they share leaves (one model's parameters), except that two threads adding into one leaf's
/// <see cref="Grad"/> at once race: give each thread its own parameters, or use <see cref="Autograd.Gradients.Of"/>.</para>
/// </remarks>
public sealed partial class Value : IScalar<Value>
{
    private double _data, _grad;       // a window keeps them in its storage instead (Value.Storage.cs)
    private readonly OpCode _op;       // how this node was computed: OpCode.Leaf for a leaf
    private readonly Value? _left;     // the first operand
    private object? _right;            // the second operand, or what Value.Operands.cs lists
    private bool _requiresGrad;

    /// <summary>Creates a leaf that gets a gradient (<see cref="RequiresGrad"/>), such as a number you want d/dx of;
    /// for data and constants use <see cref="Constant"/>. The optional <paramref name="label"/> names it in pictures.</summary>
    public Value(double data, string? label = null)
    {
        _data = data;
        _requiresGrad = true;
        if (label is not null) Label = label;
    }

    /// <summary>Creates a leaf that needs no gradient (an input, a target, a constant), as PyTorch's <c>torch.tensor(x)</c>:
    /// <see cref="RequiresGrad"/> is false, and <see cref="Backward"/> leaves its <see cref="Grad"/> at 0.</summary>
    public static Value Constant(double data, string? label = null) => new(data, label) { _requiresGrad = false };

    /// <summary>
    /// Whether this value needs a gradient, as PyTorch's <c>requires_grad</c>: true for a leaf made with
    /// <see cref="Value(double, string?)"/>, false for a <see cref="Constant"/>; a computed value needs one if any operand
    /// does, and only a leaf's flag can be set. <see cref="Backward"/> spends no work on the others.
    /// </summary>
    /// <exception cref="InvalidOperationException">Setting the flag of a computed value.</exception>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (_op != OpCode.Leaf)
                throw new InvalidOperationException(
                    $"RequiresGrad can only be set on a leaf; this is a '{Op}' node, which needs a gradient when one of its operands does.");
            if (value != _requiresGrad) CountFrozen(value ? -1 : 1);
            _requiresGrad = value;
        }
    }

    /// <summary>The number this node holds.</summary>
    public double Data { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => DataSlot; [MethodImpl(MethodImplOptions.AggressiveInlining)] set => DataSlot = value; }

    /// <summary>
    /// d(root)/d(this) after the last <see cref="Backward"/> of a root above this node. Leaves accumulate across
    /// calls, as PyTorch's leaf tensors do: reset them with <c>Grad = 0</c> (or a module's <c>ZeroGrad</c>).
    /// </summary>
    public double Grad { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => GradSlot; [MethodImpl(MethodImplOptions.AggressiveInlining)] set => GradSlot = value; }

    /// <summary>The operation that produced this value: <c>""</c> for a leaf, otherwise its name, as <c>"+"</c>,
    /// <c>"*"</c>, <c>"**2"</c> (for <c>Pow(2)</c>), <c>"tanh"</c> or <c>"logsumexp"</c> (each op's method says its).</summary>
    public string Op => _op == OpCode.PowConst ? "**" + Exponent.ToString(CultureInfo.InvariantCulture) : OpRules.Name(_op);

    /// <summary>The operands, in operand order and with duplicates kept: <c>x * x</c> has two children.</summary>
    /// <remarks>The constant exponent of <see cref="Pow(double)"/> is part of the operation, not a child.</remarks>
    public IReadOnlyList<Value> Children => _op switch
    {
        OpCode.Leaf => [],
        OpCode.LogSumExp => Array.AsReadOnly(ManyChildren),
        _ => RightChild is { } right ? [_left!, right] : [_left!],
    };

    /// <summary>Wraps a number as a <see cref="Constant"/>, so the <c>2</c> in <c>a * 2</c> gets no gradient.</summary>
    public static implicit operator Value(double data) => Constant(data);

    // ---- Forward: each op computes its number by the op table's rule (OpRules.Add, ...) and records its operands;
    // Backward applies the same table's chain rule (OpRules.AddGrad, ...) with g, the gradient of the op's result. ----

    /// <summary><c>a + b</c> (op <c>"+"</c>): each operand receives g.</summary>
    public static Value operator +(Value a, Value b) => Binary(OpCode.Add, a, b);
    /// <summary><c>a - b</c> (op <c>"-"</c>): a receives g, b receives -g.</summary>
    public static Value operator -(Value a, Value b) => Binary(OpCode.Sub, a, b);
    /// <summary><c>a · b</c> (op <c>"*"</c>): a receives g·b and b receives g·a.</summary>
    public static Value operator *(Value a, Value b) => Binary(OpCode.Mul, a, b);
    /// <summary><c>a / b</c> (op <c>"/"</c>; IEEE 754: dividing by zero gives ±∞ or NaN).</summary>
    public static Value operator /(Value a, Value b) => Binary(OpCode.Div, a, b);
    /// <summary><c>-a</c> (op <c>"neg"</c>).</summary>
    public static Value operator -(Value a) => new(OpRules.Neg(Check(a).Data), OpCode.Neg, a);

    /// <summary>This value to a constant power (op <c>"**p"</c>, as <c>"**2"</c>): NaN for a negative base and a
    /// fractional exponent; 0.5, ±1, ±2, 3 and -0.5 are computed by PyTorch's dedicated routines.</summary>
    public Value Pow(double exponent) => new(OpRules.PowConst(Data, exponent), OpCode.PowConst, this, Constant(exponent));

    /// <summary>This value to a power that is a value (op <c>"pow"</c>); the exponent receives g·out·ln(base): NaN for
    /// a negative base, 0 where the base is 0 and the exponent is not negative.</summary>
    public Value Pow(Value exponent) => Binary(OpCode.Pow, this, exponent);

    /// <summary><c>e</c> to this value y (op <c>"exp"</c>); the operand receives g·y. Overflows above about 709.78.</summary>
    public Value Exp() => new(OpRules.Exp(Data), OpCode.Exp, this);
    /// <summary>The natural logarithm (op <c>"log"</c>): -∞ at 0 and NaN below 0; the operand receives g/x.</summary>
    public Value Log() => new(OpRules.Log(Data), OpCode.Log, this);
    /// <summary>The hyperbolic tangent y (op <c>"tanh"</c>); the operand receives g·(1 - y²).</summary>
    public Value Tanh() => new(OpRules.Tanh(Data), OpCode.Tanh, this);
    /// <summary><c>max(0, x)</c> (op <c>"relu"</c>); the operand receives g where the output is positive.</summary>
    public Value Relu() => new(OpRules.Relu(Data), OpCode.Relu, this);
    /// <summary>The logistic function y = <c>1 / (1 + e^-x)</c> (op <c>"sigmoid"</c>); the operand receives g·y·(1 - y).</summary>
    public Value Sigmoid() => new(OpRules.Sigmoid(Data), OpCode.Sigmoid, this);
    /// <summary>The absolute value (op <c>"abs"</c>); its gradient is the sign, 0 at 0 as in PyTorch.</summary>
    public Value Abs() => new(OpRules.Abs(Data), OpCode.Abs, this);
    /// <summary>The square root y (op <c>"sqrt"</c>): NaN below 0; the operand receives g/(2y), +∞ at 0.</summary>
    public Value Sqrt() => new(OpRules.Sqrt(Data), OpCode.Sqrt, this);
    /// <summary>The sine, in radians (op <c>"sin"</c>); the operand receives g·cos x.</summary>
    public Value Sin() => new(OpRules.Sin(Data), OpCode.Sin, this);
    /// <summary>The cosine, in radians (op <c>"cos"</c>); the operand receives -g·sin x.</summary>
    public Value Cos() => new(OpRules.Cos(Data), OpCode.Cos, this);

    /// <summary><c>log(1 + eˣ)</c>, a smooth relu (op <c>"softplus"</c>) that never overflows (<c>Softplus(1000)</c> is
    /// 1000); its gradient is <c>Sigmoid(x)</c>. PyTorch returns x itself above 20; the two differ there by &lt; 2·10⁻⁹.</summary>
    public Value Softplus() => new(OpRules.Softplus(Data), OpCode.Softplus, this);

    /// <summary>The larger of two values (op <c>"max"</c>), as <c>torch.maximum</c>: NaN if either is NaN; the larger
    /// receives g, and a tie gives each half.</summary>
    public static Value Max(Value a, Value b) => Binary(OpCode.Max, a, b);

    /// <summary>The smaller of two values (op <c>"min"</c>), as <c>torch.minimum</c>: NaN if either is NaN; the
    /// smaller receives g, and a tie gives each half.</summary>
    public static Value Min(Value a, Value b) => Binary(OpCode.Min, a, b);

    /// <summary><c>y = log Σ e^xᵢ</c> as one node with a child per value (op <c>"logsumexp"</c>), as
    /// <c>torch.logsumexp</c>: exact and finite at any shift (<c>LogSumExp([1000, 1000])</c> is 1000 + ln 2). Each xᵢ
    /// receives g times the softmax <c>e^(xᵢ - y)</c>. The list (one or more values) is copied.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or one of its elements is null.</exception>
    public static Value LogSumExp(IReadOnlyList<Value> values) => LogSumExpNode(values);

    // ---- Backward: every node's chain rule, from the root down. ----

    /// <summary>
    /// Sets this node's gradient to 1 and adds d(this)/d(node) into the <see cref="Grad"/> of every node it was
    /// computed from that <see cref="RequiresGrad"/>, each node counted once however many paths lead to it.
    /// </summary>
    /// <remarks>Leaves accumulate, as in PyTorch: call <c>ZeroGrad</c> (or set <c>Grad = 0</c>) between steps; interior
    /// nodes show this call's gradients. The walk is iterative, so a chain of millions of nodes is fine. For gradients
    /// as values, or to differentiate twice, use <see cref="Autograd.Gradients.Of"/>.</remarks>
    /// <exception cref="InvalidOperationException">This value does not <see cref="RequiresGrad"/>.</exception>
    public void Backward()
    {
        if (!RequiresGrad)
            throw new InvalidOperationException(
                $"Backward was called on {(Label is { } label ? $"'{label}'" : "a value")} that does not require a gradient: " +
                "none of the leaves it was computed from has RequiresGrad set (parameters made with new Value(x) do; " +
                "Value.Constant and plain numbers do not).");
        // The interior nodes that need a gradient, children before parents, each with its gradient set to 0.
        List<Value> order = TopologicalOrder.ForBackward(this);
        try
        {
            Grad += 1;
            ReadOnlySpan<Value> nodes = CollectionsMarshal.AsSpan(order);
            for (int i = nodes.Length - 1; i >= 0; i--) nodes[i].PropagateGrad();
        }
        finally
        {
            TopologicalOrder.Return(order);
        }
    }

    /// <summary>This node's chain rule: adds its gradient g, times each operand's local derivative, into the operand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]   // the backward loop's whole body
    internal void PropagateGrad()
    {
        Value a = _left!, b = SecondSlot!;   // b: the second child, or a constant that needs no gradient
        Number g = _grad;   // an interior node keeps its own numbers
        switch (_op)
        {
            // Most of a network's nodes: their rules here, in the loop; every other op by the table's dispatch.
            case OpCode.Add: Accumulate(a, b, OpRules.AddGrad(g)); break;
            case OpCode.Mul: Accumulate(a, b, OpRules.MulGrad(g, a.Data, b.Data)); break;
            case OpCode.Relu: Accumulate(a, OpRules.ReluGrad(g, _data)); break;
            case OpCode.Tanh: Accumulate(a, OpRules.TanhGrad(g, _data)); break;
            default: PropagateGradByTable(a, b, g); break;
        }
    }

    /// <summary>The chain rule of any op, by the op table's dispatch.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // out of the backward loop, which then keeps its values in registers
    private void PropagateGradByTable(Value a, Value b, Number g)
    {
        if (OpRules.IsBinary(_op))
            Accumulate(a, b, OpRules.BackwardBinary(_op, g, a.Data, b.Data, _data));
        else if (_op != OpCode.LogSumExp)
            Accumulate(a, OpRules.BackwardUnary(_op, g, a.Data, b.Data, _data));
        else
            foreach (Value x in ManyChildren) Accumulate(x, OpRules.LogSumExpGrad(g, x.Data, _data));
    }

    /// <summary>Adds a contribution into an operand's gradient, unless it needs none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Value operand, Number contribution)
    {
        if (operand._requiresGrad) operand.GradSlot += contribution.Data;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Value a, Value b, (Number Da, Number Db) contributions)
    {
        Accumulate(a, contributions.Da);
        Accumulate(b, contributions.Db);
    }

    /// <summary>Returns <c>Value(data=…, grad=…, op=…, label=…)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Value(data={Data}, grad={Grad}, op={Op}, label={Label})");
}
