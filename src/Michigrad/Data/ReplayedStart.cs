namespace Michigrad.Data;

/// <summary>A read-only stream that gives back bytes already read from a stream that cannot seek (a pipe), then the
/// rest of it: a reader may look at a file's first bytes and still read it from the start.</summary>
/// <param name="start">The bytes already read.</param>
/// <param name="rest">The stream they were read from; disposed with this one.</param>
internal sealed class ReplayedStart(ReadOnlyMemory<byte> start, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> _start = start;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_start.IsEmpty) return rest.Read(buffer);
        int n = Math.Min(buffer.Length, _start.Length);
        _start.Span[..n].CopyTo(buffer);
        _start = _start[n..];
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) rest.Dispose();
        base.Dispose(disposing);
    }
}
