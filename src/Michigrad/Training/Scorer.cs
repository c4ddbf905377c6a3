using System.Runtime.CompilerServices;
using Michigrad.Compiled;
using Michigrad.Data;
using Michigrad.NN;
using static System.FormattableString;

namespace Michigrad.Training;

/// <summary>
/// Scores a model on many rows with forward passes only: one row's graph (the model over a row's inputs and the
/// objective's loss against the row's targets) is compiled once and run over a chunk of rows side by side (see
/// <see cref="RowBatchGraph"/>), chunk after chunk. No graph is built per row and no gradient is touched.
/// </summary>
/// <remarks>
/// <para>Each row's outputs, and so its <see cref="Prediction"/>, are to the bit those of the object graph
/// <see cref="Module.Forward(IReadOnlyList{Value})"/> builds for that row; each row's loss is the objective's loss of that row alone.</para>
/// <para>The scorer reads the parameters' <see cref="Value.Data"/> at every chunk, so it scores the model as it is at
/// the time of the call: build it once and score after every epoch. The graph holds a number and a gradient per node of
/// one row's graph for each of <see cref="ChunkRows"/> rows; fewer rows per chunk hold less.</para>
/// <para>Not safe for use from several threads at once.</para>
/// </remarks>
/// <example>
/// <code>
/// var scorer = new Scorer(model, Objective.CrossEntropy, featureCount: 784, classCount: 10);
/// ScoreReport test = scorer.Score(testImages);
/// Console.WriteLine($"{test.Accuracy:P1}, first image: class {test.Predictions[0].Class}");
/// </code>
/// </example>
public sealed class Scorer
{
    /// <summary>The rows one forward pass runs unless the constructor is told otherwise.</summary>
    public const int DefaultChunkRows = 256;

    private readonly Objective _objective;
    private readonly double[] _targets;
    private readonly double[] _outputs;
    private readonly double[] _features;

