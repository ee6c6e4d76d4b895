using System.Buffers;
using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Internal;

/// <summary>Splits one output pipe's bytes into lines and delivers them to a sink as they arrive.</summary>
internal sealed class OutputPump
{
    private const int MaxLineBytes = 64 * 1024;
    private readonly ProcessStream _stream;
    private readonly IProcessOutputSink? _sink;
    private readonly Lock _sinkLock;
    private readonly Action _onActivity;
    private readonly ArrayBufferWriter<byte> _line = new(256);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private object? _handle;

    public OutputPump(ProcessStream stream, IProcessOutputSink? sink, Lock sinkLock, Action onActivity)
    {
        _stream = stream;
        _sink = sink;
        _sinkLock = sinkLock;
        _onActivity = onActivity;
    }

    /// <summary>The first exception the sink threw; later lines were not delivered.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Completes when the pipe reached end of file (every writer closed it) or was abandoned.</summary>
    public Task Completion => _done.Task;

    /// <summary>Watches <paramref name="fd"/> on the shared poll loop (which owns and closes it).</summary>
    public OutputPump Start(int fd)
    {
        _handle = PollLoop.Instance.AddPipe(fd, OnData, OnClosed);
        return this;
    }

    /// <summary>Stops reading (a process outside the run still holds the pipe open).</summary>
    public void Abandon()
    {
        if (_handle is not null)
        {
            PollLoop.Instance.Abandon(_handle);
        }
    }

    private void OnData(ReadOnlySpan<byte> span)
    {
        _onActivity();
        while (span.Length > 0)
        {
            if (_line.WrittenCount == MaxLineBytes)
            {
                // A full piece of an overlong line: a newline right after it ends the line, anything else starts the
                // next piece. Pieces are cut at exactly MaxLineBytes, whatever sizes the pipe's reads have.
                Emit();
                if (span[0] == (byte)'\n')
                {
                    span = span[1..];
                }

                continue;
            }

            var look = span[..Math.Min(span.Length, MaxLineBytes - _line.WrittenCount)];
            var nl = look.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                _line.Write(span[..nl]);
                Emit();
                span = span[(nl + 1)..];
                continue;
            }

            _line.Write(look);
            span = span[look.Length..];
        }
    }

    private void OnClosed()
    {
        if (_line.WrittenCount > 0)
        {
            Emit();
        }

        _done.TrySetResult();
    }

    private void Emit()
    {
        var bytes = _line.WrittenSpan;
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        if (_sink is not null && Failure is null)
        {
            var text = NativeSpawner.Utf8Encoding.GetString(bytes);
            try
            {
                lock (_sinkLock)
                {
                    _sink.OnLine(_stream, text);
                }
            }
            catch (Exception e)
            {
                // Keep draining the pipe so the child never blocks on a full pipe; the runner rethrows this at the end.
                Failure = e;
            }
        }

        _line.Clear();
    }
}
