using System.Reflection;
using Michigrad.NN;
using Module = Michigrad.NN.Module;
using Michigrad.Playground.Graphs;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// The names of the parameters of the models a snippet made, so that its graphs cross to the page with every weight
/// named (<c>L0.N2.w[1]</c>) rather than as bare numbers. The models are the script's top-level variables that hold a
/// <see cref="Module"/>; each parameter gets its short name (<see cref="ParameterNames.Short"/>) from
/// <see cref="Module.NamedParameters"/>.
/// </summary>
public static class ModelParameterNames
{
    /// <summary>Each parameter of the modules held by <paramref name="script"/>'s fields, by its short name. When two
    /// variables hold the same parameter (a model and one of its layers), the longer name, the container's, wins: it
    /// says where the parameter sits in the whole model.</summary>
    public static Dictionary<Value, string> Of(object? script)
    {
        var names = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        if (script is null) return names;
        foreach (FieldInfo field in script.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            if (field.GetValue(script) is Module model) Add(names, model);
        return names;
    }

    /// <summary>Adds <paramref name="model"/>'s parameters to <paramref name="names"/>.</summary>
    public static void Add(Dictionary<Value, string> names, Module model)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(model);
        foreach ((string name, Value parameter) in model.NamedParameters())
        {
            string shortName = ParameterNames.Short(name);
            if (!names.TryGetValue(parameter, out string? known) || known.Length < shortName.Length) names[parameter] = shortName;
        }
    }
}
