namespace Michigrad.Data;

public static partial class Datasets
{
    /// <summary>Two interleaving half circles, as scikit-learn's <c>make_moons</c>: micrograd's demo dataset.</summary>
    /// <param name="n">The number of points, at least 1.</param>
    /// <param name="noise">The standard deviation of the Gaussian noise added to each coordinate; finite, at least 0.</param>
    /// <param name="seed">Seeds the shuffle and the noise.</param>
    /// <returns>Two features (x, y) and two classes: 0 for the outer moon, 1 for the inner one.</returns>
    /// <remarks>
    /// <para>The outer moon has <c>n_out = ⌊n/2⌋</c> points <c>(cos t, sin t)</c> and the inner moon
    /// <c>n_in = n − n_out</c> points <c>(1 − cos t, 1 − sin t − 0.5)</c>, for <c>t</c> evenly spaced over
    /// <c>[0, π]</c> (numpy's <c>linspace</c>). So without noise, outer points lie on <c>x² + y² = 1</c> and inner points on
    /// <c>(x − 1)² + (y − 0.5)² = 1</c>.</para>
    /// <para>The rows are shuffled, then the noise is added (scikit-learn's order). The geometry is scikit-learn's; the
    /// random numbers are not, since the generators differ.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="noise"/> is out of range.</exception>
    public static Dataset Moons(int n, double noise, int seed)
    {
        Guard.Positive(n, nameof(n));
        Guard.NonNegativeFinite(noise, nameof(noise));
        int outer = n / 2;
        int inner = n - outer;
        var points = new double[n][];
        var labels = new int[n];
        double[] tOut = Linspace(0, Math.PI, outer);
        double[] tIn = Linspace(0, Math.PI, inner);
        for (int i = 0; i < outer; i++)
            points[i] = [Math.Cos(tOut[i]), Math.Sin(tOut[i])];
        for (int i = 0; i < inner; i++)
        {
            points[outer + i] = [1 - Math.Cos(tIn[i]), 1 - Math.Sin(tIn[i]) - 0.5];
            labels[outer + i] = 1;
        }
        return Finish(points, labels, classCount: 2, noise, new Gaussian(new Random(seed)));
    }
}
