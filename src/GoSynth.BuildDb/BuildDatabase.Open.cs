using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using GoSynth.BuildDb.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb;

/// <summary>Opening, crash repair and reader refresh.</summary>
public sealed partial class BuildDatabase
{
    private const FileShare Shared = FileShare.ReadWrite | FileShare.Delete;

    private static async Task<BuildDatabase> OpenWriterAsync(string path, BuildDbOptions options, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var writerLock = WriterLock.Acquire(path, time.GetUtcNow());
        SafeFileHandle? handle = null;
        BuildDatabase? db = null;
        try
        {
            if (writerLock.StaleHolder is { } stale)
            {
                Log.StaleLockTakenOver(logger, path, stale);
            }

            RemoveLeftoverTempFiles(path);
            if (!File.Exists(path))
            {
                CreateEmpty(path);
            }

            handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, Shared);
            var state = new DatabaseState(options.DurationSamples, RandomAccess.GetLength(handle) / 96);
            var load = FileLoader.Load(handle, path, state, logger);
            cancellationToken.ThrowIfCancellationRequested();
            string? copyPath = null;
            var damage = load.Damage.ToList();
            if (load.Empty)
            {
                handle.Dispose();
                CreateEmpty(path);
                handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, Shared);
                load = FileLoader.Load(handle, path, state, logger);
            }
            else if (load.HeaderDamaged || load.Damage.Any(d => d.Kind is DamageKind.Corrupted or DamageKind.Undecodable))
            {
                if (load.TailLength > 0)
                {
                    damage.Add(TailRange(load.ValidEnd, load.TailLength));
                }

                copyPath = CopyAside(path, time);
                handle = Rewrite(handle, path, load);
                Log.DamageRepaired(logger, path, damage.Count, damage.Sum(d => d.Length), Describe(damage), copyPath);
            }
            else if (load.TailLength > 0)
            {
                var tail = TailRange(load.ValidEnd, load.TailLength);
                damage.Add(tail);
                RandomAccess.SetLength(handle, load.ValidEnd);
                RandomAccess.FlushToDisk(handle);
                Log.TornTailCut(logger, path, tail.Offset, tail.Length);
            }

            db = new BuildDatabase(path, readOnly: false, options, logger, time, state, handle)
            {
                _writerLock = writerLock,
                _generation = load.Generation,
            };
            db._pipeline = new CommitPipeline(handle, RandomAccess.GetLength(handle), options.Durability, options.BatchWindow, logger, path);
            var (aborted, interrupted) = await db.RepairUnfinishedAsync().ConfigureAwait(false);
            db.OpenReport = new BuildDbOpenReport
            {
                Damage = damage,
                DamagedCopyPath = copyPath,
                AbortedRuns = aborted,
                InterruptedAttempts = interrupted,
                StaleLockHolder = writerLock.StaleHolder,
                Records = state.Records,
            };
            Log.Opened(logger, path, "writer", state.Records, state.RunCount, state.RowCount, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return db;
        }
        catch
        {
            if (db?._pipeline is { } pipeline)
            {
                await pipeline.DisposeAsync().ConfigureAwait(false);
            }

            handle?.Dispose();
            writerLock.Dispose();
            throw;
        }
    }

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
            var load = FileLoader.Load(handle, path, state, logger);
            var db = new BuildDatabase(path, readOnly: true, options, logger, time, state, handle)
            {
                _generation = load.Generation,
                _validEnd = load.ValidEnd,
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

    private long Refresh()
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            if (CurrentGeneration() is { } generation && generation != _generation)
            {
                var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, Shared);
                var state = new DatabaseState(_options.DurationSamples, RandomAccess.GetLength(handle) / 96);
                var load = FileLoader.Load(handle, Path, state, _logger);
                _handle.Dispose();
                _handle = handle;
                _state = state;
                _generation = load.Generation;
                _validEnd = load.ValidEnd;
                _readerDamage.Clear();
                AddReaderDamage(load.Damage);
                Log.ReaderReloaded(_logger, Path);
                return state.Records;
            }

            var before = _state.Records;
            var result = new LoadResult();
            FileLoader.Scan(_handle, Path, _state, result, _validEnd, RandomAccess.GetLength(_handle), _logger);
            _validEnd = result.ValidEnd;
            AddReaderDamage(result.Damage);
            return _state.Records - before;
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

    /// <summary>Marks attempts left running as interrupted and runs left running as aborted (a writer owns them all).</summary>
    private async Task<(long[] Runs, long[] Attempts)> RepairUnfinishedAsync()
    {
        var attempts = _state.OpenAttemptIds.Order().ToArray();
        var runs = _state.RunsById.Where(r => r.Outcome == RunOutcome.Running).Select(r => r.Id).ToArray();
        if (attempts.Length == 0 && runs.Length == 0)
        {
            return ([], []);
        }

        var frames = new List<byte[]>();
        lock (_sync)
        {
            foreach (var id in attempts)
            {
                var row = _state.RowOf(id)!.Value;
                var run = _state.FindRun(_state.Row(row).RunId);
                var end = Math.Max(_state.Row(row).StartMs, run?.LastSeenMs ?? 0);
                const string reason = "interrupted: the process recording this attempt ended before it finished";
                frames.Add(RecordCodec.AttemptFinished(_frame, id, AttemptStatus.Interrupted, end, null, reason, null, null, null));
                _state.ApplyAttemptFinished(id, AttemptStatus.Interrupted, end, 0, _state.Strings.Id(reason), 0, null, null);
            }

            foreach (var id in runs)
            {
                var run = _state.FindRun(id)!;
                frames.Add(RecordCodec.RunFinished(_frame, id, run.LastSeenMs, RunOutcome.Aborted, run.Counts));
                _state.ApplyRunFinished(id, run.LastSeenMs, RunOutcome.Aborted, run.Counts);
            }
        }

        var commit = new Commit { Frames = frames, ForceFlush = true };
        _state.Records += frames.Count;
        await _pipeline!.Enqueue(commit).ConfigureAwait(false);
        Log.RunsRepaired(_logger, Path, runs.Length, attempts.Length);
        return (runs, attempts);
    }

    private static DamagedRange TailRange(long offset, long length) =>
        new(DamageKind.TornTail, offset, length, $"{length} bytes at the end (offset {offset}) hold an incomplete record, written when the process stopped");

    private static string Describe(IEnumerable<DamagedRange> damage) => string.Join("; ", damage.Take(10).Select(d => d.Detail));
}
