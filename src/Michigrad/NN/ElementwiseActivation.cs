namespace Michigrad.NN;

/// <summary>
/// A module that applies one function to each input value on its own, such as <see cref="Tanh"/>: it has no
/// parameters and returns as many values as it receives.
/// </summary>
/// <remarks>
/// Built with a width, as the seed's <c>Tanh(3)</c>, it checks that every input has that width and lets
/// <see cref="Sequential"/> check its neighbours; built without one, it accepts any width and <see cref="Sequential"/>
/// checks the modules on either side of it against each other.
/// </remarks>
public abstract class ElementwiseActivation : Module
{
    /// <summary>Sets the expected width, if any.</summary>
    /// <param name="width">The number of values each input must hold, or <see langword="null"/> for any number.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is less than 1.</exception>
    protected ElementwiseActivation(int? width)
    {
        if (width is int w) CheckSize(w, nameof(width));
        Width = width;
    }

    /// <summary>The number of values each input must hold, or <see langword="null"/> when any number is accepted.</summary>
    public int? Width { get; }

    /// <inheritdoc/>
    public override int? InputSize => Width;

    /// <inheritdoc/>
    public override int? OutputSize => Width;

    /// <summary>Applies the function to each input value.</summary>
    /// <inheritdoc/>
    public override IReadOnlyList<Value> Forward(IReadOnlyList<Value> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Width is int width) CheckInputWidth(input, width);
        var output = new Value[input.Count];
        for (int i = 0; i < output.Length; i++) output[i] = Apply(input[i]);
        return output;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}({Width})";

    /// <summary>The function applied to each value.</summary>
    /// <param name="x">One input value.</param>
    /// <returns>The corresponding output value.</returns>
    protected abstract Value Apply(Value x);
}
