using System.Reflection;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>Finds the learner's classes and members by name, the way the lessons' text spells them. Names are
/// matched without regard to case, so <c>data</c> (as in the notebook) and <c>Data</c> both work.</summary>
internal static class LearnerTypes
{
    internal const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    internal const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.FlattenHierarchy;

    /// <summary>The class named <paramref name="name"/> declared in the learner's code (a script nests it in its
    /// submission class).</summary>
    /// <exception cref="MissingPartException">There is none.</exception>
    public static Type Find(Assembly compiled, string name)
    {
        Type[] types;
        try { types = compiled.GetTypes(); }
        catch (ReflectionTypeLoadException e) { types = [.. e.Types.OfType<Type>()]; }
        return types.FirstOrDefault(t => t.Name == name && !t.IsGenericTypeDefinition)
            ?? throw new MissingPartException($"class {name}");
    }

    /// <summary>A constructor whose leading parameters take <paramref name="leading"/> (converted between
    /// <c>int</c>, <c>float</c> and <c>double</c> where no digits are lost) and whose other parameters are optional
    /// or a <c>params</c> array, with the arguments to call it; null when there is none.</summary>
    public static (ConstructorInfo Constructor, object?[] Arguments)? Constructor(Type type, params object[] leading)
    {
        foreach (ConstructorInfo constructor in type.GetConstructors(Instance))
        {
            ParameterInfo[] parameters = constructor.GetParameters();
            if (parameters.Length < leading.Length) continue;
            var arguments = new object?[parameters.Length];
            bool fits = true;
            for (int i = 0; i < parameters.Length && fits; i++)
            {
                if (i < leading.Length)
                {
                    fits = Convertible(leading[i], parameters[i].ParameterType, out arguments[i]);
                }
                else if (parameters[i].IsDefined(typeof(ParamArrayAttribute)))
                    arguments[i] = Array.CreateInstance(parameters[i].ParameterType.GetElementType()!, 0);
                else if (parameters[i].HasDefaultValue)
                    arguments[i] = parameters[i].DefaultValue;
                else fits = false;
            }
            if (fits) return (constructor, arguments);
        }
        return null;
    }

    /// <summary>The instance method <paramref name="name"/> with <paramref name="parameterCount"/> parameters.</summary>
    public static MethodInfo? Method(Type type, string name, int parameterCount) =>
        type.GetMethods(Instance).FirstOrDefault(m =>
            string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase) && m.GetParameters().Length == parameterCount);

    /// <summary>A readable and writable number: a <c>double</c> field or property called <paramref name="name"/>.</summary>
    public static NumberMember? Number(Type type, string name)
    {
        if (type.GetFields(Instance).FirstOrDefault(f => Named(f, name) && f.FieldType == typeof(double)) is { } field)
            return new NumberMember(field.GetValue, field.SetValue);
        if (type.GetProperties(Instance).FirstOrDefault(p => Named(p, name) && p.PropertyType == typeof(double) && p.CanRead) is { } property)
            return new NumberMember(property.GetValue, property.CanWrite ? property.SetValue : null);
        return null;
    }

    private static bool Named(MemberInfo member, string name) => string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Converts a number to a parameter's type (double, float or int).</summary>
    public static bool Convertible(object value, Type target, out object? converted)
    {
        converted = null;
        if (target.IsInstanceOfType(value)) { converted = value; return true; }
        if (value is not (int or double)) return false;
        double number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        if (target == typeof(double)) converted = number;
        else if (target == typeof(float)) converted = (float)number;
        else if (target == typeof(int) && number == Math.Round(number)) converted = (int)number;
        else return false;
        return true;
    }
}

/// <summary>A <c>double</c> field or property of the learner's class.</summary>
internal sealed class NumberMember(Func<object?, object?> get, Action<object?, object?>? set)
{
    public double Get(object target)
    {
        try { return (double)get(target)!; }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null) { throw LearnerCodeException.Unwrap(e); }
    }

    public bool CanSet => set is not null;

    public void Set(object target, double value)
    {
        try { set!(target, value); }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null) { throw LearnerCodeException.Unwrap(e); }
    }
}
