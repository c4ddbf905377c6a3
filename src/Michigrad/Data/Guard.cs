using System.Globalization;

namespace Michigrad.Data;

/// <summary>Argument checks shared by the data types, each naming the parameter and its value.</summary>
internal static class Guard
{
    internal static void Positive(int value, string name)
    {
        if (value < 1)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1, but was {value}.");
    }

    internal static void AtLeastTwoClasses(int classes, string name)
    {
        if (classes < 2)
            throw new ArgumentOutOfRangeException(name, classes, $"{name} must be at least 2, but was {classes}.");
    }

    internal static void NonNegativeFinite(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and at least 0, but was {Invariant(value)}.");
    }

    /// <summary>A number as messages show it on every machine: <c>NaN</c>, <c>Infinity</c>, <c>0.5</c>.</summary>
    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
