using System.Diagnostics;
using GoSynth.BuildDb.Internal;
using Microsoft.Extensions.Logging;

namespace GoSynth.BuildDb;

/// <summary>Readers: open, and refresh while a writer appends.</summary>
public sealed partial class BuildDatabase
{
    private static BuildDatabase OpenReader(string path, BuildDbOptions options, ILogger logger, TimeProvider time)
    {
        var started = Stopwatch.GetTimestamp();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"there is no build database at '{path}' (nothing has been built with it yet).", path);
        }

        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, Shared);
        try
        {
            var state = new DatabaseState(options.DurationSamples, RandomAccess.GetLength(handle) / 96);
            var window = new ScanWindow();
            var load = FileLoader.Load(handle, path, state, logger, window);
            var db = new BuildDatabase(path, readOnly: true, options, logger, time, state, handle)
            {
                _generation = load.Generation,
                _version = load.Version,
                _validEnd = load.ValidEnd,
                _window = window,
            };
            db._readerDamage.AddRange(load.Damage);
            db.OpenReport = new BuildDbOpenReport { Damage = [.. load.Damage], Records = state.Records };
            if (load.Damage.Count > 0)
            {
                Log.ReaderFoundDamage(logger, path, load.Damage.Count, load.Damage.Sum(d => d.Length), Describe(load.Damage));
            }

            Log.Opened(logger, path, "reader", state.Records, state.RunCount, state.RowCount, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return db;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// For a reader: reads the records the writer appended since the last open or refresh (a consistent prefix:
    /// never a partial record), or reloads everything when the file was replaced by compaction or repair.
    /// </summary>
    /// <returns>The number of new valid records.</returns>
    public Task<long> RefreshAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (!IsReadOnly)
        {
            return Task.FromResult(0L);
        }

        return Task.Run(Refresh, cancellationToken);
    }

    /// <summary>The work of <see cref="RefreshAsync"/>, on the calling thread (tests measure what it allocates).</summary>
    internal long Refresh()
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            var length = RandomAccess.GetLength(_handle);
            if (length > _validEnd)
            {
                var before = _state.Records;
                var result = new LoadResult { Version = _version };
                FileLoader.Scan(_handle, Path, _state, result, _validEnd, length, _logger, _window);
                _validEnd = result.ValidEnd;
                AddReaderDamage(result.Damage);
                if (_state.Records > before)
                {
                    // The open file grew: it is the current one (compaction and repair write a new file and rename
                    // it over the old one, which then never grows again), so the name need not be checked.
                    return _state.Records - before;
                }
            }

            // Nothing new (no scan buffer, almost no allocation: a monitor refreshes in a loop). Was the file replaced?
            if (CurrentGeneration() is not { } generation || generation == _generation)
            {
                return 0;
            }

            var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, Shared);
            var state = new DatabaseState(_options.DurationSamples, RandomAccess.GetLength(handle) / 96);
            var load = FileLoader.Load(handle, Path, state, _logger, _window);
            _handle.Dispose();
            _handle = handle;
            _state = state;
            _generation = load.Generation;
            _version = load.Version;
            _validEnd = load.ValidEnd;
            _readerDamage.Clear();
            AddReaderDamage(load.Damage);
            Log.ReaderReloaded(_logger, Path);
            return state.Records;
        }
    }

    private void AddReaderDamage(List<DamagedRange> damage)
    {
        if (damage.Count > 0)
        {
            _readerDamage.AddRange(damage);
            Log.ReaderFoundDamage(_logger, Path, damage.Count, damage.Sum(d => d.Length), Describe(damage));
        }

        OpenReport = OpenReport with { Damage = [.. _readerDamage], Records = _state.Records };
    }

    private ulong? CurrentGeneration()
    {
        try
        {
            using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, Shared);
            Span<byte> header = stackalloc byte[FileFormat.HeaderSize];
            var read = RandomAccess.Read(handle, header, 0);
            return FileFormat.CheckHeader(header[..read], out _, out var generation) == HeaderCheck.Valid ? generation : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
