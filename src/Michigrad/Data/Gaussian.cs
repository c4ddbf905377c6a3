namespace Michigrad.Data;

/// <summary>Standard normal draws from a seeded <see cref="Random"/>, by the Box–Muller transform.</summary>
/// <remarks>
/// <para>Two uniforms <c>u1 ∈ (0, 1]</c> and <c>u2 ∈ [0, 1)</c> give two independent normals
/// <c>√(−2 ln u1)·cos(2π u2)</c> and <c>√(−2 ln u1)·sin(2π u2)</c>; the second is kept for the next call.</para>
/// <para><c>new Random(seed)</c> yields the same uniforms on every run and platform, so the normals are the same
/// up to the last bit of the platform's <c>Log</c>, <c>Cos</c> and <c>Sin</c>.</para>
/// </remarks>
internal sealed class Gaussian(Random random)
{
    private double _spare;
    private bool _hasSpare;

    /// <summary>The uniform source, shared with the caller so that one seed drives a whole generator.</summary>
    internal Random Random { get; } = random;

    /// <summary>A draw from N(0, 1).</summary>
    internal double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u1 = 1.0 - Random.NextDouble();   // (0, 1]: ln(0) would be -∞
        double u2 = Random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spare = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }
}
