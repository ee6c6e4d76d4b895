using GoSynth.BuildDb.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb;

/// <summary>
/// GoSynth's build history: one append-only file of CRC32-framed records (runs, port attempts) with in-memory
/// indexes rebuilt on open. One writer (<see cref="OpenAsync"/>, holding a lock file) and any number of readers
/// (<see cref="OpenReadOnlyAsync"/>, which never block the writer and never see a partial record).
/// Queries read the in-memory indexes and are synchronous; everything that touches the disk is asynchronous.
/// Thread-safe.
/// </summary>
public sealed partial class BuildDatabase : IAsyncDisposable
{
    private readonly Lock _sync = new();
    private readonly BuildDbOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FrameBuilder _frame = new();
    private readonly List<DamagedRange> _readerDamage = [];
    private DatabaseState _state;
    private SafeFileHandle _handle;
    private CommitPipeline? _pipeline;
    private WriterLock? _writerLock;
    private ulong _generation;
    private ushort _version = FileFormat.CurrentVersion;
    private ScanWindow _window = new();
    private long _validEnd;
    private bool _disposed;

    private BuildDatabase(string path, bool readOnly, BuildDbOptions options, ILogger logger, TimeProvider time, DatabaseState state, SafeFileHandle handle)
    {
        Path = path;
        IsReadOnly = readOnly;
        _options = options;
        _logger = logger;
        _time = time;
        _state = state;
        _handle = handle;
        OpenReport = new BuildDbOpenReport();
    }

    /// <summary>The database file: absolute, and the final target when it was opened through a symbolic link.</summary>
    public string Path { get; }

    /// <summary>True for a reader opened with <see cref="OpenReadOnlyAsync"/>.</summary>
    public bool IsReadOnly { get; }

    /// <summary>
    /// What opening found and repaired: damage (torn tail, damaged ranges, where the damaged file was copied),
    /// runs marked aborted, attempts marked interrupted, a stale lock taken over. For a reader, damage found by
    /// later <see cref="RefreshAsync"/> calls is added.
    /// </summary>
    public BuildDbOpenReport OpenReport { get; private set; }

    /// <summary>Opens (or creates) the database for writing, repairing what a crash left behind.</summary>
    /// <param name="path">The database file; its directory is created when missing.</param>
    /// <param name="options">Options (defaults when null).</param>
    /// <param name="loggerFactory">Where repairs and damage are logged.</param>
    /// <param name="timeProvider">The clock for timestamps (the system clock when null).</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="BuildDbLockedException">Another writer has the database open (by this name or another name of the same file).</exception>
    /// <exception cref="BuildDbException">The database is on a read-only file system, or a repair does not fit on the disk.</exception>
    /// <exception cref="BuildDbCorruptException">The file is not a readable build database.</exception>
    /// <exception cref="BuildDbVersionException">The file was written by a newer GoSynth.</exception>
    public static Task<BuildDatabase> OpenAsync(
        string path,
        BuildDbOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var opts = (options ?? new BuildDbOptions()).Clone();
        opts.Validate();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BuildDatabase>();
        return Task.Run(() => OpenWriterAsync(ResolvePath(path), opts, logger, timeProvider ?? TimeProvider.System, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Opens an existing database for reading. Takes no lock, repairs nothing, and reads up to the last valid
    /// record; <see cref="RefreshAsync"/> reads what the writer appended since.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no database at <paramref name="path"/>.</exception>
    /// <exception cref="BuildDbCorruptException">The file is not a readable build database.</exception>
    /// <exception cref="BuildDbVersionException">The file was written by a newer GoSynth.</exception>
    public static Task<BuildDatabase> OpenReadOnlyAsync(
        string path,
        BuildDbOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var opts = (options ?? new BuildDbOptions()).Clone();
        opts.Validate();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BuildDatabase>();
        return Task.Run(() => OpenReader(ResolvePath(path), opts, logger, timeProvider ?? TimeProvider.System), cancellationToken);
    }

    /// <summary>Flushes what is pending, releases the writer lock and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        if (_pipeline is not null)
        {
            await _pipeline.DisposeAsync().ConfigureAwait(false);
            _pipeline.Handle.Dispose();
        }

        _handle.Dispose();
        _writerLock?.Dispose();
    }

    /// <summary>The commit pipeline of a writer (tests observe flushes through it).</summary>
    internal CommitPipeline? Pipeline => _pipeline;

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private CommitPipeline Writer()
    {
        ThrowIfDisposed();
        if (_pipeline is null)
        {
            throw new InvalidOperationException($"build database '{Path}' was opened read-only; open it with BuildDatabase.OpenAsync to write.");
        }

        // A faulted writer appends nothing more: nothing may enter the indexes that the file does not hold.
        _pipeline.ThrowIfFaulted();
        return _pipeline;
    }
}
