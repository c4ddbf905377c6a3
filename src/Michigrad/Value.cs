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
/// <para>Each op's value and chain rule are written once, in the op table (<c>OpRules</c>); the forward methods here
/// record the op and its operands, and <see cref="Backward"/> applies the table's rules from the root down.</para>
/// <para>A graph is not safe to build or walk from several threads at once. Separate graphs on separate threads are,
/// even when they share leaves (one model's parameters): building, <see cref="Backward"/>, compiling and drawing
/// read a shared leaf and write only its <see cref="Grad"/>. Two threads adding into one leaf's
/// <see cref="Grad"/> at the same time is a race the caller must avoid (give each thread its own parameters, or take
/// gradients with <see cref="Autograd.Gradients.Of"/>, which writes no <see cref="Grad"/>). A compiled
/// <see cref="Training.Trainer"/> with a plain SGD moves its model's weights into its step's arrays when it first
/// steps (their <see cref="Data"/> and <see cref="Grad"/> are read and written there from then on, the same
/// numbers): like a step, that is a write to the model, not to be run while another thread uses it.</para>
/// <para>Non-finite numbers follow IEEE 754 and PyTorch: <c>Log(0)</c> is -∞, <c>Log(-1)</c> is NaN, and NaN flows
/// through every operation.</para>
/// </remarks>
public sealed class Value : IScalar<Value>
{
    // A node is its data, its gradient, its operation and at most two operand slots: no list and no closure per
    // node. The second slot holds the second operand; for PowConst, a constant holding the exponent; for LogSumExp,
    // the array of all its children (so that only n-ary nodes pay for n children); for an op of one operand, a
    // shared constant 0, so that the backward step reads it without a branch; for a leaf adopted by a compiled
    // training step, its home (see Data).
    private readonly Value? _left;
    private object? _right;
    private readonly OpCode _op;
    private bool _requiresGrad;

    private static readonly Value s_noOperand = Constant(0.0);

    // Labels are rare, so they live beside the nodes rather than in each of them: a node is 56 bytes, not 64.
    private static readonly ConditionalWeakTable<Value, string> s_labels = new();

    /// <summary>The walk that last visited this node (see <see cref="TopologicalOrder"/>); nothing else. Walks mark interior
    /// nodes; the compiler's walk also marks leaves, only as a hint beside its own table of them.</summary>
    internal int VisitMark;

    /// <summary>Creates a leaf value that gets a gradient, such as a parameter or a number you want d/dx of.</summary>
    /// <param name="data">The number.</param>
    /// <param name="label">An optional name, shown by <see cref="ToString"/> and in graph pictures.</param>
    /// <remarks>Its <see cref="RequiresGrad"/> is true. For data and constants, which need no gradient, use
    /// <see cref="Constant"/> (a plain number converted to a value, as the <c>2</c> in <c>a * 2</c>, is one).</remarks>
    public Value(double data, string? label = null)
    {
        _data = data;
        _requiresGrad = true;
        if (label is not null) Label = label;
    }

    private Value(double data, OpCode op, Value left, Value? right = null)
    {
        _data = data;
        _op = op;
        _left = left;
        Value second = right ?? s_noOperand;
        _right = second;
        // A node needs a gradient if an operand does. The second slot of an op of one operand (the shared 0, or a
        // constant exponent, which is part of the op) is a constant the library makes and never does; so `|`, no branch.
        _requiresGrad = left._requiresGrad | second._requiresGrad;
    }

    /// <summary>A node of a two-operand op, both operands children; the caller sets <see cref="Data"/>.</summary>
    private Value(OpCode op, Value left, Value right)
    {
        _op = op;
        _left = left;
        _right = right;
        _requiresGrad = left._requiresGrad | right._requiresGrad;
    }

    private Value(double data, Value[] children)
    {
        _data = data;
        _op = OpCode.LogSumExp;
        _left = children[0];
        _right = children;
        _requiresGrad = Array.Exists(children, child => child._requiresGrad);
    }

