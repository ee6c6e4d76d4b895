using System.Buffers;
using System.Threading.Channels;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Decompresses ahead on a background task so that decompression and the consumer's work (hashing, writing files)
/// overlap on two cores, as <c>zstd -dc | tar -x</c> does with two processes. At most
/// <see cref="Depth"/> buffers are read ahead; an error in the source is rethrown to the reader at the point it occurred.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private const int BufferSize = 1 << 18;
    private const int Depth = 4;

    private readonly Stream _source;
    private readonly Channel<(byte[] Buffer, int Length)> _channel =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(Depth) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private byte[]? _current;
    private int _offset;
    private int _length;
    private bool _done;
    private bool _disposed;

    public ReadAheadStream(Stream source)
    {
        _source = source;
        _producer = Task.Run(ProduceAsync);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    private async Task ProduceAsync()
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                var filled = 0;
                while (filled < BufferSize)
                {
                    var n = await _source.ReadAsync(buffer.AsMemory(filled, BufferSize - filled), _stop.Token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    filled += n;
                }

                if (filled == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    _channel.Writer.TryComplete();
                    return;
                }

                await _channel.Writer.WriteAsync((buffer, filled), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            _channel.Writer.TryComplete(ex);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (!EnsureCurrentSync())
        {
            return 0;
        }

        return CopyOut(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0)
        {
            return 0;
        }

        if (_current is null || _offset == _length)
        {
            if (_done)
            {
                return 0;
            }

            Release();
            try
            {
                if (!await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    _done = true;
                    return 0;
                }
            }
            catch (ChannelClosedException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }

            if (!_channel.Reader.TryRead(out var next))
            {
                return await ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            (_current, _length) = next;
            _offset = 0;
        }

        return CopyOut(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private bool EnsureCurrentSync()
    {
        while (_current is null || _offset == _length)
        {
            if (_done)
            {
                return false;
            }

            Release();
            try
            {
                if (!_channel.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    _done = true;
                    return false;
                }
            }
            catch (ChannelClosedException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }

            if (_channel.Reader.TryRead(out var next))
            {
                (_current, _length) = next;
                _offset = 0;
            }
        }

        return true;
    }

    private int CopyOut(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _length - _offset);
        _current.AsSpan(_offset, n).CopyTo(destination);
        _offset += n;
        return n;
    }

    private void Release()
    {
        if (_current is not null)
        {
            ArrayPool<byte>.Shared.Return(_current);
            _current = null;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _producer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        while (_channel.Reader.TryRead(out var item))
        {
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }

        Release();
        _stop.Dispose();
        await _source.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stop.Cancel();
            _producer.ConfigureAwait(false).GetAwaiter().GetResult();
            while (_channel.Reader.TryRead(out var item))
            {
                ArrayPool<byte>.Shared.Return(item.Buffer);
            }

            Release();
            _stop.Dispose();
            _source.Dispose();
        }

        base.Dispose(disposing);
    }
}
