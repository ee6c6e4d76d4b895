using GoSynth.Builder.Events;
using GoSynth.Builder.Running;
using GoSynth.BuildDb;
using GoSynth.Web.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Web.Runs;

/// <summary>
/// Starts and cancels builds for the API: one at a time in this server (a second request gets a conflict naming the
/// run that holds it), and the build database's writer lock refuses a build that another process runs on the same
/// configuration (the conflict then names that process).
/// </summary>
internal sealed class BuildManager : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly BuildRunner _runner;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly TimeProvider _time;
    private ActiveBuild? _active;

    public BuildManager(BuildRunner runner, ILogger<BuildManager>? logger = null, IHostApplicationLifetime? lifetime = null, TimeProvider? timeProvider = null)
    {
        _runner = runner;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The build this server runs now, if any.</summary>
    public ActiveBuild? Active
    {
        get
        {
            lock (_lock)
            {
                return _active is { Completion.IsCompleted: false } active ? active : null;
            }
        }
    }

    /// <summary>Starts a build and waits until its run is open (or it failed to start).</summary>
    public async Task<StartOutcome> StartAsync(IReadOnlyList<string> ports, bool force, bool justBuild, CancellationToken cancellationToken)
    {
        ActiveBuild build;
        lock (_lock)
        {
            if (_active is { Completion.IsCompleted: false } holder)
            {
                return StartOutcome.Conflict(holder.Describe());
            }

            var opened = new RunOpenedSink();
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
            build = new ActiveBuild(ports, force, justBuild, _time.GetUtcNow(), cancel, opened);
            var options = new BuildRunOptions { Ports = ports, Force = force, JustBuild = justBuild, Sinks = [opened] };
            build.Completion = Task.Run(() => _runner.RunAsync(options, cancel.Token), CancellationToken.None);
            _active = build;
        }

        _ = WatchAsync(build);

        try
        {
            var runId = await build.Opened.RunId.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (runId is { } id)
            {
                Log.BuildStarted(_logger, id, ports.Count == 0 ? "everything" : string.Join(' ', ports));
                return StartOutcome.Started(id);
            }

            // The run ended without opening a run (an empty plan never opens one; it finished at once).
            var result = await build.Completion.ConfigureAwait(false);
            return StartOutcome.Started(result.RunId);
        }
        catch (BuildDbLockedException e)
        {
            Log.BuildNotStarted(_logger, e.Message);
            return StartOutcome.Conflict($"another build holds the build database {e.Path}: {e.Holder}");
        }
        catch (Exception e) when (e is Pkg.Ports.PortSpecException or ArgumentException or Pkg.Graph.PortGraphCycleException)
        {
            Log.BuildNotStarted(_logger, e.Message);
            return StartOutcome.Invalid(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.BuildNotStarted(_logger, e.Message);
            return StartOutcome.Failed(e.Message.ReplaceLineEndings(" "));
        }
    }

    private async Task WatchAsync(ActiveBuild build)
    {
        try
        {
            var result = await build.Completion.ConfigureAwait(false);
            Log.BuildEnded(_logger, result.RunId, result.Aborted ? "aborted" : $"built {result.Built}, failed {result.Failed}, skipped {result.Skipped}");
            build.Opened.Fail(null);
        }
#pragma warning disable CA1031 // The starter gets the exception through the sink; nothing else awaits this.
        catch (Exception e)
#pragma warning restore CA1031
        {
            build.Opened.Fail(e);
        }
        finally
        {
            build.Cancellation.Dispose();
        }
    }

    /// <summary>Cancels the build of run <paramref name="runId"/> if this server runs it.</summary>
    public bool Cancel(long runId)
    {
        ActiveBuild? build;
        lock (_lock)
        {
            build = _active is { Completion.IsCompleted: false } active && active.RunId == runId ? active : null;
        }

        if (build is null)
        {
            return false;
        }

        try
        {
            build.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        Log.BuildCancelled(_logger, runId);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        ActiveBuild? build;
        lock (_lock)
        {
            build = _active;
        }

        if (build is { Completion.IsCompleted: false })
        {
            try
            {
                await build.Cancellation.CancelAsync().ConfigureAwait(false);
                await build.Completion.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Shutting down: the run's own error was reported by the run.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>Notes the run's id when its run opens.</summary>
    internal sealed class RunOpenedSink : IBuildEventSink
    {
        private readonly TaskCompletionSource<long?> _runId = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private long _opened;

        public Task<long?> RunId => _runId.Task;

        /// <summary>The opened run's id, or 0 before it opened.</summary>
        public long Opened => Volatile.Read(ref _opened);

        public void Publish(BuildEvent buildEvent)
        {
            if (buildEvent is RunStartedEvent started)
            {
                Volatile.Write(ref _opened, started.RunId);
                _runId.TrySetResult(started.RunId);
            }
        }

        public void Fail(Exception? exception)
        {
            if (exception is null)
            {
                _runId.TrySetResult(null);
            }
            else
            {
                _runId.TrySetException(exception);
            }
        }
    }
}

/// <summary>A build this server started.</summary>
internal sealed class ActiveBuild(IReadOnlyList<string> ports, bool force, bool justBuild, DateTimeOffset requested, CancellationTokenSource cancellation, BuildManager.RunOpenedSink opened)
{
    public IReadOnlyList<string> Ports { get; } = ports;

    public bool Force { get; } = force;

    public bool JustBuild { get; } = justBuild;

    public DateTimeOffset Requested { get; } = requested;

    public CancellationTokenSource Cancellation { get; } = cancellation;

    public BuildManager.RunOpenedSink Opened { get; } = opened;

    public Task<BuildRunResult> Completion { get; set; } = Task.FromResult<BuildRunResult>(null!);

    /// <summary>The run's id once the runner opened it (whether or not the client that started it is still there).</summary>
    public long? RunId => Opened.Opened is > 0 and var id ? id : null;

    public string Describe() =>
        (RunId is { } id ? $"run {id}" : "a run being prepared") +
        $" ({(Ports.Count == 0 ? "everything" : string.Join(' ', Ports))}), requested at {Requested:u} through the API";
}

/// <summary>What starting a build gave.</summary>
internal sealed record StartOutcome(StartStatus Status, long RunId, string? Detail)
{
    public static StartOutcome Started(long runId) => new(StartStatus.Started, runId, null);

    public static StartOutcome Conflict(string holder) => new(StartStatus.Conflict, 0, holder);

    public static StartOutcome Invalid(string detail) => new(StartStatus.Invalid, 0, detail);

    public static StartOutcome Failed(string detail) => new(StartStatus.Failed, 0, detail);
}

/// <summary>How starting a build went.</summary>
internal enum StartStatus
{
    Started,
    Conflict,
    Invalid,
    Failed,
}
