namespace Michigrad.Data;

public static partial class Datasets
{
    /// <summary>The generators <see cref="Generate"/> knows by name, in the order a menu lists them.</summary>
    public static IReadOnlyList<string> GeneratorNames { get; } = ["moons", "circles", "xor", "blobs", "spiral"];

    /// <summary>Whether <paramref name="name"/> names a generator of <see cref="GeneratorNames"/> (any case).</summary>
    /// <param name="name">A dataset name.</param>
    /// <returns><see langword="true"/> for a generator's name.</returns>
    public static bool IsGenerator(string name) =>
        name is not null && GeneratorNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The noise a generator uses when none is given: 0.05 for circles (whose rings are 0.2 apart), the
    /// standard deviation 0.5 of each cluster for blobs, 0.1 for the others.</summary>
    /// <param name="generator">A name of <see cref="GeneratorNames"/>, in any case.</param>
    /// <returns>The default noise.</returns>
    /// <exception cref="ArgumentException"><paramref name="generator"/> is not a generator's name.</exception>
    public static double DefaultNoise(string generator) => CheckGenerator(generator) switch
    {
        "circles" => 0.05,
        "blobs" => 0.5,
        _ => 0.1,
    };

    /// <summary>Generates the dataset a name stands for: <see cref="Moons"/>, <see cref="Circles"/>, <see cref="Xor"/>,
    /// <see cref="Blobs"/> or <see cref="Spiral"/>.</summary>
    /// <param name="generator">A name of <see cref="GeneratorNames"/>, in any case.</param>
    /// <param name="n">The number of points.</param>
    /// <param name="seed">The seed of the generator.</param>
    /// <param name="noise">The noise (for blobs, the spread of each cluster); <see cref="DefaultNoise"/> when
    /// <see langword="null"/>.</param>
    /// <param name="classes">The number of classes of blobs and spiral; the other generators always have 2.</param>
    /// <returns>The generated rows.</returns>
    /// <exception cref="ArgumentException"><paramref name="generator"/> is not a generator's name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the noise is out of the generator's range.</exception>
    public static Dataset Generate(string generator, int n, int seed, double? noise = null, int classes = 3)
    {
        string name = CheckGenerator(generator);
        double spread = noise ?? DefaultNoise(name);
        return name switch
        {
            "moons" => Moons(n, spread, seed),
            "circles" => Circles(n, spread, seed),
            "xor" => Xor(n, spread, seed),
            "blobs" => Blobs(n, classes, spread, seed),
            _ => Spiral(n, classes, spread, seed),
        };
    }

    private static string CheckGenerator(string generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!IsGenerator(generator))
            throw new ArgumentException(
                $"Unknown dataset '{generator}': the generators are {string.Join(", ", GeneratorNames)}.", nameof(generator));
        return generator.ToLowerInvariant();
    }
}
