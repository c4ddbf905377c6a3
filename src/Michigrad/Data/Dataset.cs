using System.Globalization;

namespace Michigrad.Data;

/// <summary>
/// A labelled table for classification: one row of numeric features per example and a class index per row.
/// </summary>
/// <remarks>
/// <para>The constructor copies its input and checks it: rows must all have the same, non-zero length, every feature
/// must be finite, and every label must lie in <c>0 .. ClassCount-1</c>.</para>
/// <para><see cref="Features"/> and <see cref="Labels"/> are the dataset's own arrays, handed out as they are so that a
/// training loop can index them cheaply. Treat them as read-only: a write is not checked again.</para>
/// <example>
/// <code>
/// var data = Datasets.Moons(100, noise: 0.1, seed: 1);
/// double[] y = data.SignedLabels();                 // ±1 for a hinge loss, as micrograd's demo does
/// for (int i = 0; i &lt; data.Count; i++)
/// {
///     IReadOnlyList&lt;Value&gt; score = model.Forward(data.Inputs(i));
///     Value loss = (1 - y[i] * score[0]).Relu();
/// }
/// </code>
/// </example>
/// </remarks>
public sealed class Dataset
{
    /// <summary>Creates a dataset from rows of features and their class indices.</summary>
    /// <param name="features">One array per example, all of the same length; copied.</param>
    /// <param name="labels">The class index of each row, one per row; copied.</param>
    /// <param name="classCount">
    /// The number of classes; <c>null</c> means the length of <paramref name="classNames"/> if given, otherwise the
    /// largest label plus one. Pass it when some class may have no row, as in a small batch.
    /// </param>
    /// <param name="featureNames">Optional names of the feature columns, one per column.</param>
    /// <param name="classNames">Optional names of the classes, one per class index.</param>
    /// <exception cref="ArgumentNullException">An argument or a row is <c>null</c>.</exception>
    /// <exception cref="ArgumentException">
    /// There are no rows, rows have different lengths or no features, a feature is NaN or infinite, the label count
    /// differs from the row count, or the name lists have the wrong length.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is negative or not below the class count.</exception>
    public Dataset(
        double[][] features,
        int[] labels,
        int? classCount = null,
        IReadOnlyList<string>? featureNames = null,
        IReadOnlyList<string>? classNames = null)
        : this(features, labels, classCount, featureNames, classNames, copyRows: true)
    {
    }

