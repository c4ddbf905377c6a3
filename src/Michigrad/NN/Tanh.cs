namespace Michigrad.NN;

/// <summary>Applies the hyperbolic tangent to each input value, as PyTorch's <c>nn.Tanh</c>.</summary>
/// <remarks><c>tanh(x) = (e^x - e^-x) / (e^x + e^-x)</c>, with derivative <c>1 - tanh²(x)</c>; computed stably, so
/// <c>tanh(1000)</c> is 1 with gradient 0. NaN stays NaN.</remarks>
public sealed class Tanh : ElementwiseActivation
{
    /// <summary>Creates the module.</summary>
    /// <param name="width">The number of values each input must hold (as the seed's <c>Tanh(3)</c>), or
    /// <see langword="null"/> to accept any number.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is less than 1.</exception>
    public Tanh(int? width = null)
        : base(width)
    {
    }

    /// <inheritdoc/>
    protected override Value Apply(Value x) => x.Tanh();
}
