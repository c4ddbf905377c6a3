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
    // A key and its number side by side, so that a lookup in a table too big for the cache costs one miss, not two.
    private Entry[] _entries;
    private int _mask;

    internal ReferenceTable(int expected = 16)
    {
        int capacity = 16;
        while (capacity < expected * 2) capacity *= 2;   // at most half full
        _entries = new Entry[capacity];
        _mask = capacity - 1;
    }

    /// <summary>How many nodes the table holds.</summary>
    internal int Count { get; private set; }

    /// <summary>The number stored for <paramref name="key"/>, if any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryGet(Value key, out int value)
    {
        Entry[] entries = _entries;
        int i = RuntimeHelpers.GetHashCode(key) & _mask;
        while (true)
        {
            ref Entry entry = ref entries[i];
            if (ReferenceEquals(entry.Key, key))
            {
                value = entry.Number;
                return true;
            }
            if (entry.Key is null)
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
        Entry[] entries = _entries;
        int i = RuntimeHelpers.GetHashCode(key) & _mask;
        while (true)
        {
            ref Entry entry = ref entries[i];
            if (ReferenceEquals(entry.Key, key)) return false;
            if (entry.Key is null)
            {
                entry.Key = key;
                entry.Number = value;
                break;
            }
            i = (i + 1) & _mask;
        }
        if (++Count * 2 > entries.Length) Grow();
        return true;
    }

    /// <summary>Replaces the number stored for <paramref name="key"/>, which the table must hold.</summary>
    internal void Set(Value key, int value)
    {
        int i = RuntimeHelpers.GetHashCode(key) & _mask;
        while (!ReferenceEquals(_entries[i].Key, key)) i = (i + 1) & _mask;
        _entries[i].Number = value;
    }

    private void Grow()
    {
        Entry[] old = _entries;
        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        foreach (Entry entry in old)
        {
            if (entry.Key is null) continue;
            int i = RuntimeHelpers.GetHashCode(entry.Key) & _mask;
            while (_entries[i].Key is not null) i = (i + 1) & _mask;
            _entries[i] = entry;
        }
    }

    private struct Entry
    {
        public Value? Key;
        public int Number;
    }
}
