namespace Michigrad.Data;

public static partial class Datasets
{
    /// <summary>Interleaved spiral arms, one per class, as in Stanford CS231n's "neural network case study".</summary>
    /// <param name="n">The number of points, at least 1.</param>
    /// <param name="classes">The number of arms (classes), at least 2.</param>
    /// <param name="noise">
    /// The standard deviation of the Gaussian noise added to each point's angle, in radians (CS231n uses 0.2); finite,
    /// at least 0.
    /// </param>
    /// <param name="seed">Seeds the noise and the shuffle.</param>
    /// <returns>Two features (x, y) and <paramref name="classes"/> classes; class <c>j</c> is arm <c>j</c>.</returns>
    /// <remarks>
    /// <para>Arm <c>j</c> has <c>m</c> points (split as evenly as possible, the first arms getting one more) with radius
    /// <c>r</c> evenly spaced over <c>[0, 1]</c> and angle <c>t = 4j + 4r + noise·N(0, 1)</c>, that is
    /// <c>linspace(4j, 4(j+1), m)</c> plus noise; the point is <c>(r·sin t, r·cos t)</c>. The noise moves points along
    /// their circle, not off it.</para>
    /// <para>The noise is drawn arm by arm, then the rows are shuffled.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="n"/>, <paramref name="classes"/> or <paramref name="noise"/> is out of range.
    /// </exception>
    public static Dataset Spiral(int n, int classes, double noise, int seed)
    {
        Guard.Positive(n, nameof(n));
        Guard.AtLeastTwoClasses(classes, nameof(classes));
        Guard.NonNegativeFinite(noise, nameof(noise));
        var gaussian = new Gaussian(new Random(seed));
        var points = new double[n][];
        var labels = new int[n];
        int row = 0;
        for (int j = 0; j < classes; j++)
        {
            int m = ShareOf(n, classes, j);
            double[] radii = Linspace(0, 1, m);
            double[] angles = Linspace(4 * j, 4 * (j + 1), m);
            for (int i = 0; i < m; i++, row++)
            {
                double t = noise > 0 ? angles[i] + noise * gaussian.Next() : angles[i];
                points[row] = [radii[i] * Math.Sin(t), radii[i] * Math.Cos(t)];
                labels[row] = j;
            }
        }
        return Finish(points, labels, classes, noise: 0, gaussian);
    }
}
