namespace Michigrad.NN;

/// <summary>
/// PyTorch's <c>nn.Sequential</c>: a chain of modules, each fed the previous one's output. The seed's
/// <c>Model([Linear(2, 4), Linear(4, 4, bias=False), Linear(4, 3), Tanh(3)])</c> is
/// <c>new Sequential(new Linear(2, 4), new Linear(4, 4, bias: false), new Linear(4, 3), new Tanh(3))</c>.
/// </summary>
/// <remarks>
/// <para>The constructor checks that each module's output width matches the next module's input width wherever
/// both are known, looking through activations built without a width (they keep the width they receive).</para>
/// <para>Parameters are named after the child's index: <c>0.weight[2,1]</c>, <c>2.bias[0]</c>.</para>
/// <para>Layers built without a seed each get their own weights (see <see cref="Initialization"/>); layers built with
/// the same seed start identical.</para>
/// <para>A module with parameters may appear once: tied weights (one layer used twice) would be saved as two layers
/// and stepped twice by an optimizer, so the constructor refuses them. A parameterless module (an activation) may be
/// reused freely.</para>
/// </remarks>
public sealed class Sequential : Module
{
    private readonly Module[] _modules;
    private readonly int? _inputSize;
    private readonly int? _outputSize;

    /// <summary>Chains the modules in the given order.</summary>
    /// <param name="modules">The modules; an empty chain returns its input unchanged, as in PyTorch.</param>
    /// <exception cref="ArgumentNullException"><paramref name="modules"/> or one of its elements is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two modules' widths do not match (the message names both and their widths),
    /// or a module with parameters appears twice, directly or inside two children (tied weights are not supported).</exception>
    public Sequential(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        for (int i = 0; i < modules.Length; i++)
            if (modules[i] is null)
                throw new ArgumentNullException(nameof(modules), $"modules[{i}] is null.");
        _modules = (Module[])modules.Clone();

        CheckNoSharedParameters(_modules);
        CheckWidths(_modules);
        _inputSize = FirstKnownWidth(_modules);
        _outputSize = LastKnownWidth(_modules);
    }

    /// <summary>The number of modules in the chain.</summary>
    public int Count => _modules.Length;

    /// <summary>The module at <paramref name="index"/> (0 is the first one applied).</summary>
    /// <param name="index">The position in the chain.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public Module this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_modules.Length)
                throw new ArgumentOutOfRangeException(nameof(index), index,
                    $"index must be in [0, {_modules.Length}), got {index}.");
            return _modules[index];
        }
    }

    /// <inheritdoc/>
    public override int? InputSize => _inputSize;

    /// <inheritdoc/>
    public override int? OutputSize => _outputSize;

    /// <inheritdoc/>
    public override IReadOnlyList<Value> Forward(IReadOnlyList<Value> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_inputSize is int width) CheckInputWidth(input, width);
        IReadOnlyList<Value> x = input;
        foreach (Module module in _modules) x = module.Forward(x);
        return x;
    }

    /// <inheritdoc/>
    public override IEnumerable<Value> Parameters() => ParametersOf(_modules);

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Value Parameter)> NamedParameters() =>
        NamedParametersOf(_modules, "");

    /// <inheritdoc/>
    public override string ToString() => $"Sequential({string.Join<Module>(", ", _modules)})";

    private static void CheckNoSharedParameters(Module[] modules)
    {
        var owner = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < modules.Length; i++)
        {
            foreach (Value parameter in modules[i].Parameters())
            {
                if (owner.TryAdd(parameter, i)) continue;
                int first = owner[parameter];
                string what = first == i
                    ? $"module {i} ({modules[i]}) holds the same parameter twice"
                    : ReferenceEquals(modules[first], modules[i])
                        ? $"module {i} is the same {modules[i]} object as module {first}"
                        : $"module {i} ({modules[i]}) shares parameters with module {first} ({modules[first]})";
                throw new ArgumentException(
                    $"Sequential: {what}. Tied weights are not supported: the model would be saved with two copies and an " +
                    "optimizer would step the shared parameters twice. Build a separate module for each place.", nameof(modules));
            }
        }
    }

    private static void CheckWidths(Module[] modules)
    {
        // The width flowing out of the last module that fixed it, and that module; activations without a width
        // pass it through, any other module of unknown output width loses it.
        int? width = null;
        int source = -1;
        for (int i = 0; i < modules.Length; i++)
        {
            Module module = modules[i];
            if (width is int have && module.InputSize is int need && have != need)
                throw new ArgumentException(
                    $"Sequential: module {source} ({modules[source]}) outputs {have} values but module {i} ({module}) expects {need}.",
                    nameof(modules));
            if (module.OutputSize is int output)
            {
                width = output;
                source = i;
            }
            else if (module is not ElementwiseActivation)
            {
                width = null;
            }
        }
    }

    private static int? FirstKnownWidth(Module[] modules)
    {
        foreach (Module module in modules)
        {
            if (module.InputSize is int width) return width;
            if (module is not ElementwiseActivation) return null;
        }
        return null;
    }

    private static int? LastKnownWidth(Module[] modules)
    {
        for (int i = modules.Length - 1; i >= 0; i--)
        {
            if (modules[i].OutputSize is int width) return width;
            if (modules[i] is not ElementwiseActivation) return null;
        }
        return null;
    }
}
