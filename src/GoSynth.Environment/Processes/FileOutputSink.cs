using System.Text;

namespace GoSynth.Environment.Processes;

/// <summary>
/// Appends every output line (stdout and stderr interleaved as they arrive) to a file, such as a per-port build log.
/// Thread-safe; lines are flushed as they are written so a reader (<c>tail -f</c>, the monitor) sees them at once.
/// </summary>
public sealed class FileOutputSink : IProcessOutputSink, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>Opens <paramref name="path"/> for appending (creating it and its directory).</summary>
    public FileOutputSink(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void OnLine(ProcessStream stream, string line) => WriteLine(line);

    /// <summary>Writes a line of GoSynth's own (a phase banner, a footer) into the same file, in order with the output.</summary>
    public void WriteLine(string line)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.WriteLine(line);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _writer.Dispose();
            }
        }
    }
}
