using System.Runtime.CompilerServices;

namespace Michigrad;

// Labels are rare, so they live beside the nodes, not in them: a node has no field for one.
public sealed partial class Value
{
    private static readonly ConditionalWeakTable<Value, string> s_labels = new();

    /// <summary>An optional name, shown by <see cref="ToString"/> and in graph pictures.</summary>
    public string? Label
    {
        get => s_labels.TryGetValue(this, out string? label) ? label : null;
        set
        {
            if (value is null) s_labels.Remove(this);
            else s_labels.AddOrUpdate(this, value);
        }
    }
}
