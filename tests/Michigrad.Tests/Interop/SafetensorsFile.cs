using System.Buffers.Binary;
using System.Text;

namespace Michigrad.Tests.Interop;

/// <summary>Builds safetensors bytes by hand, so that the reader is tested against the format, not the writer.</summary>
internal static class SafetensorsFile
{
    /// <summary>The 8-byte little-endian header size, the header text, then <paramref name="data"/>.</summary>
    public static byte[] Of(string header, byte[] data, ulong? claimedHeaderSize = null)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, claimedHeaderSize ?? (ulong)json.Length);
        json.CopyTo(file, 8);
        data.CopyTo(file, 8 + json.Length);
        return file;
    }

    /// <summary>The little-endian bytes of doubles (F64).</summary>
    public static byte[] F64(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }

    /// <summary>The little-endian bytes of floats (F32).</summary>
    public static byte[] F32(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    /// <summary>The header PyTorch's <c>save_file</c> would write for a <c>Linear(2, 1)</c> in F64.</summary>
    public const string Linear2To1 =
        """{"__metadata__":{"format":"pt"},"weight":{"dtype":"F64","shape":[1,2],"data_offsets":[0,16]},"bias":{"dtype":"F64","shape":[1],"data_offsets":[16,24]}}""";
}
