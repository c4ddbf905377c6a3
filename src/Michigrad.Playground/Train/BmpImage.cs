namespace Michigrad.Playground.Train;

/// <summary>A small picture as a <c>data:</c> URL of a 24-bit BMP, one pixel per cell, row 0 at the top: the simplest
/// format a browser draws, scaled up by the page. A whole grid is one attribute per frame.</summary>
public static class BmpImage
{
    /// <summary>The picture whose pixel at (row, column) is <paramref name="color"/>'s.</summary>
    public static string DataUrl(int rows, int columns, Func<int, int, (byte R, byte G, byte B)> color)
    {
        ArgumentNullException.ThrowIfNull(color);
        int stride = (columns * 3 + 3) & ~3;   // each BMP row is padded to 4 bytes
        const int header = 14 + 40;
        var bmp = new byte[header + stride * rows];
        // BITMAPFILEHEADER, then BITMAPINFOHEADER with a negative height: rows stored top-down.
        bmp[0] = (byte)'B'; bmp[1] = (byte)'M';
        BitConverter.TryWriteBytes(bmp.AsSpan(2), bmp.Length);
        BitConverter.TryWriteBytes(bmp.AsSpan(10), header);
        BitConverter.TryWriteBytes(bmp.AsSpan(14), 40);
        BitConverter.TryWriteBytes(bmp.AsSpan(18), columns);
        BitConverter.TryWriteBytes(bmp.AsSpan(22), -rows);
        BitConverter.TryWriteBytes(bmp.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(bmp.AsSpan(28), (short)24);
        BitConverter.TryWriteBytes(bmp.AsSpan(34), stride * rows);
        for (int r = 0; r < rows; r++)
        {
            int at = header + r * stride;
            for (int c = 0; c < columns; c++, at += 3)
            {
                (byte red, byte green, byte blue) = color(r, c);
                bmp[at] = blue; bmp[at + 1] = green; bmp[at + 2] = red;
            }
        }
        return "data:image/bmp;base64," + Convert.ToBase64String(bmp);
    }

    /// <summary>The bytes of a <c>#rrggbb</c> colour.</summary>
    public static (byte R, byte G, byte B) Rgb(string hex) =>
        (Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));
}
