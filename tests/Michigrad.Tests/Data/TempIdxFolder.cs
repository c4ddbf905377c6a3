using System.Buffers.Binary;
using System.IO.Compression;

namespace Michigrad.Tests.Data;

/// <summary>A temp folder for IDX files written by a test, deleted on dispose.</summary>
internal sealed class TempIdxFolder : IDisposable
{
    public TempIdxFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"michigrad-idx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The bytes of an IDX images file: magic 00 00 08 03, count, rows, columns, then the pixels.</summary>
    public static byte[] Images(uint count, uint rows, uint columns, byte[] pixels, int magic = 0x00000803) =>
        [.. Header(magic, count, rows, columns), .. pixels];

    /// <summary>The bytes of an IDX labels file: magic 00 00 08 01, count, then the labels.</summary>
    public static byte[] Labels(uint count, byte[] labels, int magic = 0x00000801) =>
        [.. Header(magic, count), .. labels];

    /// <summary>Writes the bytes as they are, or gzipped, to a file of the folder and returns its path.</summary>
    public string Write(string name, byte[] bytes, bool gzip = false)
    {
        string path = System.IO.Path.Combine(Path, name);
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private static byte[] Header(int magic, params uint[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return header;
    }
}
