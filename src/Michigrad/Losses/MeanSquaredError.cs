namespace Michigrad.Losses;

public static partial class Loss
{
    /// <summary>Mean squared error, PyTorch's <c>nn.MSELoss</c>: the mean of (predictionᵢ - targetᵢ)².</summary>
    /// <param name="predictions">The model's outputs (at least one).</param>
    /// <param name="targets">The wanted outputs, one per prediction.</param>
    /// <returns><c>(1/n) Σ (pᵢ - yᵢ)²</c>.</returns>
    /// <remarks>∂L/∂pᵢ = 2(pᵢ - yᵢ)/n. NaN in a prediction or a target gives NaN.</remarks>
    /// <exception cref="ArgumentException"><paramref name="predictions"/> is empty or the counts differ.</exception>
    public static Value MeanSquaredError(IReadOnlyList<Value> predictions, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return MeanSquaredError(predictions, Constants(targets));
    }

    /// <summary>Mean squared error against targets that are values themselves (leaves a training loop refills, so
    /// that one compiled graph serves every batch): the mean of (predictionᵢ - targetᵢ)².</summary>
    /// <param name="predictions">The model's outputs (at least one).</param>
    /// <param name="targets">The wanted outputs, one per prediction; gradients reach them too.</param>
    /// <returns><c>(1/n) Σ (pᵢ - yᵢ)²</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="predictions"/> is empty or the counts differ.</exception>
    public static Value MeanSquaredError(IReadOnlyList<Value> predictions, IReadOnlyList<Value> targets)
    {
        CheckValues(predictions, nameof(predictions));
        CheckValues(targets, nameof(targets));
        CheckSameCount(predictions.Count, nameof(predictions), targets.Count, nameof(targets));

        var terms = new Value[predictions.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            Value difference = predictions[i] - targets[i];
            terms[i] = difference * difference;
        }
        return Mean(terms);
    }
}