    /// <summary>Builds and compiles one row's graph for <paramref name="model"/> and <paramref name="objective"/>.</summary>
    /// <param name="model">The model to score; its parameters are read at every chunk, never changed.</param>
    /// <param name="objective">The loss each row is measured by and the rule that reads outputs as a class.</param>
    /// <param name="featureCount">The width of a row's input (the model's input width).</param>
    /// <param name="classCount">The number of classes (at least 2); the model must have
    /// <see cref="Objectives.OutputWidth"/> outputs for it.</param>
    /// <param name="chunkRows">The rows one forward pass runs, at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="objective"/> is unknown, or
    /// <paramref name="featureCount"/> or <paramref name="chunkRows"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="classCount"/> does not suit <paramref name="objective"/>
    /// (see <see cref="Objectives.OutputWidth"/>), or the model reads another number of inputs than
    /// <paramref name="featureCount"/> or returns another number of outputs than the objective needs; the message
    /// names both numbers.</exception>
    public Scorer(Module model, Objective objective, int featureCount, int classCount, int chunkRows = DefaultChunkRows)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Enum.IsDefined(objective))
            throw new ArgumentOutOfRangeException(nameof(objective), objective, $"Unknown objective {objective}.");
        if (featureCount < 1)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, Invariant($"featureCount must be at least 1, got {featureCount}."));
        if (chunkRows < 1)
            throw new ArgumentOutOfRangeException(nameof(chunkRows), chunkRows, Invariant($"chunkRows must be at least 1, got {chunkRows}."));
        int width = Objectives.OutputWidth(objective, classCount);
        if (model.InputSize is int inputs && inputs != featureCount)
            throw new ArgumentException(Invariant($"The model reads {inputs} inputs but featureCount is {featureCount}."), nameof(featureCount));

        var inputLeaves = new Value[featureCount];
        for (int j = 0; j < inputLeaves.Length; j++) inputLeaves[j] = Value.Constant(0.0);
        IReadOnlyList<Value> outputs = model.Forward(inputLeaves);
        if (outputs.Count != width)
            throw new ArgumentException(
                Invariant($"The {Objectives.Name(objective)} objective needs {width} model output{(width == 1 ? "" : "s")} for {classCount} classes, but the model has {outputs.Count}."),
                nameof(model));
        Value[] targetLeaves = Objectives.NewTargets(width);
        Value rowLoss = Objectives.Loss(objective, [outputs], [targetLeaves]);
        Graph = Compiler.CompileRows(rowLoss, [.. inputLeaves, .. targetLeaves], chunkRows, outputs);

        Model = model;
        _objective = objective;
        FeatureCount = featureCount;
        ClassCount = classCount;
        _targets = new double[width];
        _outputs = new double[width];
        _features = new double[featureCount];
    }

    /// <summary>The model scored.</summary>
    public Module Model { get; }

    /// <summary>The loss and decision rule.</summary>
    public Objective Objective => _objective;

    /// <summary>The width of a row's input.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The model's outputs per row.</summary>
    public int OutputWidth => _outputs.Length;

    /// <summary>The rows one forward pass runs.</summary>
    public int ChunkRows => Graph.Capacity;

    /// <summary>The compiled row graph: row leaves are a row's features then its targets; observed node j is output j;
    /// the output is the row's loss.</summary>
    internal RowBatchGraph Graph { get; }

    /// <summary>Scores every row of <paramref name="data"/> against its labels.</summary>
    /// <param name="data">The rows; as many features as <see cref="FeatureCount"/>, labels below
    /// <see cref="ClassCount"/>.</param>
    /// <param name="cancellation">Checked before each chunk.</param>
    /// <returns>Each row's prediction, the mean loss and the accuracy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The data's feature count differs from <see cref="FeatureCount"/>, or it has
    /// more classes than <see cref="ClassCount"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public ScoreReport Score(Dataset data, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckWidth(data.FeatureCount, nameof(data));
        CheckClasses(data.ClassCount, nameof(data));
        double[][] rows = data.Features;
        int[] labels = data.Labels;
        return Run(data.Count, labels, cancellation, (row, features) => rows[row].CopyTo(features));
    }

    /// <summary>Scores the first <paramref name="count"/> images of <paramref name="images"/> (all of them by default)
    /// against their labels, each pixel scaled to [0, 1] as <see cref="ImageSet.Scale"/> does.</summary>
    /// <param name="images">The images; as many pixels as <see cref="FeatureCount"/>, labels below
    /// <see cref="ClassCount"/>.</param>
    /// <param name="count">How many images from the first; null for all.</param>
    /// <param name="cancellation">Checked before each chunk.</param>
    /// <returns>Each image's prediction, the mean loss and the accuracy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The images' pixel count differs from <see cref="FeatureCount"/>, or they have
    /// more classes than <see cref="ClassCount"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or more than the images.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public ScoreReport Score(ImageSet images, int? count = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckWidth(images.PixelCount, nameof(images));
        CheckClasses(images.ClassCount, nameof(images));
        int n = count ?? images.Count;
        if (n < 0 || n > images.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, Invariant($"count must be in [0, {images.Count}], the images there are, got {count}."));
        int[] labels = images.Labels[..n].ToArray();
        return Run(n, labels, cancellation, (row, features) =>
        {
            ReadOnlySpan<byte> pixels = images.Image(row);
            for (int j = 0; j < features.Length; j++) features[j] = pixels[j] / 255.0;
        });
    }

    /// <summary>Predicts a class for each row of <paramref name="rows"/> (no labels: no loss, no accuracy).</summary>
    /// <param name="rows">The feature rows, each <see cref="FeatureCount"/> wide.</param>
    /// <param name="cancellation">Checked before each chunk.</param>
    /// <returns>Each row's prediction; <see cref="ScoreReport.Loss"/> and <see cref="ScoreReport.Accuracy"/> are
    /// <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or one of its rows is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A row is not <see cref="FeatureCount"/> wide; the message names the row.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public ScoreReport Predict(IReadOnlyList<double[]> rows, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null) throw new ArgumentNullException(nameof(rows), Invariant($"Row {i} is null."));
            if (rows[i].Length != FeatureCount)
                throw new ArgumentException(Invariant($"Row {i} has {rows[i].Length} features but the model reads {FeatureCount}."), nameof(rows));
        }
        return Run(rows.Count, labels: null, cancellation, (row, features) => rows[row].CopyTo(features));
    }

    private delegate void RowWriter(int row, Span<double> features);

    private ScoreReport Run(int count, int[]? labels, CancellationToken cancellation, RowWriter write)
    {
        var predictions = new Prediction[count];
        double loss = 0;
        int correct = 0;
        for (int start = 0; start < count; start += ChunkRows)
        {
            cancellation.ThrowIfCancellationRequested();
            int rows = Math.Min(ChunkRows, count - start);
            for (int r = 0; r < rows; r++)
            {
                write(start + r, _features);
                Graph.SetRow(r, _features);
                if (labels is not null) WriteTargets(r, labels[start + r]);
            }
            Graph.Forward(rows);
            for (int r = 0; r < rows; r++)
            {
                Prediction p = Decide(r);
                predictions[start + r] = p;
                if (labels is null) continue;
                if (p.Class == labels[start + r]) correct++;
                loss += Graph.Output(r);
            }
        }
        return labels is null || count == 0
            ? new ScoreReport(predictions, labels, null, null)
            : new ScoreReport(predictions, labels, loss / count, (double)correct / count);
    }

    /// <summary>Fills <paramref name="count"/> rows with rows of <paramref name="data"/> from
    /// <paramref name="start"/> (features and the labels' targets) and runs the forward pass.</summary>
    /// <returns>How many of those rows the model classifies correctly.</returns>
    [MethodImpl(Tiering.HotLoop)]
    internal int Forward(Dataset data, int start, int count)
    {
        int[] labels = data.Labels;
        Graph.SetRows(data.Features, start, count);
        for (int r = 0; r < count; r++) WriteTargets(r, labels[start + r]);
        Graph.Forward(count);
        int correct = 0;
        for (int r = 0; r < count; r++)
            if (DecideClass(r) == labels[start + r]) correct++;
        return correct;
    }

    [MethodImpl(Tiering.HotLoop)]
    private void WriteTargets(int row, int label)
    {
        Objectives.WriteTargetNumbers(_objective, label, _targets);
        Graph.SetRow(row, _targets, FeatureCount);
    }

    [MethodImpl(Tiering.HotLoop)]
    private Prediction Decide(int row)
    {
        ReadOutputs(row);
        return Objectives.Decide(_objective, _outputs);
    }

    /// <summary><see cref="Decide(int)"/>'s class alone.</summary>
    [MethodImpl(Tiering.HotLoop)]
    private int DecideClass(int row)
    {
        ReadOutputs(row);
        return Objectives.DecideClass(_objective, _outputs);
    }

    private void ReadOutputs(int row)
    {
        for (int j = 0; j < _outputs.Length; j++) _outputs[j] = Graph.ObservedData(row, j);
    }

    private void CheckWidth(int width, string name)
    {
        if (width != FeatureCount)
            throw new ArgumentException(Invariant($"The rows have {width} features but the model reads {FeatureCount}."), name);
    }

    private void CheckClasses(int classes, string name)
    {
        if (classes > ClassCount)
            throw new ArgumentException(Invariant($"The rows have {classes} classes but the scorer was built for {ClassCount}."), name);
    }
}
