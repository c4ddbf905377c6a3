namespace Michigrad.NN;

/// <summary>Applies the logistic function to each input value, as PyTorch's <c>nn.Sigmoid</c>.</summary>
/// <remarks><c>σ(x) = 1 / (1 + e^-x)</c>, with derivative <c>σ(x)·(1 - σ(x))</c>; computed stably, so <c>σ(-1000)</c> is 0,
/// not NaN. NaN stays NaN.</remarks>
public sealed class Sigmoid : ElementwiseActivation
{
    /// <summary>Creates the module.</summary>
    /// <param name="width">The number of values each input must hold (as the seed's <c>Tanh(3)</c>), or
    /// <see langword="null"/> to accept any number.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is less than 1.</exception>
    public Sigmoid(int? width = null)
        : base(width)
    {
    }

    /// <inheritdoc/>
    protected override Value Apply(Value x) => x.Sigmoid();
}
