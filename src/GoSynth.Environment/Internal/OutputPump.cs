using System.Buffers;
using System.IO.Pipes;
using GoSynth.Environment.Processes;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Environment.Internal;

/// <summary>Reads one output pipe of a child and delivers complete lines to a sink as they arrive.</summary>
internal sealed class OutputPump
{
    private const int MaxLineBytes = 64 * 1024;
    private readonly ProcessStream _stream;
    private readonly IProcessOutputSink? _sink;
    private readonly Lock _sinkLock;
    private readonly Action _onActivity;

    public OutputPump(ProcessStream stream, IProcessOutputSink? sink, Lock sinkLock, Action onActivity)
    {
        _stream = stream;
        _sink = sink;
        _sinkLock = sinkLock;
        _onActivity = onActivity;
    }

    /// <summary>Pumps until end of file (every writer closed the pipe) or <paramref name="abandon"/> is cancelled.</summary>
    public async Task RunAsync(int fd, CancellationToken abandon)
    {
        using var pipe = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(fd, ownsHandle: true));
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var line = new ArrayBufferWriter<byte>(256);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await pipe.ReadAsync(buffer.AsMemory(), abandon).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (IOException)
                {
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                _onActivity();
                var span = buffer.AsSpan(0, read);
                while (span.Length > 0)
                {
                    var nl = span.IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        line.Write(span);
                        if (line.WrittenCount >= MaxLineBytes)
                        {
                            Emit(line);
                        }

                        break;
                    }

                    line.Write(span[..nl]);
                    Emit(line);
                    span = span[(nl + 1)..];
                }
            }

            if (line.WrittenCount > 0)
            {
                Emit(line);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Emit(ArrayBufferWriter<byte> line)
    {
        var bytes = line.WrittenSpan;
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        if (_sink is not null)
        {
            var text = NativeSpawner.Utf8Encoding.GetString(bytes);
            lock (_sinkLock)
            {
                _sink.OnLine(_stream, text);
            }
        }

        line.Clear();
    }
}