    /// <summary>As the public constructor; with <paramref name="copyRows"/> false the dataset keeps the rows it is
    /// given (a loader that built them fresh, checked and finite, saves a copy of a large image set).</summary>
    internal Dataset(
        double[][] features,
        int[] labels,
        int? classCount,
        IReadOnlyList<string>? featureNames,
        IReadOnlyList<string>? classNames,
        bool copyRows)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Length == 0)
            throw new ArgumentException("A dataset needs at least one row, but features is empty.", nameof(features));
        if (labels.Length != features.Length)
            throw new ArgumentException(
                $"There are {features.Length} rows of features but {labels.Length} labels; there must be one label per row.",
                nameof(labels));

        Features = copyRows ? CopyRows(features) : features;
        FeatureCount = Features[0].Length;
        Labels = (int[])labels.Clone();

        for (int i = 0; i < Labels.Length; i++)
        {
            if (Labels[i] < 0)
                throw new ArgumentOutOfRangeException(
                    nameof(labels), Labels[i], $"labels[{i}] is {Labels[i]}; labels are class indices and must be at least 0.");
        }

        int implied = Labels.Max() + 1;
        if (classNames is not null && classCount is not null && classNames.Count != classCount)
            throw new ArgumentException(
                $"classNames has {classNames.Count} names but classCount is {classCount}.", nameof(classNames));
        ClassCount = classCount ?? classNames?.Count ?? implied;
        if (ClassCount < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), ClassCount, "classCount must be at least 1.");
        if (implied > ClassCount)
        {
            int at = Array.IndexOf(Labels, implied - 1);
            throw new ArgumentOutOfRangeException(
                nameof(labels), Labels[at], $"labels[{at}] is {Labels[at]}, but there are only {ClassCount} classes (0 .. {ClassCount - 1}).");
        }

        if (featureNames is not null && featureNames.Count != FeatureCount)
            throw new ArgumentException(
                $"featureNames has {featureNames.Count} names but the rows have {FeatureCount} features.", nameof(featureNames));
        FeatureNames = featureNames?.ToArray();
        ClassNames = classNames?.ToArray();
    }

    /// <summary>The feature rows: <c>Features[i][j]</c> is feature <c>j</c> of example <c>i</c>. Read-only by convention.</summary>
    public double[][] Features { get; }

    /// <summary>The class index of each row, in <c>0 .. ClassCount-1</c>. Read-only by convention.</summary>
    public int[] Labels { get; }

    /// <summary>The number of rows (examples).</summary>
    public int Count => Labels.Length;

    /// <summary>The number of features in every row.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of classes; every label is below it, though a class may have no rows.</summary>
    public int ClassCount { get; }

    /// <summary>The names of the feature columns, or <c>null</c> if none were given.</summary>
    public IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>The name of each class index (for a CSV file, the label text), or <c>null</c> if none were given.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Row <paramref name="index"/> as fresh leaf values, ready to feed a model.</summary>
    /// <param name="index">The row, in <c>0 .. Count-1</c>.</param>
    /// <returns>New constant leaves, one per feature (<see cref="Value.RequiresGrad"/> false: data needs no gradient).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the rows.</exception>
    public Value[] Inputs(int index)
    {
        CheckIndex(index, nameof(index));
        double[] row = Features[index];
        var inputs = new Value[row.Length];
        for (int j = 0; j < row.Length; j++) inputs[j] = Value.Constant(row[j]);
        return inputs;
    }

    /// <summary>The labels of a two-class dataset as −1 and +1, the targets of a hinge (SVM) loss.</summary>
    /// <remarks>Class 0 becomes −1 and class 1 becomes +1: <c>y·2 − 1</c>, as in micrograd's moons demo.</remarks>
    /// <exception cref="InvalidOperationException">The dataset does not have exactly two classes.</exception>
    public double[] SignedLabels()
    {
        if (ClassCount != 2)
            throw new InvalidOperationException(
                $"Signed (±1) labels need exactly two classes, but this dataset has {ClassCount}.");
        var signed = new double[Count];
        for (int i = 0; i < signed.Length; i++) signed[i] = Labels[i] * 2 - 1;
        return signed;
    }

    /// <summary>How many rows each class has: element <c>c</c> counts the rows labelled <c>c</c>.</summary>
    public int[] CountsPerClass()
    {
        var counts = new int[ClassCount];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>A new dataset of the given rows, in the given order; class count and names are kept.</summary>
    /// <param name="indices">Row indices in <c>0 .. Count-1</c>; repeats are allowed. At least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is <c>null</c>.</exception>
    /// <exception cref="ArgumentException"><paramref name="indices"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the rows.</exception>
    public Dataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0)
            throw new ArgumentException("A subset needs at least one index.", nameof(indices));
        var features = new double[indices.Count][];
        var labels = new int[indices.Count];
        for (int k = 0; k < indices.Count; k++)
        {
            int i = indices[k];
            CheckIndex(i, nameof(indices));
            features[k] = Features[i];   // the constructor copies the rows
            labels[k] = Labels[i];
        }
        return new Dataset(features, labels, ClassCount, FeatureNames, ClassNames);
    }

    /// <summary>Splits the rows at random into a training set and a test set.</summary>
    /// <param name="testFraction">The share of rows for the test set, strictly between 0 and 1.</param>
    /// <param name="seed">Seeds the shuffle: the same seed gives the same split.</param>
    /// <returns>Both parts, each in shuffled order; together they hold every row exactly once.</returns>
    /// <remarks>The test set has <c>round(Count · testFraction)</c> rows (halves away from zero); both parts must be
    /// non-empty.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="testFraction"/> is not in (0, 1), or it leaves one of the parts empty.
    /// </exception>
    public (Dataset Train, Dataset Test) Split(double testFraction, int seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(
                nameof(testFraction), testFraction, $"testFraction must be between 0 and 1 (exclusive), but was {Guard.Invariant(testFraction)}.");
        int testCount = (int)Math.Round(Count * testFraction, MidpointRounding.AwayFromZero);
        if (testCount < 1 || testCount > Count - 1)
            throw new ArgumentOutOfRangeException(
                nameof(testFraction), testFraction,
                $"A test fraction of {Guard.Invariant(testFraction)} of {Count} rows gives {testCount} test rows; both parts need at least one row.");
        int[] order = Permutation.Shuffled(Count, new Random(seed));
        return (Subset(order[testCount..]), Subset(order[..testCount]));
    }

    /// <summary>The mini-batches of one epoch, as sub-datasets, in a shuffled order derived from the seed and epoch.</summary>
    /// <param name="batchSize">Rows per batch, at least 1; the last batch holds the remainder.</param>
    /// <param name="seed">Seeds the shuffles of every epoch.</param>
    /// <param name="epoch">The epoch number, at least 0; each epoch has its own shuffle.</param>
    /// <remarks>Every row appears in exactly one batch per epoch. See <see cref="BatchSampler"/> for index batches.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> or <paramref name="epoch"/> is out of range.</exception>
    public IEnumerable<Dataset> Batches(int batchSize, int seed, int epoch = 0)
    {
        int[][] batches = new BatchSampler(Count, batchSize, seed).Epoch(epoch);   // validates now, not on first MoveNext
        return batches.Select(Subset);
    }

    /// <summary>A short description, such as <c>Dataset(200 rows, 2 features, 2 classes)</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"Dataset({Count} rows, {FeatureCount} features, {ClassCount} classes)");

    private void CheckIndex(int index, string name)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(name, index, $"Row index {index} is outside 0 .. {Count - 1}.");
    }

    private static double[][] CopyRows(double[][] features)
    {
        var rows = new double[features.Length][];
        for (int i = 0; i < features.Length; i++)
        {
            double[] row = features[i] ?? throw new ArgumentNullException(nameof(features), $"features[{i}] is null.");
            if (row.Length == 0)
                throw new ArgumentException($"features[{i}] is empty; every row needs at least one feature.", nameof(features));
            if (row.Length != features[0].Length)
                throw new ArgumentException(
                    $"features[{i}] has {row.Length} features but features[0] has {features[0].Length}; rows must all have the same length.",
                    nameof(features));
            for (int j = 0; j < row.Length; j++)
            {
                if (!double.IsFinite(row[j]))
                    throw new ArgumentException($"features[{i}][{j}] is {Guard.Invariant(row[j])}; every feature must be finite.", nameof(features));
            }
            rows[i] = (double[])row.Clone();
        }
        return rows;
    }
}
