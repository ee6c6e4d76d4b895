using System.Text.Json;
using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting.Internal;
using GoSynth.Environment.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Builder.Reporting;

/// <summary>
/// Keeps a monitor file (<see cref="MonitorSnapshot"/> as JSON, by default <c>&lt;logs&gt;/monitor.json</c>) up to
/// date while a run goes on: written when the run starts, about once a second, and once more when it ends. Each write
/// goes to a temporary file that is then renamed over the monitor file, so a reader never sees half a snapshot.
/// The snapshots are a <see cref="RunMonitor"/>'s, the same a live view in the building process draws.
/// </summary>
public sealed class MonitorSink : IBuildEventSink, IAsyncDisposable
{
    /// <summary>The monitor file's name in the logs directory.</summary>
    public const string DefaultFileName = "monitor.json";

    private readonly Lock _lock = new();
    private readonly RunMonitor _run = new();
    private readonly ISystemMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;
    private bool _finalPending;
    private long _writes;

    /// <summary>Creates a sink writing <paramref name="path"/>.</summary>
    /// <param name="path">The monitor file.</param>
    /// <param name="metrics">Load, swap and memory for the snapshot; null leaves them out.</param>
    /// <param name="timeProvider">The clock; the system's when null.</param>
    /// <param name="logger">Where write failures are reported.</param>
    /// <param name="interval">How often to write while running; one second when null.</param>
    public MonitorSink(string path, ISystemMetrics? metrics = null, TimeProvider? timeProvider = null, ILogger<MonitorSink>? logger = null, TimeSpan? interval = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (interval is { } given && given <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), given, "The interval must be positive.");
        }

        FilePath = path;
        _metrics = metrics;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<MonitorSink>.Instance;
        _interval = interval ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>The monitor file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public void Publish(BuildEvent buildEvent)
    {
        ArgumentNullException.ThrowIfNull(buildEvent);
        _run.Apply(buildEvent);
        lock (_lock)
        {
            if (buildEvent is RunStartedEvent)
            {
                _stop?.Cancel();
                var stop = _stop = new CancellationTokenSource();
                var previous = _loop;
                _loop = Task.Run(() => LoopAsync(previous, stop.Token), CancellationToken.None);
            }
            else if (buildEvent is RunFinishedEvent)
            {
                _stop?.Cancel();
                _finalPending = true;
            }
        }
    }

    /// <summary>Waits for the writer to stop and, after a finished run, writes the last snapshot.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        Task loop;
        bool final;
        lock (_lock)
        {
            // While a run goes on the writer keeps going; only a finished run's writer is waited for.
            var stopped = _stop is null or { IsCancellationRequested: true };
            loop = stopped ? _loop : Task.CompletedTask;
            final = _finalPending && stopped;
            _finalPending = false;
        }

        await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (final)
        {
            await WriteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        Task loop;
        lock (_lock)
        {
            _stop?.Cancel();
            loop = _loop;
        }

        await loop.ConfigureAwait(false);
    }

    /// <summary>Writes one snapshot now (the writer does this by itself; this is for callers that want a fresh file).</summary>
    public async Task WriteAsync(CancellationToken cancellationToken = default)
    {
        var reading = await ReadMetricsAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = _run.Snapshot(_time.GetUtcNow(), reading);

        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(FilePath))!;
            Directory.CreateDirectory(directory);
            var temporary = $"{FilePath}.{System.Environment.ProcessId}.{Interlocked.Increment(ref _writes)}.new";
            var bytes = JsonSerializer.SerializeToUtf8Bytes(snapshot, ReportingJsonContext.Default.MonitorSnapshot);
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReportingLog.MonitorWriteFailed(_logger, FilePath, e);
        }
    }

    private async Task LoopAsync(Task previous, CancellationToken stop)
    {
        await previous.ConfigureAwait(false);
        while (!stop.IsCancellationRequested)
        {
            await WriteAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(_interval, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async ValueTask<SystemMetricsSnapshot?> ReadMetricsAsync(CancellationToken cancellationToken)
    {
        if (_metrics is null)
        {
            return null;
        }

        try
        {
            return await _metrics.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SystemMetricsException e)
        {
            ReportingLog.MetricsFailed(_logger, e);
            return null;
        }
    }
}
