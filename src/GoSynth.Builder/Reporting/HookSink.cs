using System.Collections.Immutable;
using System.Globalization;
using System.Threading.Channels;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Reporting.Internal;
using GoSynth.Environment.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Builder.Reporting;

/// <summary>
/// Runs dsynth's hooks: <c>hook_run_start</c>, <c>hook_run_end</c>, <c>hook_pkg_success</c>, <c>hook_pkg_failure</c>,
/// <c>hook_pkg_ignored</c> and <c>hook_pkg_skipped</c>, with dsynth's environment (<c>PROFILE</c>, <c>DIR_PACKAGES</c>,
/// <c>DIR_REPOSITORY</c>, <c>DIR_PORTS</c>, <c>DIR_OPTIONS</c>, <c>DIR_DISTFILES</c>, <c>DIR_LOGS</c>,
/// <c>DIR_BUILDBASE</c>; <c>PORTS_QUEUED</c> at the start; <c>PORTS_BUILT</c>, <c>PORTS_FAILED</c>,
/// <c>PORTS_IGNORED</c>, <c>PORTS_SKIPPED</c> at the end; <c>RESULT</c>, <c>ORIGIN</c>, <c>FLAVOR</c> and
/// <c>PKGNAME</c> for a port) and nothing else but a standard <c>PATH</c>.
/// </summary>
/// <remarks>
/// Hooks run one at a time, in the order of their events, on a queue of their own: <see cref="Publish"/> never waits
/// for one. A hook that cannot start, exits non-zero or outlives <see cref="HookOptions.Timeout"/> (it is then killed)
/// is logged and noted in <c>07_debug.log</c>; it never fails the run. As in dsynth, <c>FLAVOR</c> is the whole origin
/// for a port without a flavor and <c>PKGNAME</c> is the package file name. Unlike dsynth, which runs the ignored and
/// skipped hooks in parallel, GoSynth runs every hook in order. With no hook configured the sink does nothing at all:
/// no queue, no worker, no bookkeeping.
/// </remarks>
public sealed class HookSink : IBuildEventSink, IAsyncDisposable
{
    private const string StandardPath = "/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin";

    private readonly HookOptions _options;
    private readonly IProcessRunner _runner;
    private readonly ILogger _logger;
    private readonly Channel<Job>? _jobs;
    private readonly Task _worker = Task.CompletedTask;
    private readonly Lock _lock = new();
    private readonly RunTracker _run = new();
    private string _profile;

    /// <summary>Creates a sink running the hooks of <paramref name="options"/> through <paramref name="runner"/>.</summary>
    public HookSink(HookOptions options, IProcessRunner runner, ILogger<HookSink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        _options = options;
        _runner = runner;
        _logger = logger ?? NullLogger<HookSink>.Instance;
        _profile = options.Profile;
        if (options.Any)
        {
            _jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
            _worker = Task.Run(() => WorkAsync(_jobs.Reader));
        }
    }

    /// <summary>Whether a worker runs hooks (only when a hook is configured).</summary>
    internal bool HasWorker => _jobs is not null && !_worker.IsCompleted;

    /// <inheritdoc />
    public void Publish(BuildEvent buildEvent)
    {
        ArgumentNullException.ThrowIfNull(buildEvent);
        if (_jobs is null)
        {
            return;
        }

        Job? job;
        lock (_lock)
        {
            _run.Apply(buildEvent);
            job = Handle(buildEvent);
        }

        if (job is not null)
        {
            _jobs.Writer.TryWrite(job);
        }
    }

