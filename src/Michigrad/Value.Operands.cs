using System.Runtime.CompilerServices;

namespace Michigrad;

// A node's operands, in two slots, with no list per node. Invariant, by op:
//   binary ops (OpRules.IsBinary)   _left, _right: the two children, in operand order;
//   ops of one operand              _left: the child; _right: the shared constant NoOperand, or for PowConst a constant
//                                   holding the exponent (part of the op, not a child);
//   LogSumExp                       _left: the first child; _right: the array of all its children;
//   a leaf                          _left: null; _right: null, or for a window its storage (Value.Storage.cs).
// So the backward step reads _right of any interior node but a log-sum-exp as a value (SecondSlot) with no branch:
// what it holds there is a second child or a constant that needs no gradient, which Accumulate passes over.
public sealed partial class Value
{
    /// <summary>The second slot of an op of one operand: a constant 0 that needs no gradient.</summary>
    private static readonly Value NoOperand = Constant(0.0);

    /// <summary>A node of an op of one or two operands; a node needs a gradient if an operand does.</summary>
    private Value(double data, OpCode op, Value left, Value? right = null)
    {
        _data = data;
        _op = op;
        _left = left;
        Value second = right ?? NoOperand;
        _right = second;
        _requiresGrad = left._requiresGrad | second._requiresGrad;
    }

    /// <summary>A node of an op of two children; the caller sets its number.</summary>
    private Value(OpCode op, Value left, Value right)
    {
        _op = op;
        _left = left;
        _right = right;
        _requiresGrad = left._requiresGrad | right._requiresGrad;
    }

    /// <summary>A node of an op of any number of children (one or more).</summary>
    private Value(double data, OpCode op, Value[] children)
    {
        _data = data;
        _op = op;
        _left = children[0];
        _right = children;
        _requiresGrad = Array.Exists(children, child => child._requiresGrad);
    }

    /// <summary>A node of an op of two children. Its number is computed once the node is made, so that the operands'
    /// numbers are read after the allocation rather than kept across it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value Binary(OpCode op, Value a, Value b, [CallerArgumentExpression(nameof(b))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b, name);
        return new Value(op, a, b) { _data = OpRules.Forward(op, a.Data, b.Data) };
    }

    /// <summary>A log-sum-exp node over a copy of <paramref name="values"/>.</summary>
    private static Value LogSumExpNode(IReadOnlyList<Value> values)
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
        return new Value(OpRules.LogSumExp(data), OpCode.LogSumExp, children);
    }

    private static Value Check(Value value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }

    internal OpCode Code => _op;

    /// <summary>The first operand, or <see langword="null"/> for a leaf.</summary>
    internal Value? Left => _left;

    /// <summary>The second child, or <see langword="null"/> when there is none (only binary ops have one).</summary>
    internal Value? RightChild => OpRules.IsBinary(_op) ? Unsafe.As<Value>(_right) : null;

    /// <summary>The second slot as a value: the second child, a constant exponent or the shared 0 (neither of which
    /// needs a gradient); <see langword="null"/> for a leaf or a log-sum-exp (whose slot holds all its children).</summary>
    internal Value? SecondSlot
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _op is OpCode.LogSumExp or OpCode.Leaf ? null : Unsafe.As<Value>(_right);
    }

    /// <summary>The children of an n-ary node.</summary>
    private Value[] ManyChildren => (Value[])_right!;

    /// <summary>The constant exponent of a <see cref="OpCode.PowConst"/> node.</summary>
    internal double Exponent => Unsafe.As<Value>(_right)!.Data;

    /// <summary>How many operands are children: 0 for a leaf, 1 for a function of one value, 2 for a binary op,
    /// and n for a log-sum-exp of n values.</summary>
    internal int Arity => _op switch
    {
        OpCode.Leaf => 0,
        OpCode.LogSumExp => ManyChildren.Length,
        _ => OpRules.IsBinary(_op) ? 2 : 1,
    };

    /// <summary>The <paramref name="index"/>-th child (below <see cref="Arity"/>).</summary>
    internal Value ChildAt(int index) => _op == OpCode.LogSumExp ? ManyChildren[index]
        : index == 0 ? _left! : Unsafe.As<Value>(_right)!;
}
