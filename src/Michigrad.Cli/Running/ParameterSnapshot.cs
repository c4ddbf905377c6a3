namespace Michigrad.Cli.Running;

/// <summary>A copy of a model's parameter values, to put back the last good model after a step that blew up.</summary>
internal sealed class ParameterSnapshot(IReadOnlyList<Value> parameters)
{
    private readonly double[] _values = new double[parameters.Count];

    /// <summary>Copies the parameters' current values.</summary>
    public void Take()
    {
        for (int i = 0; i < _values.Length; i++) _values[i] = parameters[i].Data;
    }

    /// <summary>Writes the copied values back into the parameters.</summary>
    public void Restore()
    {
        for (int i = 0; i < _values.Length; i++) parameters[i].Data = _values[i];
    }
}
