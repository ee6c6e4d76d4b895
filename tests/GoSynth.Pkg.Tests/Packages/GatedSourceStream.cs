namespace GoSynth.Pkg.Tests.Packages;

/// <summary>
/// A source that serves <c>data</c>, then holds its next asynchronous read (ignoring cancellation, as a slow
/// decompressor would) until <see cref="Release"/>; records when it is disposed.
/// </summary>
internal sealed class GatedSourceStream(byte[] data) : Stream
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    /// <summary>Completes when a read is being held at the gate.</summary>
    public Task Held => _held.Task;

    /// <summary>Completes when the stream is disposed.</summary>
    public Task Disposed => _disposed.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Release() => _gate.TrySetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the test source is read asynchronously only");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Assert.False(_disposed.Task.IsCompleted, "read after dispose");
        if (_position == data.Length)
        {
            _held.TrySetResult();
            await _gate.Task;
            return 0;
        }

        var n = Math.Min(buffer.Length, data.Length - _position);
        data.AsMemory(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _disposed.TrySetResult();
        base.Dispose(disposing);
    }
}
