using System.Reflection;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// A module the learner wrote, driven by reflection: a <c>Forward</c> method taking the inputs as an array or list of
/// <see cref="Value"/> and returning one value or a list of them, and a <c>Parameters()</c> method listing the
/// values it learns, in the order Michigrad's module of the same kind lists them.
/// </summary>
public sealed class LearnerModule
{
    private readonly Func<Value[], Value[]> _forward;
    private readonly Func<Value[]> _parameters;

    private LearnerModule(IReadOnlyList<string> parts, Func<Value[], Value[]> forward, Func<Value[]> parameters)
    {
        Parts = parts;
        _forward = forward;
        _parameters = parameters;
    }

    /// <summary>How the module was made, as C# (<c>new Neuron(3, bias: false)</c>); a chain has one per module.</summary>
    public IReadOnlyList<string> Parts { get; }

    /// <summary>C# that makes the module and runs it on <c>x</c> into <c>y</c>, for a report.</summary>
    public string Code() => Parts.Count == 1
        ? $"var model = {Parts[0]};\nvar y = model.Forward(x);"
        : string.Concat(Parts.Select((p, i) => $"var m{i + 1} = {p};\n")) +
          "var y = " + Enumerable.Range(1, Parts.Count).Aggregate("x", (x, i) => $"m{i}.Forward({x})") + ";";

    /// <summary>Runs the learner's <c>Forward</c>.</summary>
    /// <exception cref="LearnerCodeException">The learner's code threw.</exception>
    public Value[] Forward(Value[] input) => _forward(input);

    /// <summary>Calls the learner's <c>Parameters()</c>.</summary>
    /// <exception cref="LearnerCodeException">The learner's code threw.</exception>
    public Value[] Parameters() => _parameters();

    /// <summary>Makes the learner's class <paramref name="className"/> with <paramref name="arguments"/>.</summary>
    /// <param name="compiled">The learner's compiled code.</param>
    /// <param name="className">The class, as the lesson names it.</param>
    /// <param name="signature">The constructor the lesson asks for, as C#, to name if it is missing.</param>
    /// <param name="display">How the module is made, as C#.</param>
    /// <param name="arguments">The constructor's leading arguments.</param>
    /// <exception cref="MissingPartException">The class, the constructor, <c>Forward</c> or <c>Parameters()</c> is missing.</exception>
    public static LearnerModule Create(Assembly compiled, string className, string signature, string display, params object[] arguments)
    {
        Type type = LearnerTypes.Find(compiled, className);
        var constructor = LearnerTypes.Constructor(type, arguments) ?? throw new MissingPartException(signature);
        object instance = LearnerCodeException.Invoke(constructor.Constructor, null, constructor.Arguments)!;
        return Wrap(instance, display);
    }

    /// <summary>Wraps an object of the learner's (a model the code returned).</summary>
    /// <exception cref="MissingPartException">It has no <c>Forward</c> or no <c>Parameters()</c>.</exception>
    public static LearnerModule Wrap(object instance, string display)
    {
        Type type = instance.GetType();
        MethodInfo forward = type.GetMethods(LearnerTypes.Instance).FirstOrDefault(m =>
                m.Name == "Forward" && m.GetParameters() is [var p] && Argument(p.ParameterType, []) is not null)
            ?? throw new MissingPartException($"{type.Name}: IReadOnlyList<Value> Forward(IReadOnlyList<Value> x)");
        MethodInfo parameters = LearnerTypes.Method(type, "Parameters", 0) is { } m && typeof(IEnumerable<Value>).IsAssignableFrom(m.ReturnType)
            ? m : throw new MissingPartException($"{type.Name}: IEnumerable<Value> Parameters()");
        Type input = forward.GetParameters()[0].ParameterType;
        return new LearnerModule([display],
            x => Values(LearnerCodeException.Invoke(forward, instance, [Argument(input, x)]), $"{type.Name}.Forward"),
            () => Values(LearnerCodeException.Invoke(parameters, instance, []), $"{type.Name}.Parameters()"));
    }

    /// <summary>The modules one after the other, as a list of modules runs them.</summary>
    public static LearnerModule Chain(params LearnerModule[] modules) => new(
        [.. modules.SelectMany(m => m.Parts)],
        x => modules.Aggregate(x, (input, module) => module.Forward(input)),
        () => [.. modules.SelectMany(m => m.Parameters())]);

    /// <summary>The inputs as the learner's <c>Forward</c> takes them: the array, or a list.</summary>
    private static object? Argument(Type parameter, Value[] input) =>
        parameter.IsAssignableFrom(typeof(Value[])) ? input
        : parameter.IsAssignableFrom(typeof(List<Value>)) ? new List<Value>(input)
        : null;

    private static Value[] Values(object? returned, string what) => returned switch
    {
        Value one => [one],
        IEnumerable<Value> many => [.. many],
        _ => throw new LearnerCodeException(new InvalidCastException($"{what} returned {returned?.GetType().Name ?? "null"}, not Value values.")),
    };
}
