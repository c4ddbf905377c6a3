using static System.FormattableString;

namespace Michigrad.Autograd;

/// <summary>
/// Gradients as values, PyTorch's <c>torch.autograd.grad</c>: d(output)/d(input) for chosen inputs, without touching
/// any node's <see cref="Value.Grad"/>, and, with <c>createGraph</c>, as graphs that can be differentiated again.
/// </summary>
/// <example>
/// <code>
/// var x = new Value(0.5, "x");
/// Value y = x.Sin();
/// Value dy = Gradients.Of(y, [x], createGraph: true)[0];   // cos x, a graph over x
/// Value d2y = Gradients.Of(dy, [x])[0];                    // -sin x
/// </code>
/// </example>
public static class Gradients
{
    /// <summary>The gradient of <paramref name="output"/> with respect to each of <paramref name="inputs"/>.</summary>
    /// <param name="output">The value to differentiate (a loss, or a gradient from an earlier call).</param>
    /// <param name="inputs">The values to differentiate by: leaves or interior nodes of <paramref name="output"/>'s
    /// graph. An input the output does not depend on gets 0.</param>
    /// <param name="createGraph">Build each gradient as a graph over the same leaves, made of the op table's chain
    /// rules, so that it can be differentiated again (<c>Gradients.Of(g[0], inputs)</c>), drawn or compiled. Off, each
    /// gradient is a plain leaf holding the number, and the sweep allocates no nodes.</param>
    /// <returns>One value per input, in order: d(output)/d(inputs[i]).</returns>
    /// <remarks>
    /// <para>The chain rule is the one <see cref="Value.Backward"/> applies, op for op, so the numbers equal the
    /// gradients <see cref="Value.Backward"/> would add into fresh leaves. No <see cref="Value.Grad"/> is read or
    /// written, so this is safe while another thread trains the same parameters.</para>
    /// <para>Second derivatives of ops with kinks follow PyTorch: relu, abs, max and min have second derivative 0 (their
    /// first derivative is piecewise constant).</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="output"/>, <paramref name="inputs"/> or one of the
    /// inputs is null.</exception>
    public static Value[] Of(Value output, IReadOnlyList<Value> inputs, bool createGraph = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
            if (inputs[i] is null) throw new ArgumentNullException(nameof(inputs), Invariant($"inputs[{i}] is null."));

        List<Value> order = TopologicalOrder.Of(output);
        var position = new Dictionary<Value, int>(order.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < order.Count; i++) position.Add(order[i], i);

        var result = new Value[inputs.Count];
        if (createGraph)
        {
            (Value[] grads, bool[] reached) = Sweep<Value>(order, position, node => node);
            for (int i = 0; i < result.Length; i++)
                result[i] = position.TryGetValue(inputs[i], out int p) && reached[p] ? grads[p] : Value.Constant(0.0);
        }
        else
        {
            (Number[] grads, bool[] reached) = Sweep<Number>(order, position, node => node.Data);
            for (int i = 0; i < result.Length; i++)
                result[i] = Value.Constant(position.TryGetValue(inputs[i], out int p) && reached[p] ? grads[p].Data : 0.0);
        }
        return result;
    }

    /// <summary>
    /// The chain rule of one node: ∂node/∂child for each of <paramref name="node"/>'s <see cref="Value.Children"/>,
    /// in operand order, from the op table's rule (the factor <see cref="Value.Backward"/> multiplies the node's
    /// gradient by before adding it into that child).
    /// </summary>
    /// <param name="node">Any value; a leaf has no children and gives an empty array.</param>
    /// <returns>One partial derivative per operand: <c>x * x</c> gives two entries, each <c>x</c>'s data, whose sum is
    /// d(x·x)/dx. Each is the local factor only, so a child that also reaches the node through another path (a
    /// shared node) still gets just this operand's share.</returns>
    /// <remarks>Meant for showing backward one step at a time (the playground's stepper); it reads no gradient.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    public static double[] Local(Value node)
    {
        ArgumentNullException.ThrowIfNull(node);
        int n = node.Arity;
        var partials = new double[n];
        if (n == 0) return partials;
        Number one = 1.0, y = node.Data;
        if (node.Code == OpCode.LogSumExp)
        {
            for (int k = 0; k < n; k++) partials[k] = OpRules.LogSumExpGrad(one, node.ChildAt(k).Data, y).Data;
        }
        else if (node.RightChild is Value b)
        {
            (Number da, Number db) = OpRules.BackwardBinary(node.Code, one, node.Left!.Data, b.Data, y);
            partials[0] = da.Data;
            partials[1] = db.Data;
        }
        else
        {
            double exponent = node.Code == OpCode.PowConst ? node.Exponent : 0.0;
            partials[0] = OpRules.BackwardUnary(node.Code, one, node.Left!.Data, exponent, y).Data;
        }
        return partials;
    }

    /// <summary>
    /// Reverse sweep over <paramref name="order"/> (children before parents; the output last), in numbers or in
    /// values: each node's gradient, and whether anything reached it.
    /// </summary>
    private static (T[] Grads, bool[] Reached) Sweep<T>(List<Value> order, Dictionary<Value, int> position,
        Func<Value, T> lift) where T : IScalar<T>
    {
        var grads = new T[order.Count];
        var reached = new bool[order.Count];
        grads[^1] = (T)1.0;
        reached[^1] = true;
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Value node = order[i];
            if (node.Code == OpCode.Leaf || !reached[i]) continue;
            T g = grads[i];

            T y = lift(node);
            if (node.Code == OpCode.LogSumExp)
            {
                for (int k = 0, n = node.Arity; k < n; k++)
                {
                    Value x = node.ChildAt(k);
                    Add(grads, reached, position[x], OpRules.LogSumExpGrad(g, lift(x), y));
                }
                continue;
            }

            Value a = node.Left!;
            if (node.RightChild is Value b)
            {
                (T da, T db) = OpRules.BackwardBinary(node.Code, g, lift(a), lift(b), y);
                Add(grads, reached, position[a], da);
                Add(grads, reached, position[b], db);
            }
            else
            {
                double exponent = node.Code == OpCode.PowConst ? node.Exponent : 0.0;
                Add(grads, reached, position[a], OpRules.BackwardUnary(node.Code, g, lift(a), exponent, y));
            }
        }
        return (grads, reached);
    }

    /// <summary>Adds a contribution into a node's gradient; the first one is taken as it is (no 0 + g node).</summary>
    private static void Add<T>(T[] grads, bool[] reached, int index, T contribution) where T : IScalar<T>
    {
        grads[index] = reached[index] ? grads[index] + contribution : contribution;
        reached[index] = true;
    }
}
