namespace GoSynth.Pkg.Tests.Packages;

/// <summary>
/// Serves bytes to a reader through a named pipe and counts how many the reader took, so a test can assert how much
/// of an archive was read (not how long it took) and can hold a reader midway through an archive.
/// </summary>
internal sealed class FifoFeeder
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _accepted;

    private FifoFeeder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Bytes written into the pipe so far (what the reader took, plus at most one pipe buffer).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    public static FifoFeeder Create(string path)
    {
        ToolRunner.RequireTools("mkfifo");
        ToolRunner.Run("mkfifo", path);
        return new FifoFeeder(path);
    }

    /// <summary>Writes <paramref name="data"/> up to <paramref name="limit"/> bytes, then holds the pipe open until
    /// <see cref="Close"/> (a reader then sees the end of the file). Stops quietly when the reader goes away.</summary>
    public Task FeedAsync(byte[] data, int limit, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        using var pipe = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
        try
        {
            for (var offset = 0; offset < Math.Min(limit, data.Length); offset += 4096)
            {
                var n = Math.Min(4096, Math.Min(limit, data.Length) - offset);
                pipe.Write(data, offset, n);
                Interlocked.Add(ref _accepted, n);
            }

            await _closed.Task.WaitAsync(cancellationToken);
        }
        catch (IOException)
        {
            // The reader closed its end (EPIPE): it has read all it wanted.
        }
    }, cancellationToken);

    public void Close() => _closed.TrySetResult();
}
