using System.Globalization;

namespace Michigrad.Cli.Running;

/// <summary>The sizes <c>train</c> and <c>graph</c> accept: each option has a limit and a usage error, so no command
/// line can grow the process until the operating system kills it. The README lists them.</summary>
internal static class Limits
{
    /// <summary><c>--samples</c>: points a generator makes.</summary>
    public const int MaxSamples = 100_000;

    /// <summary><c>--classes</c>: classes of blobs and spiral.</summary>
    public const int MaxClasses = 100;

    /// <summary><c>--steps</c>.</summary>
    public const int MaxSteps = 10_000_000;

    /// <summary><c>--epochs</c>: passes over an image set.</summary>
    public const int MaxEpochs = 1_000;

    /// <summary>Each <c>--hidden</c> width.</summary>
    public const int MaxHiddenWidth = 1024;

    /// <summary>How many widths <c>--hidden</c> lists.</summary>
    public const int MaxHiddenLayers = 16;

    /// <summary><c>--batch-size</c>.</summary>
    public const int MaxBatchSize = 100_000;

    /// <summary><c>--noise</c>: larger noise buries the data and overflows to infinity long before 1e308.</summary>
    public const double MaxNoise = 100;

    /// <summary>The parameters of the model <c>train</c> builds (features and <c>--hidden</c> decide it).</summary>
    public const int MaxParameters = 1_000_000;

    /// <summary>The graph nodes one training step may build (rows per step times nodes per row): about 300 MB.</summary>
    public const long MaxNodesPerStep = 4_000_000;

    /// <summary>Data up to this many rows trains full-batch by default, as micrograd's demo does.</summary>
    public const int FullBatchRows = 1_000;

    /// <summary>The rows per step of larger data by default (fewer when a big model would pass
    /// <see cref="MaxNodesPerStep"/>).</summary>
    public const int DefaultBatchRows = 256;

    /// <summary><c>bench --steps</c> and <c>--warmup</c>: each timed step keeps its time.</summary>
    public const int MaxBenchSteps = 100_000;

    /// <summary><c>graph --max-nodes</c>.</summary>
    public const int MaxGraphNodes = 100_000;

    /// <summary>The parameters of an MLP from <paramref name="inputs"/> through <paramref name="widths"/>, counted
    /// without building it.</summary>
    public static long Parameters(int inputs, IReadOnlyList<int> widths)
    {
        long count = 0;
        long width = inputs;
        foreach (int next in widths)
        {
            count += (width + 1) * next;
            width = next;
        }
        return count;
    }

    /// <summary>About how many graph nodes one row builds: a product and a sum per weight, an activation per unit.</summary>
    public static long NodesPerRow(long parameters, IReadOnlyList<int> widths) => 2 * parameters + 2L * widths.Sum() + 8;

    /// <summary>The rows per step: the whole set when it is small, batches otherwise.</summary>
    public static int DefaultBatchSize(int rows, long nodesPerRow)
    {
        long fits = Math.Max(1, MaxNodesPerStep / nodesPerRow);
        if (rows <= FullBatchRows && rows <= fits) return rows;
        return (int)Math.Min(Math.Min(DefaultBatchRows, fits), rows);
    }

    /// <summary>Throws unless an MLP of these widths is within <see cref="MaxParameters"/>.</summary>
    public static void CheckModel(int inputs, IReadOnlyList<int> widths, string features)
    {
        long parameters = Parameters(inputs, widths);
        if (parameters > MaxParameters)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"An MLP({inputs}, [{string.Join(", ", widths)}]) would have {parameters:N0} parameters, more than the limit of {MaxParameters:N0}: use smaller --hidden widths{features}."));
    }

    /// <summary>Throws unless <paramref name="batchSize"/> rows of <paramref name="nodesPerRow"/> nodes fit in a step.</summary>
    public static void CheckBatch(int batchSize, long nodesPerRow)
    {
        if (batchSize * nodesPerRow > MaxNodesPerStep)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--batch-size {batchSize} would build about {batchSize * nodesPerRow:N0} graph nodes a step with this model, more than the limit of {MaxNodesPerStep:N0}: use --batch-size {Math.Max(1, MaxNodesPerStep / nodesPerRow)} or less."));
    }
}
