namespace Michigrad.Data;

public static partial class Datasets
{
    /// <summary>A small circle inside a large one, as scikit-learn's <c>make_circles</c>.</summary>
    /// <param name="n">The number of points, at least 1.</param>
    /// <param name="noise">The standard deviation of the Gaussian noise added to each coordinate; finite, at least 0.</param>
    /// <param name="seed">Seeds the shuffle and the noise.</param>
    /// <param name="factor">The inner circle's radius relative to the outer one's, in <c>[0, 1)</c>.</param>
    /// <returns>Two features (x, y) and two classes: 0 for the outer circle, 1 for the inner one.</returns>
    /// <remarks>
    /// <para>The outer circle has <c>n_out = ⌊n/2⌋</c> points <c>(cos t, sin t)</c> and the inner circle
    /// <c>n_in = n − n_out</c> points <c>factor·(cos t, sin t)</c>, for <c>t</c> evenly spaced over <c>[0, 2π)</c>
    /// (numpy's <c>linspace</c> without the end point).</para>
    /// <para>The rows are shuffled, then the noise is added (scikit-learn's order).</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="n"/>, <paramref name="noise"/> or <paramref name="factor"/> is out of range.
    /// </exception>
    public static Dataset Circles(int n, double noise, int seed, double factor = 0.8)
    {
        Guard.Positive(n, nameof(n));
        Guard.NonNegativeFinite(noise, nameof(noise));
        if (!(factor >= 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"factor must be in [0, 1), but was {Guard.Invariant(factor)}.");
        int outer = n / 2;
        int inner = n - outer;
        var points = new double[n][];
        var labels = new int[n];
        double[] tOut = Linspace(0, 2 * Math.PI, outer, endpoint: false);
        double[] tIn = Linspace(0, 2 * Math.PI, inner, endpoint: false);
        for (int i = 0; i < outer; i++)
            points[i] = [Math.Cos(tOut[i]), Math.Sin(tOut[i])];
        for (int i = 0; i < inner; i++)
        {
            points[outer + i] = [factor * Math.Cos(tIn[i]), factor * Math.Sin(tIn[i])];
            labels[outer + i] = 1;
        }
        return Finish(points, labels, classCount: 2, noise, new Gaussian(new Random(seed)));
    }
}
