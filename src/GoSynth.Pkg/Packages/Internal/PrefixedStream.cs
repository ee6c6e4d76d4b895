namespace GoSynth.Pkg.Packages.Internal;

/// <summary>A read-only stream that first returns bytes already read for sniffing, then the rest of the source.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream source, bool leaveOpen) : Stream
{
    private int _position;
    private long _consumed;
    private volatile bool _reachedEnd;

    /// <summary>Whether a read asked the source for bytes and got none: the decoder wanted more than the file holds.
    /// A decoding error after that is a truncated file, not a corrupt one.</summary>
    public bool ReachedEnd => _reachedEnd;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    /// <summary>Bytes returned so far (the xz decoder reads it to track block sizes).</summary>
    public override long Position
    {
        get => _consumed;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            _consumed += n;
            return n;
        }

        var read = source.Read(buffer);
        Count(read, buffer.Length);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < prefixLength)
        {
            return Read(buffer.Span);
        }

        var read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(read, buffer.Length);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Count(int read, int asked)
    {
        _consumed += read;
        if (read == 0 && asked > 0)
        {
            _reachedEnd = true;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }
}
