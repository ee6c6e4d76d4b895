using GoSynth.Builder.Configuration;
using GoSynth.BuildDb;
using Microsoft.Extensions.Options;

namespace GoSynth.Web.History;

/// <summary>
/// One read-only view of the build database shared by every request: opened on first use, refreshed with what the
/// writer appended at most every <see cref="RefreshInterval"/>, so a thousand reads a second do not reread the file.
/// </summary>
internal sealed class HistoryReader : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _path;
    private readonly TimeProvider _time;
    private BuildDatabase? _database;
    private long _refreshed;

    public HistoryReader(IOptions<BuilderOptions> options, TimeProvider? timeProvider = null)
    {
        _path = options.Value.EffectiveDatabasePath;
        _time = timeProvider ?? TimeProvider.System;
    }

    public static TimeSpan RefreshInterval { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The database file.</summary>
    public string Path => _path;

    /// <summary>The view as last refreshed, without touching the disk; null before the first read.</summary>
    public BuildDatabase? Cached => Volatile.Read(ref _database);

    /// <summary>The view, refreshed when it is older than the interval; null when there is no database yet.</summary>
    /// <exception cref="BuildDbException">The database cannot be read.</exception>
    public async ValueTask<BuildDatabase?> GetAsync(CancellationToken cancellationToken = default)
    {
        var database = Volatile.Read(ref _database);
        if (database is not null && _time.GetElapsedTime(Volatile.Read(ref _refreshed)) < RefreshInterval)
        {
            return database;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_database is null)
            {
                if (!File.Exists(_path))
                {
                    return null;
                }

                Volatile.Write(ref _database, await BuildDatabase.OpenReadOnlyAsync(_path, cancellationToken: cancellationToken).ConfigureAwait(false));
            }
            else if (_time.GetElapsedTime(Volatile.Read(ref _refreshed)) >= RefreshInterval)
            {
                await _database.RefreshAsync(cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref _refreshed, _time.GetTimestamp());
            return _database;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _database, null) is { } database)
        {
            await database.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}