    private Value(double data, bool requiresGrad)
    {
        _data = data;
        _requiresGrad = requiresGrad;
    }

    /// <summary>Creates a leaf that needs no gradient: an input, a target, a constant (<see cref="RequiresGrad"/> false).</summary>
    /// <param name="data">The number.</param>
    /// <param name="label">An optional name, shown by <see cref="ToString"/> and in graph pictures.</param>
    /// <returns>A leaf whose <see cref="Grad"/> <see cref="Backward"/> leaves at 0, as PyTorch's
    /// <c>torch.tensor(x)</c> (whose <c>requires_grad</c> is false).</returns>
    public static Value Constant(double data, string? label = null)
    {
        var value = new Value(data, requiresGrad: false);
        if (label is not null) value.Label = label;
        return value;
    }

    /// <summary>
    /// Whether this value needs a gradient, as PyTorch's <c>requires_grad</c>. A leaf made with
    /// <see cref="Value(double, string?)"/> (a parameter) does, one made with <see cref="Constant"/> or converted from a
    /// <see langword="double"/> (data, the <c>2</c> in <c>a * 2</c>) does not; a computed value does if any of its
    /// operands does. <see cref="Backward"/> spends no work on the others and leaves their <see cref="Grad"/> alone.
    /// </summary>
    /// <remarks>Only a leaf's flag can be set. A computed value takes its flag when it is built: setting a leaf's flag
    /// afterwards changes whether that leaf receives gradients, not whether the nodes above it are walked.</remarks>
    /// <exception cref="InvalidOperationException">Setting the flag of a computed value.</exception>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (_op != OpCode.Leaf)
                throw new InvalidOperationException(
                    $"RequiresGrad can only be set on a leaf; this is a '{Op}' node, which needs a gradient when one of its operands does.");
            _requiresGrad = value;
        }
    }

    // A parameter adopted by a compiled training step keeps its number and gradient in that step's arrays (its
    // home, in the second slot), where the step's loops read and update them in place: one copy of each number, so
    // nothing can go stale. Every other node keeps them here.
    private double _data, _grad;
    private bool _homed;
    private Compiled.LeafHome Home => Unsafe.As<Compiled.LeafHome>(_right)!;

    // Inlined at every use, so that the home's branch never costs a call.
    private ref double DataSlot
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _homed ? ref Home.Data[Home.Index] : ref _data;
    }

    private ref double GradSlot
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _homed ? ref Home.Grad[Home.Index] : ref _grad;
    }

    /// <summary>The number this node holds.</summary>
    public double Data
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] get => DataSlot;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] set => DataSlot = value;
    }

    /// <summary>
    /// d(root)/d(this) after the last <see cref="Backward"/> of a root above this node. Leaves accumulate across
    /// calls, as PyTorch's leaf tensors do: reset them with <c>Grad = 0</c> (or a module's <c>ZeroGrad</c>).
    /// </summary>
    public double Grad
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] get => GradSlot;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] set => GradSlot = value;
    }

    /// <summary>Moves this leaf's number and gradient to <paramref name="home"/>, where they live from now on; the
    /// step that held them before, if any, loses them (see <see cref="Compiled.Adoption"/>).</summary>
    internal void MoveTo(Compiled.LeafHome home)
    {
        if (_op != OpCode.Leaf) throw new InvalidOperationException($"Only a leaf can move; this is a '{Op}' node.");
        if (_homed && Home == home) return;
        home.Data[home.Index] = Data;
        home.Grad[home.Index] = Grad;
        if (_homed) Home.Adoption.Lose();
        _right = home;
        _homed = true;
    }

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
    /// <c>"tanh"</c>, <c>"relu"</c>, <c>"sigmoid"</c>, <c>"abs"</c>, <c>"sqrt"</c>, <c>"sin"</c>, <c>"cos"</c>,
    /// <c>"softplus"</c>, <c>"max"</c>, <c>"min"</c> or <c>"logsumexp"</c>.
    /// </summary>
    public string Op => _op switch
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
        OpCode.PowConst => "**" + Exponent.ToString(CultureInfo.InvariantCulture),
        OpCode.LogSumExp => "logsumexp",
        _ => throw new InvalidOperationException($"Unknown op code {_op}."),
    };

    /// <summary>The operands, in operand order and with duplicates kept: <c>x * x</c> has two children.</summary>
    /// <remarks>The constant exponent of <see cref="Pow(double)"/> is part of the operation, not a child.</remarks>
    public IReadOnlyList<Value> Children => _op switch
    {
        OpCode.Leaf => [],
        OpCode.LogSumExp => Array.AsReadOnly((Value[])_right!),
        _ when OpRules.IsBinary(_op) => [_left!, Unsafe.As<Value>(_right)!],
        _ => [_left!],
    };

    internal OpCode Code => _op;
    internal Value? Left => _left;

    /// <summary>The second child, or <see langword="null"/> when there is none (only binary ops have one).</summary>
    internal Value? RightChild => OpRules.IsBinary(_op) ? Unsafe.As<Value>(_right) : null;

    /// <summary>The second slot as a value: the second child, a constant exponent or the shared 0 (neither of which
    /// needs a gradient); <see langword="null"/> for a leaf or a log-sum-exp (whose slot holds all its children).</summary>
    internal Value? SecondSlot => _op is OpCode.LogSumExp or OpCode.Leaf ? null : Unsafe.As<Value>(_right);

    /// <summary>The constant exponent of a <see cref="OpCode.PowConst"/> node.</summary>
    internal double Exponent => Unsafe.As<Value>(_right)!.Data;

    /// <summary>How many operands are children: 0 for a leaf, 1 for a function of one value, 2 for a binary op,
    /// and n for a log-sum-exp of n values.</summary>
    internal int Arity => _op switch
    {
        OpCode.Leaf => 0,
        OpCode.LogSumExp => ((Value[])_right!).Length,
        _ => OpRules.IsBinary(_op) ? 2 : 1,
    };

    /// <summary>The <paramref name="index"/>-th child (below <see cref="Arity"/>).</summary>
    internal Value ChildAt(int index) => _op == OpCode.LogSumExp ? ((Value[])_right!)[index]
        : index == 0 ? _left! : Unsafe.As<Value>(_right)!;

    /// <summary>Wraps a number as a constant leaf with no label: <see cref="RequiresGrad"/> is false (see
    /// <see cref="Constant"/>), so the <c>2</c> in <c>a * 2</c> gets no gradient.</summary>
    public static implicit operator Value(double data) => Constant(data);

    // ---- Forward: each operation computes its result (by the op table's rule) and records its operands. ----
    // (An op of two operands sets Data once the node is made, so the operands' numbers are read after the allocation
    // rather than kept across it: one load and store fewer on most nodes of a graph.)

    /// <summary>Adds two values.</summary>
    /// <remarks>Data <c>a + b</c>; in <see cref="Backward"/>, each operand's gradient grows by this node's gradient g
    /// (see <c>OpRules.Add</c> and <c>OpRules.AddGrad</c>).</remarks>
    public static Value operator +(Value a, Value b) =>
        new(OpCode.Add, Check(a), Check(b)) { _data = OpRules.Add(a.Data, b.Data) };

    /// <summary>Subtracts <paramref name="b"/> from <paramref name="a"/>.</summary>
    public static Value operator -(Value a, Value b) =>
        new(OpCode.Sub, Check(a), Check(b)) { _data = OpRules.Sub(a.Data, b.Data) };

    /// <summary>Multiplies two values.</summary>
    /// <remarks>Data <c>a · b</c>; in <see cref="Backward"/>, a's gradient grows by g·b and b's by g·a (see
    /// <c>OpRules.Mul</c> and <c>OpRules.MulGrad</c>).</remarks>
    public static Value operator *(Value a, Value b) =>
        new(OpCode.Mul, Check(a), Check(b)) { _data = OpRules.Mul(a.Data, b.Data) };

    /// <summary>Divides <paramref name="a"/> by <paramref name="b"/> (IEEE 754: dividing by zero gives ±∞ or NaN).</summary>
    public static Value operator /(Value a, Value b) =>
        new(OpCode.Div, Check(a), Check(b)) { _data = OpRules.Div(a.Data, b.Data) };

    /// <summary>Negates a value.</summary>
    public static Value operator -(Value a) => new(OpRules.Neg(Check(a).Data), OpCode.Neg, a);

    /// <summary>Raises this value to a constant power; the op is written <c>"**p"</c>, as <c>"**2"</c>.</summary>
    /// <remarks>A negative base with a fractional exponent gives NaN. The exponents PyTorch computes by a dedicated
    /// routine (0.5 as a square root, ±1, ±2, 3, -0.5) are computed the same way here, so that even the sign of an
    /// infinity at -0 agrees.</remarks>
    public Value Pow(double exponent) => new(OpRules.PowConst(Data, exponent), OpCode.PowConst, this, Constant(exponent));

    /// <summary>Raises this value to a power that is itself a value (op <c>"pow"</c>).</summary>
    /// <remarks>d/d(exponent) is <c>out·ln(base)</c>: NaN for a negative base and 0 where the base is 0 and the
    /// exponent is not negative, as in PyTorch.</remarks>
    public Value Pow(Value exponent) =>
        new(OpCode.Pow, this, Check(exponent)) { _data = OpRules.Pow(this.Data, exponent.Data) };   // this.Data: the base

    /// <summary><c>e</c> raised to this value (overflows to +∞ above about 709.78).</summary>
    public Value Exp() => new(OpRules.Exp(Data), OpCode.Exp, this);

    /// <summary>The natural logarithm: -∞ at 0 and NaN below 0.</summary>
    public Value Log() => new(OpRules.Log(Data), OpCode.Log, this);

    /// <summary>The hyperbolic tangent, computed stably: <c>Tanh(1000)</c> is 1 with gradient 0.</summary>
    public Value Tanh() => new(OpRules.Tanh(Data), OpCode.Tanh, this);

    /// <summary><c>max(0, x)</c>; its gradient at 0 is 0, as in PyTorch.</summary>
    public Value Relu() => new(OpRules.Relu(Data), OpCode.Relu, this);

    /// <summary>The logistic function <c>1 / (1 + e^-x)</c>, computed stably: <c>Sigmoid(-1000)</c> is 0, not NaN.</summary>
    public Value Sigmoid() => new(OpRules.Sigmoid(Data), OpCode.Sigmoid, this);

    /// <summary>The absolute value (op <c>"abs"</c>); its gradient is the sign, 0 at 0 as in PyTorch.</summary>
    public Value Abs() => new(OpRules.Abs(Data), OpCode.Abs, this);

    /// <summary>The square root (op <c>"sqrt"</c>): NaN below 0; the gradient 1/(2√x) is +∞ at 0.</summary>
    public Value Sqrt() => new(OpRules.Sqrt(Data), OpCode.Sqrt, this);

    /// <summary>The sine, in radians (op <c>"sin"</c>).</summary>
    public Value Sin() => new(OpRules.Sin(Data), OpCode.Sin, this);

    /// <summary>The cosine, in radians (op <c>"cos"</c>).</summary>
    public Value Cos() => new(OpRules.Cos(Data), OpCode.Cos, this);

    /// <summary><c>log(1 + eˣ)</c>, a smooth relu (op <c>"softplus"</c>), computed as <c>max(x, 0) + log(1 + e^-|x|)</c>
    /// so that it never overflows: <c>Softplus(1000)</c> is 1000. Its gradient is <c>Sigmoid(x)</c>.</summary>
    /// <remarks>PyTorch's <c>softplus</c> returns x itself above 20 (its default threshold); this is the exact
    /// function everywhere (above 20 they differ by less than 2·10⁻⁹).</remarks>
    public Value Softplus() => new(OpRules.Softplus(Data), OpCode.Softplus, this);

    /// <summary>The larger of two values (op <c>"max"</c>), as <c>torch.maximum</c>: NaN if either is NaN; the larger
    /// receives the gradient, and a tie gives each half.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns>A node with children <paramref name="a"/> and <paramref name="b"/>.</returns>
    public static Value Max(Value a, Value b) =>
        new(OpCode.Max, Check(a), Check(b)) { _data = OpRules.Max(a.Data, b.Data) };

    /// <summary>The smaller of two values (op <c>"min"</c>), as <c>torch.minimum</c>: NaN if either is NaN; the
    /// smaller receives the gradient, and a tie gives each half.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    /// <returns>A node with children <paramref name="a"/> and <paramref name="b"/>.</returns>
    public static Value Min(Value a, Value b) =>
        new(OpCode.Min, Check(a), Check(b)) { _data = OpRules.Min(a.Data, b.Data) };

    /// <summary><c>log Σ e^xᵢ</c> as one node with a child per value (op <c>"logsumexp"</c>), as
    /// <c>torch.logsumexp</c>: computed around the largest xᵢ, so it is exact and finite at any shift
    /// (<c>LogSumExp([1000, 1000])</c> is 1000 + ln 2). The gradient of xᵢ is the softmax <c>e^(xᵢ - y)</c>.</summary>
    /// <param name="values">One or more values; the list is copied.</param>
    /// <returns>The log-sum-exp node.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or one of its elements is null.</exception>
    public static Value LogSumExp(IReadOnlyList<Value> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("LogSumExp needs at least one value, got none.", nameof(values));
        var children = new Value[values.Count];
        Span<double> data = children.Length <= 64 ? stackalloc double[children.Length] : new double[children.Length];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = values[i] ?? throw new ArgumentNullException(nameof(values), $"values[{i}] is null.");
            data[i] = children[i].Data;
        }
        return new Value(OpRules.LogSumExp(data), children);
    }

    // ---- Backward: the op table's chain rule for one node. ----

    /// <summary>
    /// Sets this node's gradient to 1 and adds d(this)/d(node) into the <see cref="Grad"/> of every node it was
    /// computed from that <see cref="RequiresGrad"/>, each node counted once however many paths lead to it.
    /// </summary>
    /// <remarks>
    /// Like PyTorch, gradients accumulate: a second call adds the same amounts into the leaves again, so call
    /// <c>ZeroGrad</c> (or set <c>Grad = 0</c>) between steps. Interior nodes are reset at the start of each call, so
    /// they show this call's gradients. The walk is iterative: a chain of millions of nodes is fine. To get gradients
    /// as values without touching any <see cref="Grad"/>, or to differentiate twice, use
    /// <see cref="Autograd.Gradients.Of"/>.
    /// <para>Nodes that need no gradient (see <see cref="RequiresGrad"/>) are not walked, and their <see cref="Grad"/>
    /// is left as it is: the input pixels of a batch cost nothing on the way back.</para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">This value does not <see cref="RequiresGrad"/>: nothing it was
    /// computed from needs a gradient (as PyTorch's "does not require grad" error).</exception>
    public void Backward() => BackwardPass.Run(this);

    /// <summary>
    /// Flattens the graph under this value into a fused tape that can replay <c>Forward</c> and <c>Backward</c>
    /// without allocating: build the graph once, then replay it every step (see <see cref="Compiled.Compiler"/>).
    /// </summary>
    /// <remarks>
    /// <para>A replay repeats the recorded operations on the leaves' new data. So build the graph from operations
    /// only: a choice made from <see cref="Data"/> while building (a branch, or a constant computed from it) is frozen
    /// at the data it saw. Write <c>Value.Max(x, 0)</c> rather than <c>x.Data &gt; 0 ? x : 0</c>, <c>x.Softplus()</c>
    /// rather than a branch on the sign, and <c>Value.LogSumExp(z)</c> rather than subtracting <c>max(z.Data)</c>.
    /// Every graph the library builds (its modules and losses) follows this rule.</para>
    /// <para>To check a graph that might not, rebuild it and compare:
    /// <c>compiled.Verify(() =&gt; BuildLoss())</c> throws, naming the first node that differs.</para>
    /// </remarks>
    public Compiled.CompiledGraph Compile() => Compiled.Compiler.Compile(this);

    /// <summary>Adds this node's gradient, times the local derivative, into each operand's gradient.</summary>
    // Inlined into the backward sweep, its only caller: the call was about a quarter of the sweep's time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PropagateGrad()
    {
        Value a = _left!, b = Unsafe.As<Value>(_right)!;   // b: the second child, the exponent, or a shared 0
        Number g = _grad;   // an interior node's own numbers are always here
        switch (_op)
        {
            // The ops most nodes of a network are take their rule from the table here, in this one switch: a + b
            // passes g to both operands; a · b passes g·b to a and g·a to b; relu passes g where its output is
            // positive; tanh passes g·(1 - y²). (Through the table's own dispatch as well, the sweep's loop grew by half
            // and kept values on the stack.) Every other op takes the same table's way.
            case OpCode.Add:
                Accumulate(a, b, OpRules.AddGrad(g));
                break;
            case OpCode.Mul:
                Accumulate(a, b, OpRules.MulGrad(g, a.Data, b.Data));
                break;
            case OpCode.Relu:
                Accumulate(a, OpRules.ReluGrad(g, _data));
                break;
            case OpCode.Tanh:
                Accumulate(a, OpRules.TanhGrad(g, _data));
                break;
            default:
                PropagateGradByTable(a, b, g);
                break;
        }
    }

    /// <summary>The chain rule of any op, by the op table's dispatch.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // out of the sweep's loop, which then keeps its values in registers
    private void PropagateGradByTable(Value a, Value b, Number g)
    {
        if (OpRules.IsBinary(_op))
            Accumulate(a, b, OpRules.BackwardBinary(_op, g, a.Data, b.Data, _data));
        else if (_op != OpCode.LogSumExp)
            Accumulate(a, OpRules.BackwardUnary(_op, g, a.Data, b.Data, _data));
        else
            foreach (Value x in (Value[])_right!) Accumulate(x, OpRules.LogSumExpGrad(g, x.Data, _data));
    }

    /// <summary>Adds a contribution into an operand's gradient, unless it needs none (see <see cref="RequiresGrad"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Value operand, Number contribution)
    {
        if (operand._requiresGrad) operand.GradSlot += contribution.Data;
    }

    /// <summary>Starts an interior node's gradient at 0 for a backward pass (see <see cref="Backward"/>).</summary>
    internal void ClearInteriorGrad() => _grad = 0;

    /// <summary>Adds a two-operand op's contributions into its operands' gradients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Value a, Value b, (Number Da, Number Db) contributions)
    {
        Accumulate(a, contributions.Da);
        Accumulate(b, contributions.Db);
    }

    /// <summary>Returns <c>Value(data=…, grad=…, op=…, label=…)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Value(data={Data}, grad={Grad}, op={Op}, label={Label})");

    // ---- The op table's functions on values, so that its chain rules can build graphs (Autograd.Gradients). ----

    static Value IScalar<Value>.Exp(Value x) => x.Exp();
    static Value IScalar<Value>.Log(Value x) => x.Log();
    static Value IScalar<Value>.Sigmoid(Value x) => x.Sigmoid();
    static Value IScalar<Value>.Sin(Value x) => x.Sin();
    static Value IScalar<Value>.Cos(Value x) => x.Cos();
    static Value IScalar<Value>.PowConst(Value x, double p) => x.Pow(p);
    static Value IScalar<Value>.Pow(Value x, Value p) => x.Pow(p);

    private static Value Check(Value value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }
}
