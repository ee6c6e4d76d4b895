namespace GoSynth.Pkg.Tests.Packages;

/// <summary>A read-only stream of <c>length</c> bytes, zeros or pseudo-random (incompressible), never held in memory.</summary>
internal sealed class PatternStream(long length, bool random) : Stream
{
    private readonly Random _random = new(42);
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - _position);
        if (random)
        {
            _random.NextBytes(buffer.AsSpan(offset, n));
        }
        else
        {
            buffer.AsSpan(offset, n).Clear();
        }

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
