using GoSynth.Environment.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Environment.Processes;

/// <summary>
/// The stock <see cref="IProcessRunner"/> for Linux, FreeBSD and DragonFly. The child is started with posix_spawn as
/// the leader of a new session (Linux) or process group (BSD), so one signal reaches every process it starts.
/// Timeout, watchdog and cancellation send SIGKILL to the whole group (after <see cref="ProcessSpec.KillGracePeriod"/>
/// of SIGTERM when set); when the leader ends by itself, group members it left behind are killed too, so nothing a
/// run started outlives it (a process that moves itself to another session escapes; build slots contain those with
/// a PID namespace or a reaper). An exception thrown by the output sink stops delivery (the pipes are still drained so
/// the child never blocks) and is rethrown once the process tree has ended.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    private static readonly TimeSpan s_drainGrace = TimeSpan.FromSeconds(2);
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a runner.</summary>
    /// <param name="logger">Receives start, limit and kill events; null logs nothing.</param>
    /// <param name="timeProvider">The clock for limits and elapsed time; null uses the system clock.</param>
    public ProcessRunner(ILogger<ProcessRunner>? logger = null, TimeProvider? timeProvider = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<ProcessResult> RunAsync(ProcessSpec spec, IProcessOutputSink? output = null, CancellationToken cancellationToken = default) =>
        RunAsync(spec, output, started: null, cancellationToken);

    /// <summary>As <see cref="RunAsync(ProcessSpec, IProcessOutputSink?, CancellationToken)"/>, telling <paramref name="started"/> the child's pid.</summary>
    internal async Task<ProcessResult> RunAsync(ProcessSpec spec, IProcessOutputSink? output, Action<int>? started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        cancellationToken.ThrowIfCancellationRequested();
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("GoSynth runs commands on Linux, FreeBSD and DragonFly only.");
        }

        if (!OperatingSystem.IsLinux())
        {
            // The wait without reaping needs these; a system whose values are not in the native table fails here,
            // before a child exists that could not be waited for.
            _ = (LibC.PPid, LibC.WExited, LibC.WNoWait);
        }

        var argv = new List<string>(spec.Arguments.Count + 1) { spec.FileName };
        argv.AddRange(spec.Arguments);
        var start = _timeProvider.GetTimestamp();
        var (pid, stdoutFd, stderrFd) = spec.MountNamespace is { } view
            ? await view.StartAsync(spec, argv, _logger).ConfigureAwait(false)
            : ChildStarter.Start(spec, argv);

        Log.ProcessStarted(_logger, pid, NativeSpawner.Quote(argv));
        started?.Invoke(pid);
        long lastActivity = start;
        var sinkLock = new Lock();
        void Touch() => Interlocked.Exchange(ref lastActivity, _timeProvider.GetTimestamp());
        var stdoutPump = new OutputPump(ProcessStream.StandardOutput, output, sinkLock, Touch).Start(stdoutFd);
        var stderrPump = new OutputPump(ProcessStream.StandardError, output, sinkLock, Touch).Start(stderrFd);
        var pumps = Task.WhenAll(stdoutPump.Completion, stderrPump.Completion);
        var exited = NativeSpawner.WhenExited(pid);

        var limit = await WatchAsync(spec, exited, start, () => Interlocked.Read(ref lastActivity), cancellationToken).ConfigureAwait(false);
        if (limit != Limit.None)
        {
            Log.KillingTree(_logger, pid, limit.ToString());
            await KillGroupAsync(pid, spec.KillGracePeriod, exited).ConfigureAwait(false);
        }

        await exited.ConfigureAwait(false);

        // The leader is a zombie now, so its pid is still reserved: kill whatever it left in its group, then reap it.
        NativeSpawner.KillGroup(pid, LibC.SIGKILL);
        var status = NativeSpawner.Reap(pid);
        var elapsed = _timeProvider.GetElapsedTime(start);

        if (!pumps.IsCompleted &&
            await Task.WhenAny(pumps, Task.Delay(s_drainGrace, _timeProvider, CancellationToken.None)).ConfigureAwait(false) != pumps)
        {
            // A process outside the group still holds the pipe: stop reading it.
            Log.OutputAbandoned(_logger, pid);
            stdoutPump.Abandon();
            stderrPump.Abandon();
            await pumps.ConfigureAwait(false);
        }
        else
        {
            await pumps.ConfigureAwait(false);
        }

        if ((stdoutPump.Failure ?? stderrPump.Failure) is { } sinkFailure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(sinkFailure);
        }

        if (limit == Limit.Cancelled)
        {
            throw new OperationCanceledException($"'{spec.FileName}' was cancelled and its process tree killed", cancellationToken);
        }

        var (outcome, code) = Decode(status ?? 0);
        if (limit == Limit.Timeout)
        {
            outcome = ProcessOutcome.TimedOut;
        }
        else if (limit == Limit.Watchdog)
        {
            outcome = ProcessOutcome.NoOutput;
        }

        Log.ProcessEnded(_logger, pid, outcome.ToString(), code, elapsed.TotalMilliseconds);
        return new ProcessResult(outcome, code, elapsed);
    }

    private static (ProcessOutcome Outcome, int Code) Decode(int status)
    {
        var termSig = status & 0x7f;
        return termSig == 0
            ? (ProcessOutcome.Exited, (status >> 8) & 0xff)
            : (ProcessOutcome.Signaled, 128 + termSig);
    }

    private async Task<Limit> WatchAsync(ProcessSpec spec, Task exited, long start, Func<long> lastActivity, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
        using var stopDelays = new CancellationTokenSource();
        try
        {
            while (true)
            {
                var now = _timeProvider.GetTimestamp();
                var wait = Timeout.InfiniteTimeSpan;
                if (spec.Timeout is { } timeout)
                {
                    var left = timeout - _timeProvider.GetElapsedTime(start, now);
                    if (left <= TimeSpan.Zero)
                    {
                        return Limit.Timeout;
                    }

                    wait = left;
                }

                if (spec.NoOutputTimeout is { } quiet)
                {
                    var left = quiet - _timeProvider.GetElapsedTime(lastActivity(), now);
                    if (left <= TimeSpan.Zero)
                    {
                        return Limit.Watchdog;
                    }

                    wait = wait == Timeout.InfiniteTimeSpan || left < wait ? left : wait;
                }

                var delay = wait == Timeout.InfiniteTimeSpan
                    ? Task.Delay(Timeout.InfiniteTimeSpan, stopDelays.Token)
                    : Task.Delay(wait, _timeProvider, stopDelays.Token);
                var done = await Task.WhenAny(exited, cancelled.Task, delay).ConfigureAwait(false);
                if (done == exited)
                {
                    return Limit.None;
                }

                if (done == cancelled.Task)
                {
                    return Limit.Cancelled;
                }
            }
        }
        finally
        {
            await stopDelays.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task KillGroupAsync(int pgid, TimeSpan? grace, Task exited)
    {
        if (grace is { } g && g > TimeSpan.Zero)
        {
            NativeSpawner.KillGroup(pgid, LibC.SIGTERM);
            await Task.WhenAny(exited, Task.Delay(g, _timeProvider, CancellationToken.None)).ConfigureAwait(false);
        }

        NativeSpawner.KillGroup(pgid, LibC.SIGKILL);
    }

    private enum Limit
    {
        None,
        Timeout,
        Watchdog,
        Cancelled,
    }
}
