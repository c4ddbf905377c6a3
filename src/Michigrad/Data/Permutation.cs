namespace Michigrad.Data;

/// <summary>Seeded shuffles: the one place that decides how a seed turns into an order.</summary>
internal static class Permutation
{
    /// <summary>A uniformly random ordering of <c>0 .. count-1</c> (Fisher–Yates, from the last slot down).</summary>
    internal static int[] Shuffled(int count, Random random)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        // Our own loop rather than Random.Shuffle, so the order cannot change with the runtime's implementation.
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// A seed for one epoch, derived from the sampler's seed and the epoch number by the SplitMix64 finalizer, so
    /// that neighbouring epochs (and neighbouring seeds) get unrelated shuffles.
    /// </summary>
    internal static int EpochSeed(int seed, int epoch)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
