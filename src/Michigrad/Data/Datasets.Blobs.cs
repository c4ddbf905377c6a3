namespace Michigrad.Data;

public static partial class Datasets
{
    /// <summary>Isotropic Gaussian clusters, one per class, as scikit-learn's <c>make_blobs</c> in two dimensions.</summary>
    /// <param name="n">The number of points, at least 1.</param>
    /// <param name="classes">The number of clusters (classes), at least 2.</param>
    /// <param name="std">The standard deviation of each cluster along each axis; finite, at least 0.</param>
    /// <param name="seed">Seeds the centres, the shuffle and the spread.</param>
    /// <returns>Two features (x, y) and <paramref name="classes"/> classes; class <c>c</c> is cluster <c>c</c>.</returns>
    /// <remarks>
    /// <para>The centres are drawn first, uniform in the box <c>[−10, 10]²</c> (scikit-learn's default
    /// <c>center_box</c>), so they are fixed by the seed. The points are split as evenly as possible, the first
    /// <c>n mod classes</c> clusters getting one more; each is its centre plus N(0, std²) on each axis, drawn after
    /// the shuffle.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="n"/>, <paramref name="classes"/> or <paramref name="std"/> is out of range.
    /// </exception>
    public static Dataset Blobs(int n, int classes, double std, int seed)
    {
        Guard.Positive(n, nameof(n));
        Guard.AtLeastTwoClasses(classes, nameof(classes));
        Guard.NonNegativeFinite(std, nameof(std));
        var random = new Random(seed);
        var centres = new double[classes][];
        for (int c = 0; c < classes; c++)
            centres[c] = [-10 + 20 * random.NextDouble(), -10 + 20 * random.NextDouble()];
        var points = new double[n][];
        var labels = new int[n];
        int row = 0;
        for (int c = 0; c < classes; c++)
        {
            for (int k = ShareOf(n, classes, c); k > 0; k--, row++)
            {
                points[row] = (double[])centres[c].Clone();
                labels[row] = c;
            }
        }
        return Finish(points, labels, classes, noise: std, new Gaussian(random));
    }
}
