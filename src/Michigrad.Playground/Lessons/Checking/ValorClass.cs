using System.Reflection;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// The learner's own value class, driven by reflection the way the lessons ask for it: a constructor from a
/// <c>double</c>, <c>Data</c> and <c>Grad</c> (fields or properties), the operators <c>+</c> and <c>*</c>, the
/// methods <c>Tanh()</c>, <c>Exp()</c> and <c>Pow(double)</c>, and <c>Backward()</c>.
/// </summary>
public sealed class ValorClass
{
    /// <summary>The class's name in the lessons (Spanish for value, so it does not clash with Michigrad's).</summary>
    public const string Name = "Valor";

    private readonly Type _type;
    private readonly (ConstructorInfo Constructor, object?[] Arguments)? _constructor;
    private readonly NumberMember? _data, _grad;
    private readonly MethodInfo? _add, _mul, _tanh, _exp, _pow, _backward;

    /// <summary>Reads the members of <paramref name="type"/>; what is missing is reported by <see cref="Missing"/>.</summary>
    public ValorClass(Type type)
    {
        _type = type;
        _constructor = LearnerTypes.Constructor(type, 0.5);   // a number with a fraction: Valor(int) will not do
        _data = LearnerTypes.Number(type, "Data");
        _grad = LearnerTypes.Number(type, "Grad");
        _add = Operator("op_Addition");
        _mul = Operator("op_Multiply");
        _tanh = LearnerTypes.Method(type, "Tanh", 0);
        _exp = LearnerTypes.Method(type, "Exp", 0);
        _pow = LearnerTypes.Method(type, "Pow", 1) is { } pow && LearnerTypes.Convertible(2.0, pow.GetParameters()[0].ParameterType, out _) ? pow : null;
        _backward = LearnerTypes.Method(type, "Backward", 0);
    }

    /// <summary>The learner's class in <paramref name="compiled"/>.</summary>
    /// <exception cref="MissingPartException">It declares no class called <see cref="Name"/>.</exception>
    public static ValorClass In(Assembly compiled) => new(LearnerTypes.Find(compiled, Name));

    /// <summary>The first member that a class with <paramref name="ops"/> needs and this one lacks, as C#; null when
    /// it has them all.</summary>
    public string? Missing(ValorOps ops)
    {
        if (_constructor is null) return $"{Name}(double data)";
        if (_data is null) return "double Data";
        if (_grad is null || !_grad.CanSet) return "double Grad { get; set; }";
        if ((ops & ValorOps.Add) != 0 && _add is null) return $"static {Name} operator +({Name} a, {Name} b)";
        if ((ops & ValorOps.Mul) != 0 && _mul is null) return $"static {Name} operator *({Name} a, {Name} b)";
        if ((ops & ValorOps.Tanh) != 0 && _tanh is null) return $"{Name} Tanh()";
        if ((ops & ValorOps.Exp) != 0 && _exp is null) return $"{Name} Exp()";
        if ((ops & ValorOps.Pow) != 0 && _pow is null) return $"{Name} Pow(double exponent)";
        if (_backward is null) return "void Backward()";
        return null;
    }

    /// <summary>Builds one step of an expression over the learner's nodes built so far.</summary>
    /// <exception cref="LearnerCodeException">The learner's code threw.</exception>
    public object Build(ExpressionStep step, IReadOnlyList<object> nodes)
    {
        object? node = step.Op switch
        {
            null => LearnerCodeException.Invoke(_constructor!.Value.Constructor, null, WithFirst(_constructor.Value.Arguments, step.Number)),
            ValorOps.Add => LearnerCodeException.Invoke(_add!, null, [nodes[step.Left], nodes[step.Right]]),
            ValorOps.Mul => LearnerCodeException.Invoke(_mul!, null, [nodes[step.Left], nodes[step.Right]]),
            ValorOps.Tanh => LearnerCodeException.Invoke(_tanh!, nodes[step.Left], []),
            ValorOps.Exp => LearnerCodeException.Invoke(_exp!, nodes[step.Left], []),
            ValorOps.Pow => LearnerCodeException.Invoke(_pow!, nodes[step.Left], [Exponent(step.Number)]),
            _ => throw new InvalidOperationException($"No single operation {step.Op}."),
        };
        return node ?? throw new LearnerCodeException(new NullReferenceException($"{step.ToCode([], Name)} gave null."));
    }

    /// <summary>A node's <c>Data</c>.</summary>
    public double Data(object node) => _data!.Get(node);

    /// <summary>A node's <c>Grad</c>.</summary>
    public double Grad(object node) => _grad!.Get(node);

    /// <summary>Calls the learner's <c>Backward()</c> on <paramref name="root"/>.</summary>
    public void Backward(object root) => LearnerCodeException.Invoke(_backward!, root, []);

    private MethodInfo? Operator(string name) =>
        _type.GetMethods(LearnerTypes.Static).FirstOrDefault(m => m.Name == name && m.GetParameters() is [var a, var b] &&
            a.ParameterType.IsAssignableFrom(_type) && b.ParameterType.IsAssignableFrom(_type));

    private object? Exponent(double number)
    {
        LearnerTypes.Convertible(number, _pow!.GetParameters()[0].ParameterType, out object? converted);
        return converted;
    }

    private object?[] WithFirst(object?[] arguments, double first)
    {
        var copy = (object?[])arguments.Clone();
        LearnerTypes.Convertible(first, _constructor!.Value.Constructor.GetParameters()[0].ParameterType, out copy[0]);
        return copy;
    }
}
