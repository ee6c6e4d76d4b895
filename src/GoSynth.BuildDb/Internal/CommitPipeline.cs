using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb.Internal;

/// <summary>
/// The single writer loop: appends queued frames in order with one gathered write per batch, flushes as the
/// <see cref="Durability"/> mode promises (group commit), and completes each caller only after that.
/// </summary>
internal sealed class CommitPipeline : IAsyncDisposable
{
    private readonly Channel<Commit> _queue = Channel.CreateUnbounded<Commit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Durability _durability;
    private readonly TimeSpan _window;
    private readonly ILogger _logger;
    private readonly string _path;
    private readonly Task _loop;
    private readonly List<Commit> _batch = [];
    private readonly List<ReadOnlyMemory<byte>> _gather = [];
    private Exception? _fault;
    private long _batchStart;
    private string? _notDiscarded;

    public CommitPipeline(SafeFileHandle handle, long position, Durability durability, TimeSpan window, ILogger logger, string path)
    {
        Handle = handle;
        Position = position;
        _durability = durability;
        _window = window;
        _logger = logger;
        _path = path;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The file written; swapped by an exclusive action (compaction).</summary>
    public SafeFileHandle Handle { get; set; }

    /// <summary>The offset of the next append.</summary>
    public long Position { get; set; }

    /// <summary>The end of what the last flush covered (tests check a call returns only after its record is covered).</summary>
    public long SyncedPosition { get; private set; }

    /// <summary>How many flushes ran.</summary>
    public long Flushes { get; private set; }

    /// <summary>
    /// What makes written bytes durable. Always <see cref="DiskFlusher.Instance"/> in production; tests swap in one
    /// that blocks to check that no call is acknowledged before the flush covering its record has returned.
    /// </summary>
    public IDiskFlusher Flusher { get; set; } = DiskFlusher.Instance;

    /// <summary>
    /// Called once when a write or flush fails, after the file was cut back to what was acknowledged and before any
    /// caller sees the error: the owner rebuilds its indexes from the file.
    /// </summary>
    public Action? Faulting { get; init; }

    /// <summary>Throws the error of a faulted pipeline (a writer that stopped accepting writes).</summary>
    public void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw Faulted(fault);
        }
    }

    public Task Enqueue(Commit commit)
    {
        if (_fault is { } fault)
        {
            return Task.FromException(Faulted(fault));
        }

        if (!_queue.Writer.TryWrite(commit))
        {
            return Task.FromException(new ObjectDisposedException(nameof(BuildDatabase)));
        }

        return commit.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _batch.Clear();
            _batchStart = Position;
            try
            {
                if (reader.TryPeek(out var head) && head.Exclusive is not null)
                {
                    reader.TryRead(out _);
                    await RunExclusiveAsync(head).ConfigureAwait(false);
                    continue;
                }

                var first = Stopwatch.GetTimestamp();
                var force = Drain();
                if (_durability == Durability.Batched && !force)
                {
                    // Group commit: keep gathering while appends keep arriving, at most one window long, then flush
                    // once for all of them. A lone append is flushed at once (no needless wait).
                    var window = (long)(_window.TotalSeconds * Stopwatch.Frequency);
                    while (Stopwatch.GetTimestamp() - first < window)
                    {
                        await Task.Yield();
                        var before = _batch.Count;
                        force |= Drain();
                        if (_batch.Count == before)
                        {
                            break;
                        }
                    }
                }

                if (_durability != Durability.None || force)
                {
                    var covered = Position;
                    Flusher.Flush(Handle);
                    SyncedPosition = covered;
                    Flushes++;
                }

                foreach (var commit in _batch)
                {
                    commit.Done.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
        }

        if (_fault is null)
        {
            try
            {
                Flusher.Flush(Handle);
            }
            catch (IOException ex)
            {
                Fail(ex);
            }
        }
    }

    /// <summary>Writes every queued append up to the next exclusive action; returns whether any asked for a flush.</summary>
    private bool Drain()
    {
        var reader = _queue.Reader;
        var force = false;
        _gather.Clear();
        var bytes = 0L;
        while (reader.TryPeek(out var next) && next.Exclusive is null && bytes < (8 << 20))
        {
            reader.TryRead(out _);
            _batch.Add(next);
            force |= next.ForceFlush;
            if (next.Frame is { } frame)
            {
                _gather.Add(frame);
                bytes += frame.Length;
            }

            if (next.Frames is { } frames)
            {
                foreach (var f in frames)
                {
                    _gather.Add(f);
                    bytes += f.Length;
                }
            }
        }

        if (bytes > 0)
        {
            RandomAccess.Write(Handle, _gather, Position);
            Position += bytes;
        }

        return force;
    }

    private async Task RunExclusiveAsync(Commit commit)
    {
        try
        {
            await commit.Exclusive!().ConfigureAwait(false);
            commit.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            // An exclusive action (compaction) that fails leaves the old file in place: the writer stays usable.
            commit.Done.TrySetException(ex);
        }
    }

    private void Fail(Exception ex)
    {
        Log.WriteFailed(_logger, ex, _path);
        _fault = ex;
        _queue.Writer.TryComplete();
        Discard();
        try
        {
            Faulting?.Invoke();
        }
        catch (Exception reload) when (reload is IOException or UnauthorizedAccessException)
        {
            _notDiscarded ??= "the file could not be read back: " + reload.Message;
        }

        var error = Faulted(ex);
        foreach (var commit in _batch)
        {
            commit.Done.TrySetException(error);
        }

        while (_queue.Reader.TryRead(out var pending))
        {
            pending.Done.TrySetException(error);
        }
    }

    /// <summary>
    /// Cuts the file back to where the failed batch started and flushes that, so that no append whose call fails is
    /// stored (some of its frames may have been written before the error, or the whole batch before a failed flush).
    /// </summary>
    private void Discard()
    {
        try
        {
            RandomAccess.SetLength(Handle, _batchStart);
            Flusher.Flush(Handle);
            Position = _batchStart;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _notDiscarded = ex.Message;
        }
    }

    private BuildDbException Faulted(Exception cause) => _notDiscarded is null
        ? new($"build database '{_path}' stopped accepting writes after a failed write or flush ({cause.Message}); the appends that failed were not stored (the file was cut back to the last acknowledged record). Fix the cause (disk full, I/O error) and open it again.", _path, cause)
        : new($"build database '{_path}' stopped accepting writes after a failed write or flush ({cause.Message}); the appends that failed MAY HAVE BEEN STORED, because the file could not be cut back ({_notDiscarded}). Fix the cause and open it again, then check what the database holds before recording them again.", _path, cause);
}
