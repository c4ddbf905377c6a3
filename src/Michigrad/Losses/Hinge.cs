using static System.FormattableString;

namespace Michigrad.Losses;

public static partial class Loss
{
    /// <summary>
    /// Max-margin (hinge) loss, as in micrograd's demo: the mean of <c>relu(1 - yᵢ·scoreᵢ)</c> for labels
    /// <c>yᵢ ∈ {-1, +1}</c>.
    /// </summary>
    /// <param name="scores">The model's raw scores (at least one).</param>
    /// <param name="labels">The classes, each -1 or +1.</param>
    /// <returns><c>(1/n) Σ max(0, 1 - yᵢ·sᵢ)</c>: 0 once every score is on its label's side by a margin of 1.</returns>
    /// <remarks>∂L/∂sᵢ is <c>-yᵢ/n</c> inside the margin and 0 outside (0 exactly on it, as relu'(0) = 0).</remarks>
    /// <exception cref="ArgumentException"><paramref name="scores"/> is empty or the counts differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is neither -1 nor +1.</exception>
    public static Value Hinge(IReadOnlyList<Value> scores, IReadOnlyList<double> labels)
    {
        CheckValues(scores, nameof(scores));
        ArgumentNullException.ThrowIfNull(labels);
        CheckSameCount(scores.Count, nameof(scores), labels.Count, nameof(labels));

        for (int i = 0; i < labels.Count; i++)
            if (labels[i] is not (1.0 or -1.0))
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    Invariant($"labels[{i}] must be -1 or +1, got {labels[i]}."));
        return Hinge(scores, Constants(labels));
    }

    /// <summary>Max-margin loss against labels that are values themselves (leaves a training loop refills, so that
    /// one compiled graph serves every batch): the mean of <c>relu(1 - yᵢ·scoreᵢ)</c>, as micrograd writes it.</summary>
    /// <param name="scores">The model's raw scores (at least one).</param>
    /// <param name="labels">The classes as values, each holding -1 or +1 (not checked: they may change later).</param>
    /// <returns><c>(1/n) Σ max(0, 1 - yᵢ·sᵢ)</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="scores"/> is empty or the counts differ.</exception>
    public static Value Hinge(IReadOnlyList<Value> scores, IReadOnlyList<Value> labels)
    {
        CheckValues(scores, nameof(scores));
        CheckValues(labels, nameof(labels));
        CheckSameCount(scores.Count, nameof(scores), labels.Count, nameof(labels));

        var terms = new Value[scores.Count];
        for (int i = 0; i < terms.Length; i++) terms[i] = (1 - labels[i] * scores[i]).Relu();
        return Mean(terms);
    }
}
