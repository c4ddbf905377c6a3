namespace Michigrad.Training;

/// <summary>
/// The starting choices every front end shares (the <c>michigrad</c> tool and the Playground): the loss for a number
/// of classes and the learning rate for a dataset, a loss and an optimizer. Each default trains its dataset without
/// diverging.
/// </summary>
/// <remarks>
/// <para>SGD starts at micrograd's rate of 1. Squared error takes a tenth, as its gradients are larger. Blobs, whose
/// clusters are centred anywhere in [−10, 10]², feed the network inputs ten times larger than the other generators' and
/// take a tenth again (at a rate of 1 their cross-entropy diverges within ten steps). Images (784 inputs) start at
/// 0.03. Adam starts at 0.01, or 0.004 on images, where the CLI decays it linearly to zero.</para>
/// <para>Dataset names are those of <see cref="Data.Datasets.GeneratorNames"/> and the image sets
/// <c>"fashion-mnist"</c> and <c>"mnist"</c>; any other name (a CSV file) is taken as data of unit scale.</para>
/// </remarks>
public static class TrainingDefaults
{
    /// <summary>The L2 weight of micrograd's demo, α in α·Σp².</summary>
    public const double L2 = 1e-4;

    /// <summary>Hinge loss for two classes (micrograd's demo), cross-entropy for more.</summary>
    /// <param name="classCount">The number of classes, at least 1. Data of one class gets hinge too, so that
    /// <see cref="Objectives.CheckData"/> refuses it with a message naming its one label.</param>
    /// <returns>The default objective.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1.</exception>
    public static Objective Objective(int classCount)
    {
        if (classCount < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"A dataset has at least 1 class, got {classCount}.");
        return classCount <= 2 ? Training.Objective.Hinge : Training.Objective.CrossEntropy;
    }

    /// <summary>The starting rate of plain SGD on <paramref name="dataset"/> with <paramref name="objective"/>.</summary>
    /// <param name="dataset">A generator's or image set's name, or any other name (a file) for data of unit scale.</param>
    /// <param name="objective">The loss being minimised.</param>
    /// <returns>The learning rate (see the remarks of <see cref="TrainingDefaults"/>).</returns>
    public static double SgdLearningRate(string dataset, Objective objective)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (IsImageSet(dataset)) return 0.03;
        double rate = objective == Training.Objective.MeanSquaredError ? 0.1 : 1.0;
        return IsBlobs(dataset) ? rate / 10 : rate;
    }

    /// <summary>The starting rate of Adam on <paramref name="dataset"/>.</summary>
    /// <param name="dataset">A generator's or image set's name, or any other name (a file).</param>
    /// <returns>0.004 on images, 0.01 otherwise.</returns>
    public static double AdamLearningRate(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return IsImageSet(dataset) ? 0.004 : 0.01;
    }

    private static bool IsImageSet(string dataset) =>
        dataset.Equals("fashion-mnist", StringComparison.OrdinalIgnoreCase) || dataset.Equals("mnist", StringComparison.OrdinalIgnoreCase);

    private static bool IsBlobs(string dataset) => dataset.Equals("blobs", StringComparison.OrdinalIgnoreCase);
}
