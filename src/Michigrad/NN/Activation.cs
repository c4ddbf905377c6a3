namespace Michigrad.NN;

/// <summary>The nonlinearity a <see cref="Neuron"/>, <see cref="Layer"/> or <see cref="MLP"/> applies to its sums.</summary>
public enum Activation
{
    /// <summary>None: the output is the weighted sum itself (a linear unit).</summary>
    None,

    /// <summary><c>max(0, x)</c>, micrograd's <c>nonlin=True</c>.</summary>
    ReLU,

    /// <summary>The hyperbolic tangent.</summary>
    Tanh,

    /// <summary>The logistic function <c>1 / (1 + e^-x)</c>.</summary>
    Sigmoid,
}
