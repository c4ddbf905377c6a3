namespace Michigrad.Data;

public static partial class Datasets
{
    /// <summary>Points in the four quadrants, labelled by whether x and y have different signs: the XOR problem.</summary>
    /// <param name="n">The number of points, at least 1.</param>
    /// <param name="noise">The standard deviation of the Gaussian noise added to each coordinate; finite, at least 0.</param>
    /// <param name="seed">Seeds the points, the shuffle and the noise.</param>
    /// <returns>Two features (x, y) and two classes: 0 where <c>sign(x) = sign(y)</c>, 1 where they differ.</returns>
    /// <remarks>
    /// <para>Point <c>i</c> goes to quadrant <c>i mod 4</c> (in the order ++, +−, −−, −+), with both coordinates'
    /// magnitudes uniform in <c>(0, 1]</c>, so neither is ever zero and the classes differ in size by at most one.
    /// The label is taken from the clean point: noise may carry a point across an axis, which blurs the boundary.</para>
    /// <para>The rows are shuffled, then the noise is added.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="noise"/> is out of range.</exception>
    public static Dataset Xor(int n, double noise, int seed)
    {
        Guard.Positive(n, nameof(n));
        Guard.NonNegativeFinite(noise, nameof(noise));
        ReadOnlySpan<(int X, int Y)> quadrants = [(1, 1), (1, -1), (-1, -1), (-1, 1)];
        var random = new Random(seed);
        var points = new double[n][];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            (int sx, int sy) = quadrants[i % 4];
            double x = sx * (1.0 - random.NextDouble());   // (0, 1]: a point never sits on an axis
            double y = sy * (1.0 - random.NextDouble());
            points[i] = [x, y];
            labels[i] = sx != sy ? 1 : 0;
        }
        return Finish(points, labels, classCount: 2, noise, new Gaussian(random));
    }
}
