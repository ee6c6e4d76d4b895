using GoSynth.BuildDb.Internal;

namespace GoSynth.BuildDb;

/// <summary>Compaction: rewrite the file keeping every node's state and the configured history.</summary>
public sealed partial class BuildDatabase
{
    /// <summary>Test hook: called with the name of each compaction step, to simulate a crash between steps.</summary>
    internal Action<string>? CompactionStep { get; set; }

    /// <summary>
    /// Rewrites the file keeping the newest <see cref="CompactionOptions.KeepRuns"/> runs with all their attempts
    /// and, for every node, its last attempt, its last success and its recent successes (so port state and expected
    /// durations are unchanged). Crash-safe: a temporary file is written and flushed, renamed over the database
    /// (atomic), and the directory flushed; a crash at any step leaves either the old or the new file, complete.
    /// Appends wait while it runs. Readers notice the new file on their next refresh.
    /// </summary>
    /// <returns>The statistics after compaction.</returns>
    public async Task<BuildDbStatistics> CompactAsync(CompactionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CompactionOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.KeepRuns);
        var keepSuccesses = options.KeepSuccessesPerNode ?? _options.DurationSamples;
        ArgumentOutOfRangeException.ThrowIfNegative(keepSuccesses);
        cancellationToken.ThrowIfCancellationRequested();
        Task commit;
        lock (_sync)
        {
            commit = Writer().Enqueue(new Commit { Exclusive = () => Task.Run(() => Compact(options.KeepRuns, keepSuccesses), cancellationToken) });
        }

        await commit.ConfigureAwait(false);
        return GetStatistics();
    }

    private void Compact(int keepRuns, int keepSuccesses)
    {
        lock (_sync)
        {
            var pipeline = _pipeline!;
            var before = pipeline.Position;
            var temp = TempPath(Path, "compact");
            var kept = KeptRows(keepRuns, keepSuccesses);
            var renamed = false;
            try
            {
                WriteCompacted(temp, kept, keepRuns);
                CompactionStep?.Invoke("temp-flushed");
                File.Move(temp, Path, overwrite: true);
                renamed = true;
                CompactionStep?.Invoke("renamed");
                NativeMethods.FsyncDirectory(System.IO.Path.GetDirectoryName(Path)!);
                CompactionStep?.Invoke("directory-flushed");
            }
            catch (Exception ex)
            {
                if (renamed)
                {
                    // The new file is in place: never keep appending to the old, unlinked one.
                    SwitchTo(pipeline, kept.Count);
                }
                else
                {
                    File.Delete(temp);
                    if (ex is IOException and not BuildDbException)
                    {
                        throw new BuildDbException(
                            $"compaction of build database '{Path}' failed while writing the compacted copy ({ex.Message}); the database was left as it was and stays open for writing. The copy needs up to {before} bytes free beside the database: free some space and compact again.",
                            Path,
                            ex);
                    }
                }

                throw;
            }

            var validEnd = SwitchTo(pipeline, kept.Count);
            Log.Compacted(_logger, Path, before, validEnd, _state.RowCount);
        }
    }

    private List<int> KeptRows(int keepRuns, int keepSuccesses)
    {
        var keep = new HashSet<int>();
        var runs = _state.RunsById;
        for (var i = Math.Max(0, runs.Count - keepRuns); i < runs.Count; i++)
        {
            keep.UnionWith(runs[i].Rows);
        }

        foreach (var node in _state.Nodes)
        {
            if (node.LastRow >= 0)
            {
                keep.Add(node.LastRow);
            }

            if (node.LastSuccessRow >= 0)
            {
                keep.Add(node.LastSuccessRow);
            }

            var successes = 0;
            var rows = node.Rows;
            for (var i = rows.Length - 1; i >= 0 && successes < keepSuccesses; i--)
            {
                if (_state.Row(rows[i]).Status == AttemptStatus.Success)
                {
                    keep.Add(rows[i]);
                    successes++;
                }
            }
        }

        var list = keep.ToList();
        list.Sort((a, b) => _state.Row(a).Id.CompareTo(_state.Row(b).Id));
        return list;
    }

    private void WriteCompacted(string temp, List<int> rows, int keepRuns)
    {
        var runs = _state.RunsById;
        var keptRuns = new SortedSet<long>();
        for (var i = Math.Max(0, runs.Count - keepRuns); i < runs.Count; i++)
        {
            keptRuns.Add(runs[i].Id);
        }

        foreach (var index in rows)
        {
            keptRuns.Add(_state.Row(index).RunId);
        }

        using var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        Span<byte> header = stackalloc byte[FileFormat.HeaderSize];
        FileFormat.WriteHeader(header, NewGeneration());
        output.Write(header);
        output.Write(RecordCodec.IdWatermark(_frame, _state.NextRunId, _state.NextAttemptId));
        foreach (var id in keptRuns)
        {
            var run = _state.FindRun(id)!;
            output.Write(RecordCodec.RunStarted(_frame, run.Id, run.StartMs, run.Profile, run.Host ?? string.Empty, run.Pid));
        }

        foreach (var index in rows)
        {
            ref var row = ref _state.Row(index);
            output.Write(row.Status == AttemptStatus.Running
                ? RecordCodec.AttemptStarted(_frame, row.Id, row.RunId, _state.NodeAt(row.Node).Name, _state.Strings.Get(row.Version)!, row.Slot, row.StartMs)
                : RecordCodec.Attempt(_frame, _state, in row));
        }

        foreach (var id in keptRuns)
        {
            var run = _state.FindRun(id)!;
            if (run.Outcome != RunOutcome.Running)
            {
                output.Write(RecordCodec.RunFinished(_frame, run.Id, run.EndMs, run.Outcome, run.Counts));
            }
        }

        output.Flush(flushToDisk: true);
    }

    /// <summary>Switches to the file now at <see cref="Path"/> and rebuilds the indexes from it, so this instance shows what a reopen shows.</summary>
    private long SwitchTo(CommitPipeline pipeline, int expectedAttempts)
    {
        var handle = OpenLocked(Path);
        var state = new DatabaseState(_options.DurationSamples, expectedAttempts);
        var load = FileLoader.Load(handle, Path, state, _logger);
        var old = pipeline.Handle;
        pipeline.Handle = handle;
        pipeline.Position = load.ValidEnd;
        _handle = handle;
        old.Dispose();
        _state = state;
        _generation = load.Generation;
        return load.ValidEnd;
    }
}
