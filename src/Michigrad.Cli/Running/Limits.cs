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

    /// <summary>The memory one training step's compiled row graph may hold: a number and its gradient for every
    /// node of one row's graph on every row of the batch (see <see cref="StepBytesPerRow"/>). 1 GB leaves the training
    /// process room for the data and the test set's scoring under the 1.5 GB Fashion-MNIST runs are held to.</summary>
    public const long MaxStepBytes = 1_000_000_000;

    /// <summary>Data up to this many rows trains full-batch by default, as micrograd's demo does.</summary>
    public const int FullBatchRows = 1_000;

    /// <summary>The rows per step of larger data by default (fewer when a big model would pass
    /// <see cref="MaxStepBytes"/>).</summary>
    public const int DefaultBatchRows = 256;

    /// <summary><c>--checkpoint-every</c>, in seconds (11.6 days): a run saves at every tenth of itself anyway.</summary>
    public const double MaxCheckpointSeconds = 1_000_000;

    /// <summary><c>bench --steps</c> and <c>--warmup</c>: each timed step keeps its time.</summary>
    public const int MaxBenchSteps = 100_000;

    /// <summary><c>graph --max-nodes</c> for DOT text, which is written, not laid out.</summary>
    public const int MaxGraphNodes = 100_000;

    /// <summary><c>graph --max-nodes</c> for the formats Graphviz lays out (.svg, .png, .pdf, .html): its layout time
    /// grows as about the 2.5th power of an MLP graph's nodes (minutes at this limit).</summary>
    public const int MaxGraphvizNodes = 5_000;

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

    /// <summary>About how many bytes a training step holds per row of its batch for an MLP from
    /// <paramref name="inputs"/> through <paramref name="widths"/>: the trainer compiles one row's graph and runs it over
    /// the batch's rows side by side, each node of that graph holding a number and a gradient per row.</summary>
    /// <remarks>The row graph's nodes: a row's inputs and targets (as wide as the output), a fused dot node per unit
    /// (its bias and weighted sum), an activation per hidden unit, and the loss, at most three nodes per output and a
    /// few more; one scratch node. The gradients of a layer's dot nodes by row add four numbers per unit of the widest
    /// layer, and the inputs of a stretch of a layer's pairs (up to 64, in chunks of 8) are copied row by row for its
    /// weights' gradients. The lanes are rounded up to whole cache lines, a few rows more than the batch. A test holds
    /// this estimate to what the compiler really allocates.</remarks>
    public static long StepBytesPerRow(int inputs, IReadOnlyList<int> widths)
    {
        long outputs = widths[^1];
        long units = widths.Sum(w => (long)w);
        long lanes = inputs + outputs + units + (units - outputs) + 3 * outputs + 8 + 1;
        long widest = widths.Max(w => (w + 3L) / 4 * 4);
        long widestFanIn = Math.Max(inputs, widths.Take(widths.Count - 1).DefaultIfEmpty(0).Max()) + 1L;
        long stretch = (Math.Min(RowMajorStretch, widestFanIn) + 7) / 8 * 8;
        return (2 * lanes + widest + DotGroupWidth + stretch) * sizeof(double);
    }

    /// <summary>The dot nodes the compiled sweeps run together (their gradients by row are kept per group member).</summary>
    private const int DotGroupWidth = 4;

    /// <summary>The most pairs of a layer whose inputs the compiled sweeps copy row by row at once.</summary>
    private const int RowMajorStretch = 64;

    /// <summary>The bytes a step of <paramref name="batchSize"/> rows holds, the lanes being whole cache lines (of 8
    /// numbers) and an odd number of them.</summary>
    public static long StepBytes(int batchSize, long bytesPerRow)
    {
        long lines = (batchSize + 7L) / 8;
        long stride = (lines % 2 == 0 ? lines + 1 : lines) * 8;
        return stride * bytesPerRow;
    }

    /// <summary>The largest batch whose step fits <see cref="MaxStepBytes"/> (at least 1).</summary>
    public static int LargestBatch(long bytesPerRow)
    {
        int rows = (int)Math.Clamp(MaxStepBytes / bytesPerRow, 1, MaxBatchSize);
        while (rows > 1 && StepBytes(rows, bytesPerRow) > MaxStepBytes) rows--;
        return rows;
    }

    /// <summary>The rows per step: the whole set when it is small, batches otherwise.</summary>
    public static int DefaultBatchSize(int rows, long bytesPerRow)
    {
        int fits = LargestBatch(bytesPerRow);
        if (rows <= FullBatchRows && rows <= fits) return rows;
        return Math.Min(Math.Min(DefaultBatchRows, fits), rows);
    }

    /// <summary>Throws unless an MLP of these widths is within <see cref="MaxParameters"/>.</summary>
    public static void CheckModel(int inputs, IReadOnlyList<int> widths, string features)
    {
        long parameters = Parameters(inputs, widths);
        if (parameters > MaxParameters)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"An MLP({inputs}, [{string.Join(", ", widths)}]) would have {parameters:N0} parameters, more than the limit of {MaxParameters:N0}: use smaller --hidden widths{features}."));
    }

    /// <summary>Throws unless a step of <paramref name="batchSize"/> rows of <paramref name="bytesPerRow"/> bytes
    /// fits <see cref="MaxStepBytes"/>.</summary>
    public static void CheckBatch(int batchSize, long bytesPerRow)
    {
        long bytes = StepBytes(batchSize, bytesPerRow);
        if (bytes > MaxStepBytes)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--batch-size {batchSize} would hold about {Megabytes(bytes)} a step with this model (its compiled row graph keeps {bytesPerRow:N0} bytes per row: a number and its gradient per node), more than the limit of {Megabytes(MaxStepBytes)}: use --batch-size {LargestBatch(bytesPerRow)} or less, or smaller --hidden widths."));
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:N0} MB");
}