    /// <summary>Waits until every hook queued so far has run (or was killed at its timeout).</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_jobs is null)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_jobs.Writer.TryWrite(new Job("", "", "", ImmutableDictionary<string, string>.Empty, done)))
        {
            return;
        }

        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _jobs?.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
    }

    private Job? Handle(BuildEvent buildEvent)
    {
        switch (buildEvent)
        {
            case RunStartedEvent e:
                _profile = e.Profile;
                return RunJob("hook_run_start", _options.RunStart, ("PORTS_QUEUED", e.ToBuild));
            case PortFinishedEvent e when e.Outcome.Succeeded:
                return PortJob("hook_pkg_success", _options.PackageSuccess, "success", e.Port, e.Outcome.PackageFile);
            case PortFinishedEvent e:
                return PortJob("hook_pkg_failure", _options.PackageFailure, "failure", e.Port, null);
            case PortNotBuiltEvent { Action: PlanAction.Ignored } e:
                return PortJob("hook_pkg_ignored", _options.PackageIgnored, "ignored", e.Port, e.PackageFile);
            case PortNotBuiltEvent { Action: PlanAction.Skipped or PlanAction.Unbuildable } e:
                return PortJob("hook_pkg_skipped", _options.PackageSkipped, "skipped", e.Port, e.PackageFile);
            case PortSkippedEvent e:
                return PortJob("hook_pkg_skipped", _options.PackageSkipped, "skipped", e.Port, e.PackageFile);
            case RunFinishedEvent:
                var totals = _run.Totals;
                return RunJob("hook_run_end", _options.RunEnd,
                    ("PORTS_BUILT", totals.Built), ("PORTS_FAILED", totals.Failed), ("PORTS_IGNORED", totals.Ignored), ("PORTS_SKIPPED", totals.SkippedOrUnbuildable));
            default:
                return null;
        }
    }

    private Job? RunJob(string hook, string? path, params (string Name, int Value)[] counts)
    {
        if (path is null)
        {
            return null;
        }

        var environment = BaseEnvironment();
        foreach (var (name, value) in counts)
        {
            environment[name] = value.ToString(CultureInfo.InvariantCulture);
        }

        return new Job(hook, path, "run", environment.ToImmutable(), null);
    }

    private Job? PortJob(string hook, string? path, string result, string port, string? packageFile)
    {
        if (path is null)
        {
            return null;
        }

        var at = port.IndexOf('@', StringComparison.Ordinal);
        var environment = BaseEnvironment();
        environment["RESULT"] = result;
        environment["ORIGIN"] = at < 0 ? port : port[..at];
        environment["FLAVOR"] = at < 0 ? port : port[(at + 1)..];
        environment["PKGNAME"] = packageFile ?? _run.Find(port)?.PackageFile ?? "";
        return new Job(hook, path, port, environment.ToImmutable(), null);
    }

    private ImmutableDictionary<string, string>.Builder BaseEnvironment()
    {
        var environment = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        environment["PATH"] = StandardPath;
        environment["PROFILE"] = _profile;
        environment["DIR_PACKAGES"] = _options.PackagesDirectory;
        environment["DIR_REPOSITORY"] = _options.RepositoryDirectory;
        environment["DIR_PORTS"] = _options.PortsDirectory;
        environment["DIR_OPTIONS"] = _options.OptionsDirectory;
        environment["DIR_DISTFILES"] = _options.DistfilesDirectory;
        environment["DIR_LOGS"] = _options.LogsDirectory;
        environment["DIR_BUILDBASE"] = _options.BuildBase;
        return environment;
    }

    private async Task WorkAsync(ChannelReader<Job> jobs)
    {
        await foreach (var job in jobs.ReadAllAsync().ConfigureAwait(false))
        {
            if (job.Done is { } done)
            {
                done.TrySetResult();
                continue;
            }

            await RunAsync(job).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(Job job)
    {
        var output = new CapturingOutputSink();
        var spec = new ProcessSpec(job.Path, [])
        {
            Environment = job.Environment,
            Timeout = _options.Timeout,
            KillGracePeriod = TimeSpan.FromSeconds(1),
        };
        string what;
        try
        {
            var result = await _runner.RunAsync(spec, output).ConfigureAwait(false);
            if (result.Succeeded)
            {
                ReportingLog.HookRan(_logger, job.Hook, job.Path, job.Port, result.Elapsed);
                return;
            }

            what = result.Outcome switch
            {
                ProcessOutcome.TimedOut => $"killed after {_options.Timeout}",
                ProcessOutcome.NoOutput => "killed by the no-output watchdog",
                ProcessOutcome.Signaled => $"ended by signal {result.ExitCode - 128}",
                _ => $"exit {result.ExitCode}",
            };
            var error = output.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (error is not null)
            {
                what += ": " + error;
            }
        }
        catch (ProcessStartException e)
        {
            ReportingLog.HookNotStarted(_logger, job.Hook, job.Path, e);
            what = "could not be started: " + e.Message;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ReportingLog.HookNotStarted(_logger, job.Hook, job.Path, e);
            what = "could not be run: " + e.Message;
        }

        ReportingLog.HookFailed(_logger, job.Hook, job.Path, job.Port, what);
        Note($"[XXX] {job.Port} SCRIPT {job.Hook} ({job.Path}) failed, {DsynthLogSink.OneLine(what)}");
    }

    private void Note(string line)
    {
        if (_options.LogsDirectory.Length == 0)
        {
            return;
        }

        try
        {
            DsynthLogFiles.AppendOnce(_options.LogsDirectory, DsynthLogFiles.Debug, DsynthLogFiles.Line(line));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReportingLog.LogWriteFailed(_logger, _options.LogsDirectory, e);
        }
    }

    private sealed record Job(string Hook, string Path, string Port, ImmutableDictionary<string, string> Environment, TaskCompletionSource? Done);
}
