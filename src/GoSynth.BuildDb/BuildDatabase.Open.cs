using System.Diagnostics;
using GoSynth.BuildDb.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb;

/// <summary>Opening, crash repair and reader refresh.</summary>
public sealed partial class BuildDatabase
{
    private const FileShare Shared = FileShare.ReadWrite | FileShare.Delete;
    private const int SameFileLockAttempts = 20;
    private static readonly TimeSpan SameFileLockRetryDelay = TimeSpan.FromMilliseconds(50);

    private static async Task<BuildDatabase> OpenWriterAsync(string path, BuildDbOptions options, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
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

            handle = await OpenLockedAsync(path, time, cancellationToken).ConfigureAwait(false);
            var state = new DatabaseState(options.DurationSamples, RandomAccess.GetLength(handle) / 96);
            var load = FileLoader.Load(handle, path, state, logger);
            cancellationToken.ThrowIfCancellationRequested();
            string? copyPath = null;
            var damage = load.Damage.ToList();
            var loss = load.HeaderDamaged || load.Damage.Any(d => d.Kind is DamageKind.Corrupted or DamageKind.Undecodable);
            if (load.Empty)
            {
                handle.Dispose();
                CreateEmpty(path);
                handle = OpenLocked(path);
                load = FileLoader.Load(handle, path, state, logger);
            }
            else if (loss || load.Version < FileFormat.CurrentVersion)
            {
                if (load.TailLength > 0)
                {
                    damage.Add(TailRange(load.ValidEnd, load.TailLength));
                }

                handle = Replace(handle, path, load, copyAside: loss, time, out copyPath);
                if (loss)
                {
                    Log.DamageRepaired(logger, path, damage.Count, damage.Sum(d => d.Length), Describe(damage), copyPath!);
                }

                if (load.Version < FileFormat.CurrentVersion)
                {
                    Log.FormatUpgraded(logger, path, load.Version, FileFormat.CurrentVersion);
                }
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
            db._pipeline = new CommitPipeline(handle, RandomAccess.GetLength(handle), options.Durability, options.BatchWindow, logger, path)
            {
                Faulting = db.ReloadAfterFault,
            };
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

    /// <summary>
    /// <see cref="OpenLocked"/>, retried for a short while: a process started by another thread of this process can hold
    /// an inherited descriptor of the file (and so its lock) for the moment between its fork and its exec. A writer
    /// that really holds the file holds it far longer than this wait.
    /// </summary>
    private static async Task<SafeFileHandle> OpenLockedAsync(string path, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return OpenLocked(path);
            }
            catch (BuildDbLockedException) when (attempt < SameFileLockAttempts)
            {
                await Task.Delay(SameFileLockRetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Opens the database file for writing and locks the file itself (not only its name), so that a second writer
    /// reaching it through a hard link is refused too.
    /// </summary>
    private static SafeFileHandle OpenLocked(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, Shared);
        if (!NativeMethods.TryLockFile(handle))
        {
            handle.Dispose();
            throw BuildDbLockedException.SameFile(path);
        }

        return handle;
    }

    /// <summary>
    /// After a failed write or flush the pipeline has cut the file back to what was acknowledged: rebuild the indexes
    /// from the file, so this writer's queries show exactly what is stored (no failed append).
    /// </summary>
    private void ReloadAfterFault()
    {
        lock (_sync)
        {
            var state = new DatabaseState(_options.DurationSamples, _state.RowCount);
            FileLoader.Load(_pipeline!.Handle, Path, state, _logger);
            _state = state;
        }
    }

    /// <summary>The database file: absolute, with a symbolic link resolved (renames then replace the file, not the link).</summary>
    private static string ResolvePath(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
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
