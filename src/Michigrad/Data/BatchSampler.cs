namespace Michigrad.Data;

/// <summary>
/// Splits the row indices <c>0 .. Count-1</c> into shuffled mini-batches, with a fresh shuffle every epoch, like
/// PyTorch's <c>DataLoader(shuffle=True)</c> but reproducible from a seed.
/// </summary>
/// <remarks>
/// <para>Epoch <c>e</c> shuffles with <c>new Random(s)</c>, where <c>s</c> mixes the seed and <c>e</c> (SplitMix64), then
/// cuts the order into consecutive batches of <see cref="BatchSize"/>. The same seed and epoch always give the same
/// batches; any epoch can be asked for, in any order.</para>
/// <example>
/// <code>
/// var sampler = new BatchSampler(data.Count, batchSize: 32, seed: 7);
/// for (int epoch = 0; epoch &lt; 100; epoch++)
///     foreach (int[] batch in sampler.Epoch(epoch)) { /* loss over data.Features[i] for i in batch */ }
/// </code>
/// </example>
/// </remarks>
public sealed class BatchSampler
{
    /// <summary>Creates a sampler over <paramref name="count"/> rows.</summary>
    /// <param name="count">How many rows there are, at least 1.</param>
    /// <param name="batchSize">Rows per batch, at least 1.</param>
    /// <param name="seed">Seeds every epoch's shuffle.</param>
    /// <param name="dropLast">
    /// If <c>true</c>, a final batch smaller than <paramref name="batchSize"/> is left out (so every batch has the same
    /// size, and an epoch may be empty); if <c>false</c>, it is kept and every row appears once per epoch.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="batchSize"/> is below 1.</exception>
    public BatchSampler(int count, int batchSize, int seed, bool dropLast = false)
    {
        Guard.Positive(count, nameof(count));
        Guard.Positive(batchSize, nameof(batchSize));
        Count = count;
        BatchSize = batchSize;
        Seed = seed;
        DropLast = dropLast;
    }

    /// <summary>How many rows are sampled.</summary>
    public int Count { get; }

    /// <summary>Rows per batch; only the last batch of an epoch may be smaller, and only if <see cref="DropLast"/> is off.</summary>
    public int BatchSize { get; }

    /// <summary>The seed that every epoch's shuffle is derived from.</summary>
    public int Seed { get; }

    /// <summary>Whether a final short batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch: <c>⌈Count / BatchSize⌉</c>, or <c>⌊Count / BatchSize⌋</c> with <see cref="DropLast"/>.</summary>
    public int BatchesPerEpoch => DropLast ? Count / BatchSize : (Count + BatchSize - 1) / BatchSize;

    /// <summary>The batches of one epoch: arrays of row indices, each row in at most one batch.</summary>
    /// <param name="epoch">The epoch number, at least 0.</param>
    /// <returns><see cref="BatchesPerEpoch"/> new arrays; without <see cref="DropLast"/>, every index exactly once.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    public int[][] Epoch(int epoch)
    {
        if (epoch < 0)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"epoch must be at least 0, but was {epoch}.");
        int[] order = Permutation.Shuffled(Count, new Random(Permutation.EpochSeed(Seed, epoch)));
        var batches = new int[BatchesPerEpoch][];
        for (int b = 0; b < batches.Length; b++)
        {
            int start = b * BatchSize;
            batches[b] = order[start..Math.Min(start + BatchSize, Count)];
        }
        return batches;
    }
}
