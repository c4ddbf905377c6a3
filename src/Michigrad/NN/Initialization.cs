namespace Michigrad.NN;

/// <summary>
/// The process-wide generator that modules built without a seed or a <see cref="Random"/> draw their initial
/// weights from, as PyTorch's default generator (<c>torch.manual_seed</c>).
/// </summary>
/// <remarks>
/// <para>It starts seeded with <see cref="Module.DefaultSeed"/>, so a program that builds the same modules in the same
/// order gets the same weights on every run, while every module gets its own: <c>new Sequential(new Linear(4, 4),
/// new Tanh(), new Linear(4, 4))</c> starts with two different layers.</para>
/// <para>Each module built without a seed takes one number from this generator and seeds its own <see cref="Random"/>
/// with it. Calls from several threads are safe, but their order (and so the weights) is then up to the scheduler:
/// pass a seed or a <see cref="Random"/> where that matters.</para>
/// </remarks>
public static class Initialization
{
    private static readonly Lock Gate = new();
    private static Random _generator = new(Module.DefaultSeed);

    /// <summary>Reseeds the generator, as <c>torch.manual_seed(seed)</c>: the modules built without a seed after this
    /// call get the same weights whenever the same seed is set first.</summary>
    /// <param name="seed">Any integer.</param>
    public static void ManualSeed(int seed)
    {
        lock (Gate) _generator = new Random(seed);
    }

    /// <summary>A generator for one module: seeded with <paramref name="seed"/> if given, otherwise with the next
    /// number of the process-wide generator.</summary>
    internal static Random For(int? seed)
    {
        if (seed is int given) return new Random(given);
        lock (Gate) return new Random(_generator.Next());
    }
}
