using System.Runtime.CompilerServices;

namespace Michigrad.Compiled;

/// <summary>
/// A map from nodes to numbers by reference (open addressing, linear probing): the compiler's table of slots. Leaner
/// than a <see cref="Dictionary{TKey, TValue}"/> with a comparer: no entry objects, no interface calls per lookup.
/// </summary>
/// <remarks>Nothing is written on the nodes themselves (their hash code lives in the object header, which the runtime
/// keeps thread-safe), so a table can hold leaves that other threads' graphs share.</remarks>
internal sealed class ReferenceTable
{
    private Value?[] _keys;
    private int[] _values;
    private int _mask;

    internal ReferenceTable(int expected = 16)
    {
        int capacity = 16;
        while (capacity < expected * 2) capacity *= 2;   // at most half full
        _keys = new Value?[capacity];
        _values = new int[capacity];
        _mask = capacity - 1;
    }

    /// <summary>How many nodes the table holds.</summary>
    internal int Count { get; private set; }

    /// <summary>The number stored for <paramref name="key"/>, if any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryGet(Value key, out int value)
    {
        Value?[] keys = _keys;
        int i = RuntimeHelpers.GetHashCode(key) & _mask;
        while (true)
        {
            Value? k = keys[i];
            if (ReferenceEquals(k, key))
            {
                value = _values[i];
                return true;
            }
            if (k is null)
            {
                value = 0;
                return false;
            }
            i = (i + 1) & _mask;
        }
    }

    /// <summary>Whether the table holds <paramref name="key"/>.</summary>
    internal bool Contains(Value key) => TryGet(key, out _);

    /// <summary>Stores <paramref name="value"/> for <paramref name="key"/> unless it is there already; returns whether
    /// it was added.</summary>
    internal bool TryAdd(Value key, int value)
    {
        int i = RuntimeHelpers.GetHashCode(key) & _mask;
        while (true)
        {
            Value? k = _keys[i];
            if (ReferenceEquals(k, key)) return false;
            if (k is null) break;
            i = (i + 1) & _mask;
        }
        _keys[i] = key;
        _values[i] = value;
        if (++Count * 2 > _keys.Length) Grow();
        return true;
    }

    /// <summary>Replaces the number stored for <paramref name="key"/>, which the table must hold.</summary>
    internal void Set(Value key, int value)
    {
        int i = RuntimeHelpers.GetHashCode(key) & _mask;
        while (!ReferenceEquals(_keys[i], key)) i = (i + 1) & _mask;
        _values[i] = value;
    }

    private void Grow()
    {
        Value?[] oldKeys = _keys;
        int[] oldValues = _values;
        _keys = new Value?[oldKeys.Length * 2];
        _values = new int[oldKeys.Length * 2];
        _mask = _keys.Length - 1;
        for (int j = 0; j < oldKeys.Length; j++)
        {
            if (oldKeys[j] is not { } key) continue;
            int i = RuntimeHelpers.GetHashCode(key) & _mask;
            while (_keys[i] is not null) i = (i + 1) & _mask;
            _keys[i] = key;
            _values[i] = oldValues[j];
        }
    }
}
