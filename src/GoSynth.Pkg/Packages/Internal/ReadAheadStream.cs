using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Decompresses ahead on a background task so that decompression and the consumer's work (hashing, writing files)
/// overlap on two cores, as <c>zstd -dc | tar -x</c> does with two processes. At most <see cref="Depth"/> buffers
/// are read ahead; an error in the source is rethrown to the reader at the point it occurred.
/// </summary>
/// <remarks>
/// Read-ahead is asynchronous only: it starts on the first <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.
/// A stream first read synchronously is a plain pass-through (a blocking read of the source, never a wait on a
/// task, which under parallel installs could starve the thread pool the producer itself needs). Switching to
/// synchronous reads once read-ahead runs is refused. Neither Dispose waits for the producer: the producer and the
/// reader each hold the stream, and whichever lets go last returns the buffers and disposes the source.
/// </remarks>
internal sealed class ReadAheadStream : Stream
{
    private const int BufferSize = 1 << 18;
    private const int Depth = 4;

    private readonly Stream _source;
    private readonly Channel<(byte[] Buffer, int Length)> _channel =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(Depth) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private Task? _producer;
    private bool _direct;
    private int _holders = 1;
    private byte[]? _current;
    private int _offset;
    private int _length;
    private bool _done;
    private bool _disposed;

    public ReadAheadStream(Stream source)
    {
        _source = source;
    }

    /// <summary>The stream read ahead.</summary>
    public Stream Source => _source;

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Whether the background producer was started (tests).</summary>
    internal bool ReadingAhead => _producer is not null;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_producer is not null)
        {
            throw new NotSupportedException("this stream is already reading ahead asynchronously; a synchronous read would have to block on it: use ReadAsync");
        }

        _direct = true;
        return _source.Read(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_direct)
        {
            return await _source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        if (buffer.Length == 0)
        {
            return 0;
        }

        if (_producer is null)
        {
            _holders = 2;
            _producer = Task.Run(ProduceAsync, CancellationToken.None);
        }

        while (_current is null || _offset == _length)
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
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }

            if (_channel.Reader.TryRead(out var next))
            {
                (_current, _length) = next;
                _offset = 0;
            }
        }

        var n = Math.Min(buffer.Length, _length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer.Span);
        _offset += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Stops the producer and waits for it asynchronously, then disposes the source.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Release();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_producer is { } producer)
        {
            // The producer never faults (errors go to the channel) and lets go of the stream as it ends.
            await producer.ConfigureAwait(false);
        }

        if (Interlocked.Decrement(ref _holders) == 0)
        {
            DrainAndStop();
            await _source.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the producer without waiting for it: if it is still running, it disposes the source when it ends.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            Release();
            _stop.Cancel();
            if (Interlocked.Decrement(ref _holders) == 0)
            {
                DrainAndStop();
                _source.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private async Task ProduceAsync()
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                var filled = 0;
                try
                {
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
                catch (Exception ex) when (filled > 0 && ex is not OperationCanceledException)
                {
                    // Hand over what was decoded before the error, so the reader meets the error where it occurred
                    // (in the entry being read, not at an earlier header).
                    await _channel.Writer.WriteAsync((buffer, filled), _stop.Token).ConfigureAwait(false);
                    throw;
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
            }
        }
        catch (Exception ex)
        {
            _channel.Writer.TryComplete(ex);
        }
        finally
        {
            if (Interlocked.Decrement(ref _holders) == 0)
            {
                // The reader let go first (synchronous Dispose): clean up here, off the reader's thread.
                DrainAndStop();
                await _source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Returns every queued buffer to the pool; only once both holders have let go.</summary>
    private void DrainAndStop()
    {
        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out var item))
        {
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }

        _stop.Dispose();
    }

    private void Release()
    {
        if (_current is not null)
        {
            ArrayPool<byte>.Shared.Return(_current);
            _current = null;
        }
    }
}
