namespace Michigrad.IO;

/// <summary>Reads a whole file or stream into memory, refusing it as soon as it is known to pass a limit: by its
/// length before anything is read when the stream has one, otherwise (a pipe) as soon as one byte more arrives.</summary>
internal static class LimitedRead
{
    private const int Chunk = 1 << 16;

    /// <summary>The bytes of <paramref name="path"/>, a file or a pipe, at most <paramref name="limit"/> of them.</summary>
    /// <param name="path">The file.</param>
    /// <param name="limit">The most bytes accepted.</param>
    /// <param name="tooLarge">The exception to throw, given the length when it is known (null for a pipe).</param>
    /// <param name="checkStart">Looks at the first bytes (up to 64 KiB) before the rest is read, so that a stream of
    /// the wrong kind is refused at once rather than after <paramref name="limit"/> bytes.</param>
    public static ReadOnlyMemory<byte> ReadAllBytes(string path, long limit, Func<long?, Exception> tooLarge,
        Action<ReadOnlySpan<byte>>? checkStart = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return ReadAll(stream, limit, tooLarge, checkStart);
    }

    /// <summary>The bytes of <paramref name="stream"/> from its position, at most <paramref name="limit"/> of them.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="limit">The most bytes accepted.</param>
    /// <param name="tooLarge">The exception to throw, given the length when it is known (null for a pipe).</param>
    /// <param name="checkStart">Looks at the first bytes before the rest is read.</param>
    public static ReadOnlyMemory<byte> ReadAll(Stream stream, long limit, Func<long?, Exception> tooLarge,
        Action<ReadOnlySpan<byte>>? checkStart = null)
    {
        if (limit >= Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must fit one array.");
        // A length is a hint only (a device says 0 and never ends; a file may grow): the reads below stop at the limit.
        long? length = stream.CanSeek ? stream.Length - stream.Position : null;
        if (length > limit) throw tooLarge(length);
        var buffer = new byte[length is > 0 and var known ? known + 1 : Chunk];   // one byte more shows the end
        int filled = 0;
        if (checkStart is not null)
        {
            int wanted = Math.Min(Chunk, buffer.Length);
            filled = stream.ReadAtLeast(buffer.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);
            checkStart(buffer.AsSpan(0, filled));
            if (filled < wanted) return buffer.AsMemory(0, filled);
        }
        int read;
        while ((read = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
        {
            filled += read;
            if (filled > limit) throw tooLarge(null);
            if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, limit + 1));
        }
        return buffer.AsMemory(0, filled);
    }
}
