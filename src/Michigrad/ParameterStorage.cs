namespace Michigrad;

/// <summary>
/// The numbers and gradients of a module's parameters, in two contiguous arrays that live as long as the module, laid
/// out as the kernels read them (a layer's weights <c>[out, in]</c> row-major, then its biases). Each parameter
/// <see cref="Value"/> is a window on one place of the storage, for life, as a PyTorch parameter is a view of its
/// storage: its <see cref="Value.Data"/> and <see cref="Value.Grad"/> are <see cref="Data"/>[i] and
/// <see cref="Grad"/>[i].
/// </summary>
/// <remarks>Every reader reads these arrays in place, through the windows or directly: the object graph, the compiled
/// tape and row graph, the optimizers' fused updates, the exporters. Nothing copies a number elsewhere to work on it, so
/// no copy can go stale. A free-standing leaf (<c>new Value(x)</c>) keeps its number in itself instead.</remarks>
internal sealed class ParameterStorage
{
    /// <summary>Makes a storage of <paramref name="length"/> places, all 0, and a window on each.</summary>
    internal ParameterStorage(int length)
    {
        Data = new double[length];
        Grad = new double[length];
        Parameters = new Value[length];
        for (int i = 0; i < length; i++) Parameters[i] = Value.WindowOn(this, i);
    }

    /// <summary>The parameters' numbers.</summary>
    internal double[] Data { get; }

    /// <summary>The parameters' gradients, at the same places.</summary>
    internal double[] Grad { get; }

    /// <summary>The window on each place: the parameter <see cref="Value"/> a module hands out.</summary>
    internal Value[] Parameters { get; }

    /// <summary>How many places hold a parameter whose <see cref="Value.RequiresGrad"/> is false (kept by the windows'
    /// setter), so that a pass over the whole storage knows when it need not ask each one.</summary>
    internal int FrozenCount { get; set; }

    /// <summary>How many places the storage has.</summary>
    internal int Length => Data.Length;
}
