namespace Michigrad.Training;

/// <summary>What one <see cref="Trainer.Step"/> measured on its forward pass, before the parameters moved.</summary>
/// <param name="Loss">The objective's mean loss plus the L2 penalty.</param>
/// <param name="Accuracy">The fraction of the batch's rows classified correctly, in [0, 1].</param>
public readonly record struct StepResult(double Loss, double Accuracy);
