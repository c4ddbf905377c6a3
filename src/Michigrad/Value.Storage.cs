using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Michigrad;

// Where a value's number and gradient live. Invariant: a window (made by ParameterStorage, one per place, for the
// storage's life) keeps them in its storage, at its index: _right holds the storage, and the window's own _grad field
// holds the index (a window never uses its own fields for numbers, so the index costs no extra field and a value stays
// 56 bytes). Every other value, free-standing leaves and computed nodes alike, keeps them in _data and _grad.
public sealed partial class Value
{
    private bool _isWindow;

    /// <summary>The window on place <paramref name="index"/> of <paramref name="storage"/>: a leaf that needs a
    /// gradient, whose <see cref="Data"/> and <see cref="Grad"/> are that place's.</summary>
    internal static Value WindowOn(ParameterStorage storage, int index) =>
        new(0.0) { _right = storage, _isWindow = true, _grad = BitConverter.Int64BitsToDouble(index) };

    /// <summary>The storage this value is a window on, or <see langword="null"/> for any other value.</summary>
    internal ParameterStorage? Storage => _isWindow ? Unsafe.As<ParameterStorage>(_right) : null;

    /// <summary>A window's place in its storage.</summary>
    internal int StorageIndex => (int)BitConverter.DoubleToInt64Bits(_grad);

    // A window's index is below its storage's length for life (both are fixed when the storage makes it), so the
    // places are read without a bounds check.
    private ref double DataSlot
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _isWindow ? ref Place(Unsafe.As<ParameterStorage>(_right)!.Data) : ref _data;
    }

    private ref double GradSlot
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _isWindow ? ref Place(Unsafe.As<ParameterStorage>(_right)!.Grad) : ref _grad;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref double Place(double[] array) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), StorageIndex);

    /// <summary>Keeps a window's storage's count of frozen places as its <see cref="RequiresGrad"/> changes.</summary>
    private void CountFrozen(int change)
    {
        if (_isWindow) Unsafe.As<ParameterStorage>(_right)!.FrozenCount += change;
    }
}
