using GoSynth.BuildDb.Internal;

namespace GoSynth.BuildDb;

/// <summary>
/// Appends. Each call returns when its record is as durable as <see cref="BuildDbOptions.Durability"/> promises.
/// Cancelling stops the wait, not the record: once a call has validated its arguments the record is written.
/// </summary>
public sealed partial class BuildDatabase
{
    private const int MaxNodeLength = 1024;
    private const int MaxTextLength = 8192;
    private const int MaxDependenciesLength = 65536;

    /// <summary>Starts a run and returns it (with its new id).</summary>
    public async Task<BuildRun> StartRunAsync(string profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Text(profile, nameof(profile));
        cancellationToken.ThrowIfCancellationRequested();
        Task commit;
        BuildRun run;
        lock (_sync)
        {
            var pipeline = Writer();
            var id = _state.NextRunId;
            var now = NowMs();
            var frame = RecordCodec.RunStarted(_frame, id, now, profile, System.Environment.MachineName, System.Environment.ProcessId);
            run = DatabaseState.ToRun(_state.ApplyRunStarted(id, now, _state.Strings.Intern(profile), System.Environment.MachineName, System.Environment.ProcessId));
            commit = pipeline.Enqueue(new Commit { Frame = frame });
            _state.Records++;
        }

        await commit.WaitAsync(cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <summary>
    /// Finishes a run: attempts of it still running become <see cref="AttemptStatus.Interrupted"/>, then the run
    /// ends with <paramref name="outcome"/> and its counts.
    /// </summary>
    public async Task<BuildRun> FinishRunAsync(long runId, RunOutcome outcome = RunOutcome.Completed, CancellationToken cancellationToken = default)
    {
        if (outcome is not (RunOutcome.Completed or RunOutcome.Aborted))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a run finishes as Completed or Aborted");
        }

        cancellationToken.ThrowIfCancellationRequested();
        Task commit;
        BuildRun result;
        lock (_sync)
        {
            var pipeline = Writer();
            var run = RunningRun(runId);
            var now = NowMs();
            var frames = new List<byte[]>();
            foreach (var index in run.Rows.ToArray())
            {
                ref var row = ref _state.Row(index);
                if (row.Status == AttemptStatus.Running)
                {
                    const string reason = "interrupted: the run finished before this attempt did";
                    frames.Add(RecordCodec.AttemptFinished(_frame, row.Id, AttemptStatus.Interrupted, now, null, reason, _state.Strings.Get(row.LastPhase), null, null));
                    _state.ApplyAttemptFinished(row.Id, AttemptStatus.Interrupted, now, 0, _state.Strings.Id(reason), row.LastPhase, null, null);
                }
            }

            frames.Add(RecordCodec.RunFinished(_frame, runId, now, outcome, run.Counts));
            result = DatabaseState.ToRun(_state.ApplyRunFinished(runId, now, outcome, run.Counts));
            commit = pipeline.Enqueue(new Commit { Frames = frames });
            _state.Records += frames.Count;
        }

        await commit.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Records that a port attempt started in a slot; returns it with its new id.</summary>
    public async Task<PortAttempt> StartAttemptAsync(long runId, string node, string version, int slot = -1, CancellationToken cancellationToken = default)
    {
        Node(node);
        ArgumentNullException.ThrowIfNull(version);
        Text(version, nameof(version));
        cancellationToken.ThrowIfCancellationRequested();
        Task commit;
        PortAttempt result;
        lock (_sync)
        {
            var pipeline = Writer();
            RunningRun(runId);
            var id = _state.NextAttemptId;
            var now = NowMs();
            var frame = RecordCodec.AttemptStarted(_frame, id, runId, node, version, slot, now);
            var index = _state.ApplyAttemptStarted(id, runId, _state.Node(node), _state.Strings.Id(version), slot, now);
            result = _state.ToAttempt(index);
            commit = pipeline.Enqueue(new Commit { Frame = frame });
            _state.Records++;
        }

        await commit.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Records how a started attempt ended; returns the finished attempt.</summary>
    public async Task<PortAttempt> FinishAttemptAsync(long attemptId, AttemptResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        FinalStatus(result.Status, nameof(result));
        Texts(result.PackageFile, result.Reason, result.LastPhase);
        Inputs(result.Options, result.Dependencies);
        cancellationToken.ThrowIfCancellationRequested();
        Task commit;
        PortAttempt finished;
        lock (_sync)
        {
            var pipeline = Writer();
            if (!_state.IsOpen(attemptId))
            {
                throw new InvalidOperationException(_state.RowOf(attemptId) is null
                    ? $"attempt {attemptId} is not in build database '{Path}'."
                    : $"attempt {attemptId} has already finished.");
            }

            var index = _state.RowOf(attemptId)!.Value;
            var end = Math.Max(_state.Row(index).StartMs, result.End?.ToUnixTimeMilliseconds() ?? NowMs());
            var excerpt = Excerpt(result.FailureExcerpt);
            var frame = RecordCodec.AttemptFinished(
                _frame, attemptId, result.Status, end, result.PackageFile, result.Reason, result.LastPhase, result.Fingerprint, excerpt,
                result.Options, result.FrameworkFingerprint, result.Dependencies);
            _state.ApplyAttemptFinished(
                attemptId, result.Status, end, Intern(result.PackageFile), Intern(result.Reason), Intern(result.LastPhase), result.Fingerprint, excerpt,
                new AttemptInputs(Intern(result.Options), result.FrameworkFingerprint, Intern(result.Dependencies)));
            finished = _state.ToAttempt(index);
            commit = pipeline.Enqueue(new Commit { Frame = frame });
            _state.Records++;
        }

        await commit.WaitAsync(cancellationToken).ConfigureAwait(false);
        return finished;
    }

    /// <summary>Records a finished attempt in one step (skipped, ignored, meta, up to date, or recorded afterwards).</summary>
    public async Task<PortAttempt> RecordAttemptAsync(long runId, AttemptRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        Validate(record);
        cancellationToken.ThrowIfCancellationRequested();
        Task commit;
        PortAttempt result;
        lock (_sync)
        {
            var pipeline = Writer();
            RunningRun(runId);
            var index = ApplyRecord(runId, record, NowMs(), out var frame);
            result = _state.ToAttempt(index);
            commit = pipeline.Enqueue(new Commit { Frame = frame });
            _state.Records++;
        }

        await commit.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Records many finished attempts with one write (and one flush): the fast path for a batch of results.</summary>
    public async Task RecordAttemptsAsync(long runId, IReadOnlyList<AttemptRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            Validate(record);
        }

        cancellationToken.ThrowIfCancellationRequested();
        Task commit;
        lock (_sync)
        {
            var pipeline = Writer();
            RunningRun(runId);
            var now = NowMs();
            var frames = new byte[records.Count][];
            for (var i = 0; i < frames.Length; i++)
            {
                ApplyRecord(runId, records[i], now, out frames[i]);
            }

            commit = pipeline.Enqueue(new Commit { Frames = frames });
            _state.Records += frames.Length;
        }

        await commit.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes everything appended so far to stable storage, whatever the durability mode.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Task commit;
        lock (_sync)
        {
            commit = Writer().Enqueue(new Commit { ForceFlush = true });
        }

        return commit.WaitAsync(cancellationToken);
    }

    private int ApplyRecord(long runId, AttemptRecord record, long now, out byte[] frame)
    {
        var id = _state.NextAttemptId;
        var start = record.Start?.ToUnixTimeMilliseconds() ?? now;
        var end = Math.Max(start, record.End?.ToUnixTimeMilliseconds() ?? now);
        var excerpt = Excerpt(record.FailureExcerpt);
        var index = _state.ApplyAttempt(
            id, runId, _state.Node(record.Node), _state.Strings.Id(record.Version), record.Slot, start, record.Status, end,
            Intern(record.PackageFile), Intern(record.Reason), Intern(record.LastPhase), record.Fingerprint, excerpt,
            new AttemptInputs(Intern(record.Options), record.FrameworkFingerprint, Intern(record.Dependencies)));
        frame = RecordCodec.Attempt(_frame, _state, in _state.Row(index));
        return index;
    }

    private RunState RunningRun(long runId)
    {
        var run = _state.FindRun(runId) ?? throw new ArgumentException($"run {runId} is not in build database '{Path}'.", nameof(runId));
        if (run.Outcome != RunOutcome.Running)
        {
            throw new InvalidOperationException($"run {runId} has already finished ({run.Outcome}); start a new run to record attempts.");
        }

        return run;
    }

    private int Intern(string? value) => _state.Strings.Id(value);

    private string? Excerpt(string? text) =>
        text is null || text.Length <= _options.MaxExcerptLength ? text : text[^_options.MaxExcerptLength..];

    private static void Validate(AttemptRecord record)
    {
        Node(record.Node);
        ArgumentNullException.ThrowIfNull(record.Version, nameof(record));
        Text(record.Version, nameof(record));
        FinalStatus(record.Status, nameof(record));
        Texts(record.PackageFile, record.Reason, record.LastPhase);
        Inputs(record.Options, record.Dependencies);
    }

    private static void Node(string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (node.Length > MaxNodeLength || node.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            throw new ArgumentException($"node '{node}' is not a node id (category/port[@flavor], at most {MaxNodeLength} printable characters).", nameof(node));
        }
    }

    private static void FinalStatus(AttemptStatus status, string name)
    {
        if (status == AttemptStatus.Running || !Enum.IsDefined(status))
        {
            throw new ArgumentException($"an attempt ends with a final status, not {status}.", name);
        }
    }

    private static void Texts(string? a, string? b, string? c)
    {
        Text(a, "packageFile");
        Text(b, "reason");
        Text(c, "lastPhase");
    }

    private static void Inputs(string? options, string? dependencies)
    {
        Text(options, "options");
        if (dependencies is { Length: > MaxDependenciesLength })
        {
            throw new ArgumentException($"dependencies is {dependencies.Length} characters; the limit is {MaxDependenciesLength}.", nameof(dependencies));
        }
    }

    private static void Text(string? value, string name)
    {
        if (value is { Length: > MaxTextLength })
        {
            throw new ArgumentException($"{name} is {value.Length} characters; the limit is {MaxTextLength}.", name);
        }
    }
}
