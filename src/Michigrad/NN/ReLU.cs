namespace Michigrad.NN;

/// <summary>Applies the rectifier <c>max(0, x)</c> to each input value, as PyTorch's <c>nn.ReLU</c>.</summary>
/// <remarks>The derivative is 1 where the output is positive and 0 elsewhere, 0 at <c>x = 0</c> included, as in PyTorch.
/// NaN stays NaN.</remarks>
public sealed class ReLU : ElementwiseActivation
{
    /// <summary>Creates the module.</summary>
    /// <param name="width">The number of values each input must hold (as the seed's <c>Tanh(3)</c>), or
    /// <see langword="null"/> to accept any number.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is less than 1.</exception>
    public ReLU(int? width = null)
        : base(width)
    {
    }

    /// <inheritdoc/>
    protected override Value Apply(Value x) => x.Relu();
}
