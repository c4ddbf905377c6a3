namespace Michigrad.Data;

/// <summary>
/// Seeded generators of small two-dimensional classification problems: <see cref="Moons"/>, <see cref="Circles"/>,
/// <see cref="Xor"/>, <see cref="Blobs"/> and <see cref="Spiral"/>.
/// </summary>
/// <remarks>
/// <para>Every generator draws from one <c>new Random(seed)</c>: the same arguments give the same dataset on every
/// run (the uniforms are the same on every platform; Gaussian noise goes through <c>Math.Log</c>, <c>Cos</c> and
/// <c>Sin</c>, which may differ in the last bit between platforms). Gaussian noise uses the Box–Muller transform.</para>
/// <para>The rows come shuffled, so the first rows of a dataset are a fair sample of it. The features are named
/// <c>"x"</c> and <c>"y"</c>.</para>
/// </remarks>
public static partial class Datasets
{
    private static readonly string[] s_featureNames = ["x", "y"];

    /// <summary>
    /// <c>num</c> evenly spaced numbers from <paramref name="start"/> to <paramref name="stop"/>, as numpy's
    /// <c>linspace</c>: <c>start + i·step</c>, with the last one exactly <paramref name="stop"/> when it is included.
    /// </summary>
    private static double[] Linspace(double start, double stop, int num, bool endpoint = true)
    {
        var values = new double[num];
        int div = endpoint ? num - 1 : num;
        if (div <= 0)
        {
            if (num == 1) values[0] = start;
            return values;
        }
        double step = (stop - start) / div;
        for (int i = 0; i < num; i++) values[i] = start + i * step;
        if (endpoint) values[num - 1] = stop;
        return values;
    }

    /// <summary>
    /// Shuffles the rows (one permutation for points and labels), then adds N(0, noise²) to every coordinate, row by
    /// row and x before y. This is scikit-learn's order: shuffle first, noise second.
    /// </summary>
    private static Dataset Finish(double[][] points, int[] labels, int classCount, double noise, Gaussian gaussian)
    {
        int[] order = Permutation.Shuffled(points.Length, gaussian.Random);
        var shuffledPoints = new double[points.Length][];
        var shuffledLabels = new int[points.Length];
        for (int i = 0; i < order.Length; i++)
        {
            shuffledPoints[i] = points[order[i]];
            shuffledLabels[i] = labels[order[i]];
        }
        if (noise > 0)   // with no noise, draw nothing: the points stay exact
        {
            foreach (double[] point in shuffledPoints)
            {
                for (int j = 0; j < point.Length; j++) point[j] += noise * gaussian.Next();
            }
        }
        return new Dataset(shuffledPoints, shuffledLabels, classCount, s_featureNames);
    }

    /// <summary>How many of <paramref name="n"/> points class <paramref name="c"/> of <paramref name="classes"/> gets:
    /// as even as possible, the first <c>n mod classes</c> classes getting one more.</summary>
    private static int ShareOf(int n, int classes, int c) => n / classes + (c < n % classes ? 1 : 0);
}
