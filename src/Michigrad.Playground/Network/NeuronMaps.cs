using Michigrad.Playground.Train;

namespace Michigrad.Playground.Network;

/// <summary>Each neuron's value over the plane of the two inputs, as a small picture drawn inside the neuron (as
/// TensorFlow Playground draws them): blue where the value is positive, orange where negative, white at zero, each
/// neuron scaled by its own largest magnitude.</summary>
public static class NeuronMaps
{
    private static readonly (byte R, byte G, byte B) Positive = BmpImage.Rgb("#2f6fd6"), Negative = BmpImage.Rgb("#e07b22"),
        NotFinite = (128, 128, 128);

    // The colours of -1 … +1 in 2·Shades + 1 steps: a picture is redrawn every few frames, a table lookup per pixel.
    private const int Shades = 32;
    private static readonly (byte R, byte G, byte B)[] Palette = [.. Enumerable.Range(-Shades, 2 * Shades + 1).Select(i => Color((double)i / Shades))];

    /// <summary>The pictures of <paramref name="values"/> (<c>[column][unit][row * size + cell]</c>).</summary>
    public static string[][] Images(double[][][] values, int size)
    {
        ArgumentNullException.ThrowIfNull(values);
        return [.. values.Select(column => column.Select(unit => Image(unit, size)).ToArray())];
    }

    private static string Image(double[] cells, int size)
    {
        double most = 0;
        foreach (double v in cells) if (double.IsFinite(v)) most = Math.Max(most, Math.Abs(v));
        double scale = most > 0 ? Shades / most : 0;
        return BmpImage.DataUrl(size, size, (r, c) =>
        {
            double v = cells[r * size + c];
            return double.IsFinite(v) ? Palette[Shades + (int)Math.Round(v * scale)] : NotFinite;
        });
    }

    /// <summary>White at 0, the full colour at ±1.</summary>
    public static (byte R, byte G, byte B) Color(double t)
    {
        if (!double.IsFinite(t)) return NotFinite;
        (byte r, byte g, byte b) = t >= 0 ? Positive : Negative;
        double a = Math.Min(1, Math.Abs(t));
        static byte Mix(byte to, double a) => (byte)Math.Round(255 + (to - 255) * a);
        return (Mix(r, a), Mix(g, a), Mix(b, a));
    }
}
