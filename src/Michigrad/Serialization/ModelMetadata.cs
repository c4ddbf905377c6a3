using Michigrad.NN;

namespace Michigrad.Serialization;

/// <summary>
/// Optional facts saved alongside a model: what it was trained on and what its outputs mean, so that a program
/// that loads it (such as <c>michigrad predict</c>) can read inputs and name the predicted class.
/// </summary>
/// <remarks>
/// <para>Every property is optional. Those that are given must agree with each other and with the model:
/// <see cref="FeatureCount"/> with <see cref="FeatureNames"/> and the model's input width,
/// <see cref="ClassCount"/> with <see cref="ClassNames"/>, a binary <see cref="Task"/> with one output and two
/// classes, <see cref="ModelTask.Multiclass"/> with one output per class. Saving checks it
/// (<see cref="ArgumentException"/>) and so does loading (<see cref="ModelFileException"/>).</para>
/// <para>Two metadata records are equal when their properties are, the lists compared item by item.</para>
/// </remarks>
public sealed record ModelMetadata
{
    /// <summary>The name of the training data set, such as <c>"moons"</c> or a CSV file's name.</summary>
    public string? Dataset { get; init; }

    /// <summary>What the outputs mean.</summary>
    public ModelTask? Task { get; init; }

    /// <summary>The number of input features (the model's input width).</summary>
    public int? FeatureCount { get; init; }

    /// <summary>The names of the input features, in input order.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>The number of classes of a classifier.</summary>
    public int? ClassCount { get; init; }

    /// <summary>The names of the classes, class 0 first.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <inheritdoc/>
    public bool Equals(ModelMetadata? other) =>
        other is not null
        && Dataset == other.Dataset
        && Task == other.Task
        && FeatureCount == other.FeatureCount
        && SameItems(FeatureNames, other.FeatureNames)
        && ClassCount == other.ClassCount
        && SameItems(ClassNames, other.ClassNames);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Dataset, Task, FeatureCount, FeatureNames?.Count, ClassCount, ClassNames?.Count);

    /// <summary>The first way in which this metadata contradicts itself or <paramref name="model"/>, as a sentence,
    /// or <see langword="null"/> when it is consistent.</summary>
    internal string? FindProblem(Module model)
    {
        if (Task is ModelTask task && !Enum.IsDefined(task)) return $"the metadata's task {task} is not a known task.";
        if (FeatureCount is < 1) return $"the metadata's feature count must be at least 1, got {FeatureCount}.";
        if (ClassCount is < 1) return $"the metadata's class count must be at least 1, got {ClassCount}.";
        if (FeatureNames is not null && FeatureNames.Any(name => name is null)) return "the metadata's feature names include a null.";
        if (ClassNames is not null && ClassNames.Any(name => name is null)) return "the metadata's class names include a null.";
        if (FeatureNames is not null && FeatureCount is int features && FeatureNames.Count != features)
            return $"the metadata names {FeatureNames.Count} features but its feature count is {features}.";
        if (ClassNames is not null && ClassCount is int classes && ClassNames.Count != classes)
            return $"the metadata names {ClassNames.Count} classes but its class count is {classes}.";

        if (FirstRepeated(ClassNames) is string repeatedClass)
            return $"the metadata's class names list '{repeatedClass}' twice; each class needs its own name.";
        if (FirstRepeated(FeatureNames) is string repeatedFeature)
            return $"the metadata's feature names list '{repeatedFeature}' twice; each feature needs its own name.";

        int? featureCount = FeatureCount ?? FeatureNames?.Count;
        int? classCount = ClassCount ?? ClassNames?.Count;
        if (featureCount is int f && model.InputSize is int inputs && f != inputs)
            return $"the metadata gives {f} features but the model takes {inputs} inputs.";
        switch (Task)
        {
            case ModelTask.BinaryHinge or ModelTask.BinaryLogistic:
                if (model.OutputSize is int o && o != 1)
                    return $"a binary task needs a model with 1 output, but this one has {o}.";
                if (classCount is int c && c != 2)
                    return $"a binary task has 2 classes, but the metadata gives {c}.";
                break;
            case ModelTask.Multiclass:
                if (classCount is int k && model.OutputSize is int outputs && k != outputs)
                    return $"a multiclass task needs one output per class, but the metadata gives {k} classes and the model has {outputs} outputs.";
                break;
        }
        return null;
    }

    private static string? FirstRepeated(IReadOnlyList<string>? names)
    {
        if (names is null) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
            if (!seen.Add(name)) return name;
        return null;
    }

    private static bool SameItems(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b, StringComparer.Ordinal);
}
