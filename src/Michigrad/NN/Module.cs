namespace Michigrad.NN;

/// <summary>
/// A piece of a model: it maps a list of values to a list of values and owns the parameters it learns. Modules
/// nest: a container such as <see cref="Sequential"/> forwards through its children and reports their parameters
/// under a prefix, as PyTorch's <c>nn.Module</c> does.
/// </summary>
/// <remarks>
/// <para>Initialisation is deterministic. Every module that has parameters takes a seed or a <see cref="Random"/>;
/// without one it seeds its generator from the process-wide one (<see cref="Initialization"/>, seeded with
/// <see cref="DefaultSeed"/>; <see cref="Initialization.ManualSeed"/> as <c>torch.manual_seed</c>), so every module
/// gets its own weights and a program builds the same model on every run.</para>
/// <para>Two modules of the same shape built with the same seed have the same weights.</para>
/// </remarks>
public abstract class Module
{
    /// <summary>The seed of the process-wide generator (<see cref="Initialization"/>) at start-up: 0.</summary>
    public const int DefaultSeed = 0;

    /// <summary>How many values <see cref="Forward(IReadOnlyList{Value})"/> expects, or <see langword="null"/>
    /// when the module accepts any width (an activation built without a width).</summary>
    public abstract int? InputSize { get; }

    /// <summary>How many values <see cref="Forward(IReadOnlyList{Value})"/> returns, or <see langword="null"/>
    /// when that depends on the input (an activation built without a width returns as many as it receives).</summary>
    public abstract int? OutputSize { get; }

    /// <summary>How many parameters <see cref="Parameters"/> lists.</summary>
    public int ParameterCount
    {
        get
        {
            int count = 0;
            foreach (Value _ in Parameters()) count++;
            return count;
        }
    }

    /// <summary>Computes the module's outputs, building the graph that <see cref="Value.Backward"/> walks.</summary>
    /// <param name="input">The input values; their number must match <see cref="InputSize"/> when it is known.</param>
    /// <returns>A new list of output values (a list even when it holds one value).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The input width differs from <see cref="InputSize"/>.</exception>
    public abstract IReadOnlyList<Value> Forward(IReadOnlyList<Value> input);

    /// <summary>Computes the module's outputs for plain numbers, each wrapped as a leaf value.</summary>
    /// <param name="input">The input numbers.</param>
    /// <returns>A new list of output values.</returns>
    public IReadOnlyList<Value> Forward(params double[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var values = new Value[input.Length];
        for (int i = 0; i < input.Length; i++) values[i] = Value.Constant(input[i]);
        return Forward(values);
    }

    /// <summary>The values this module learns, children's included, in the order of <see cref="NamedParameters"/>.</summary>
    /// <remarks>A module with parameters overrides this as well as <see cref="NamedParameters"/>: a training loop
    /// that adds an L2 penalty lists the parameters every step, and should not format a name for each.</remarks>
    public virtual IEnumerable<Value> Parameters()
    {
        foreach ((string _, Value parameter) in NamedParameters()) yield return parameter;
    }

    /// <summary>
    /// The learned values with stable, readable names: <c>weight[2,1]</c> in a <see cref="Linear"/>,
    /// <c>0.weight[2,1]</c> for the first child of a <see cref="Sequential"/>, <c>layers.1.neurons.3.w[0]</c> in
    /// an <see cref="MLP"/>.
    /// </summary>
    /// <remarks>A module without parameters lists none (the default). A container overrides this to list each
    /// child's names after a prefix that says where the child sits, such as <c>"0."</c>.</remarks>
    public virtual IEnumerable<(string Name, Value Parameter)> NamedParameters() => [];

    /// <summary>The parameters of a container's <paramref name="children"/>, child after child.</summary>
    private protected static IEnumerable<Value> ParametersOf(IEnumerable<Module> children)
    {
        foreach (Module child in children)
            foreach (Value parameter in child.Parameters())
                yield return parameter;
    }

    /// <summary>The named parameters of a container's <paramref name="children"/>, each name after
    /// <c>{prefix}{index}.</c>, such as <c>layers.1.</c> or, with an empty prefix, <c>0.</c>.</summary>
    private protected static IEnumerable<(string Name, Value Parameter)> NamedParametersOf(
        IReadOnlyList<Module> children, string prefix)
    {
        for (int i = 0; i < children.Count; i++)
            foreach ((string name, Value parameter) in children[i].NamedParameters())
                yield return ($"{prefix}{i}.{name}", parameter);
    }

    /// <summary>Sets the gradient of every parameter to 0, as before a new backward pass.</summary>
    public void ZeroGrad()
    {
        foreach (Value parameter in Parameters()) parameter.Grad = 0;
    }

    /// <summary>Throws unless <paramref name="input"/> holds <paramref name="expected"/> values.</summary>
    /// <param name="input">The input given to <see cref="Forward(IReadOnlyList{Value})"/>.</param>
    /// <param name="expected">The width this module expects.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The width differs; the message names the module and both widths.</exception>
    protected void CheckInputWidth(IReadOnlyList<Value> input, int expected)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Count != expected)
            throw new ArgumentException(
                $"{this} expects {expected} input values but got {input.Count}.", nameof(input));
    }

    /// <summary>A draw from U(-bound, bound), the initialisation both micrograd and PyTorch use.</summary>
    internal static double Uniform(Random random, double bound) => (random.NextDouble() * 2 - 1) * bound;

    /// <summary>Throws unless <paramref name="init"/> is a defined <see cref="WeightInit"/>.</summary>
    internal static void CheckInit(WeightInit init)
    {
        if (!Enum.IsDefined(init))
            throw new ArgumentOutOfRangeException(nameof(init), init, $"Unknown initialisation {init}.");
    }

    /// <summary>Throws unless a width is at least 1.</summary>
    internal static void CheckSize(int size, string paramName)
    {
        if (size < 1)
            throw new ArgumentOutOfRangeException(paramName, size, $"{paramName} must be at least 1, got {size}.");
    }
}
