using static System.FormattableString;

namespace Michigrad.Losses;

/// <summary>
/// The loss functions: each builds a scalar <see cref="Value"/> from a model's outputs, so that
/// <see cref="Value.Backward"/> on it fills every parameter's gradient. One loss per file.
/// </summary>
/// <remarks>
/// Losses over several samples are means, as PyTorch's default <c>reduction='mean'</c>. Sums are chained from the
/// first term (no constant 0 node). Targets are data, not learned: plain numbers, or values that a training loop
/// refills batch after batch so that one compiled graph serves them all.
/// </remarks>
public static partial class Loss
{
    /// <summary>Throws unless <paramref name="values"/> holds at least one value and no <see langword="null"/>.</summary>
    /// <param name="values">The list to check.</param>
    /// <param name="paramName">The caller's parameter.</param>
    /// <param name="name">How messages call the list, when it is an element of the parameter (<c>logits[2]</c>).</param>
    private static void CheckValues(IReadOnlyList<Value> values, string paramName, string? name = null)
    {
        name ??= paramName;
        if (values is null) throw new ArgumentNullException(paramName, $"{name} is null.");
        if (values.Count == 0)
            throw new ArgumentException($"{name} must hold at least one value, got none.", paramName);
        for (int i = 0; i < values.Count; i++)
            if (values[i] is null)
                throw new ArgumentNullException(paramName, $"{name}[{i}] is null.");
    }

    /// <summary>Wraps numbers as constant leaves, for the overloads that take their targets as values.</summary>
    private static Value[] Constants(IReadOnlyList<double> numbers)
    {
        var values = new Value[numbers.Count];
        for (int i = 0; i < values.Length; i++) values[i] = Value.Constant(numbers[i]);
        return values;
    }

    /// <summary>Throws unless the targets are as many as the values they go with.</summary>
    private static void CheckSameCount(int valueCount, string valuesName, int targetCount, string targetsName)
    {
        if (valueCount != targetCount)
            throw new ArgumentException(
                $"{valuesName} has {valueCount} values but {targetsName} has {targetCount}; they must match.", targetsName);
    }

    /// <summary>Throws unless a target is a finite number in [0, 1].</summary>
    private static void CheckProbabilityTarget(double target, int index, string paramName)
    {
        if (!(target >= 0 && target <= 1))
            throw new ArgumentOutOfRangeException(paramName, target,
                Invariant($"{paramName}[{index}] must be in [0, 1], got {target}."));
    }

    /// <summary>(t₀ + t₁ + … + tₙ₋₁) / n, chained from the first term.</summary>
    private static Value Mean(Value[] terms)
    {
        Value sum = terms[0];
        for (int i = 1; i < terms.Length; i++) sum += terms[i];
        return sum / terms.Length;
    }
}
