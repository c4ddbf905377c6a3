namespace Michigrad.NN;

/// <summary>How a <see cref="Neuron"/>, <see cref="Layer"/> or <see cref="MLP"/> draws its starting parameters.</summary>
/// <remarks>
/// <para><see cref="Micrograd"/> is the default, the course's behaviour: its numbers are the ones the notebooks and
/// lessons show. With many inputs its sums are large (784 pixels give logits in the tens), so image models train
/// better from <see cref="FanIn"/>, PyTorch's default for <c>nn.Linear</c> (and <see cref="Linear"/>'s).</para>
/// <para>Either way the draws come in the same order from the module's generator, so a seed gives the same model.</para>
/// </remarks>
public enum WeightInit
{
    /// <summary>micrograd's: every weight from U(−1, 1), every bias 0.</summary>
    Micrograd,

    /// <summary>PyTorch's <c>nn.Linear</c>: every weight, then the bias, from U(−1/√fan_in, 1/√fan_in), where fan_in
    /// is the neuron's number of inputs (the bound <c>kaiming_uniform_(a=√5)</c> gives).</summary>
    FanIn,
}
