using System.Diagnostics.Metrics;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Reporting.Internal;
using GoSynth.Environment.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Metrics;

/// <summary>
/// The builder's metrics, as a <see cref="Meter"/> named <see cref="MeterName"/> (<c>System.Diagnostics.Metrics</c>; an
/// exporter in the host, such as a Prometheus endpoint, listens to it). Fed by the build events it receives as an
/// <see cref="IBuildEventSink"/>; <c>AddGoSynthBuilder</c> registers one. Every label has a small fixed set of values:
/// no instrument is labelled by port.
/// </summary>
/// <remarks>
/// Instruments: <c>gosynth.builder.ports</c> (counter, ports that ended, by <c>result</c>: built, failed, skipped,
/// ignored, unbuildable, up_to_date, meta), <c>gosynth.builder.port.duration</c> (histogram of a build's wall time in
/// seconds, by <c>result</c>: built, failed), <c>gosynth.builder.runs</c> (counter of finished runs by <c>outcome</c>:
/// completed, aborted), and gauges <c>gosynth.builder.queue.depth</c> (queued ports not started),
/// <c>gosynth.builder.slots.running</c>, <c>gosynth.builder.workers.limit</c> (the throttle's limit, the configured
/// builders until it speaks), <c>gosynth.builder.builders</c>, <c>gosynth.builder.load</c> (one-minute load average),
/// <c>gosynth.builder.swap.used</c> (percent), <c>gosynth.builder.database.size</c> (bytes) and
/// <c>gosynth.builder.run.state</c> (1 for the current <c>state</c>, idle or running, 0 for the other).
/// </remarks>
public sealed class BuilderMetrics : IBuildEventSink, IAsyncDisposable, IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "GoSynth.Builder";

    /// <summary>The buckets of the duration histogram, in seconds (a port takes seconds to hours).</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800];

    private static readonly KeyValuePair<string, object?> s_idle = new("state", "idle");
    private static readonly KeyValuePair<string, object?> s_running = new("state", "running");

    private readonly Lock _lock = new();
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _ports;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _runs;
    private readonly ISystemMetrics? _systemMetrics;
    private readonly string? _databasePath;
    private readonly TimeProvider _time;
    private readonly RunTracker _run = new(); // the queue and the busy slots, counted as every report counts them
    private readonly TimeSpan _readingInterval;
    private ITimer? _readingTimer;
    private int _builders;
    private int? _limit;
    private double? _load;
    private double? _swap;
    private bool _running;
    private int _reading;

    /// <summary>Creates the metrics.</summary>
    /// <param name="meterFactory">Creates the meter (so it is scoped to the host's container); null creates and owns a meter.</param>
    /// <param name="systemMetrics">Where the load and swap gauges are read while a run goes on; null reports only what the throttle says.</param>
    /// <param name="databasePath">The build database file, for its size; null leaves that gauge out.</param>
    /// <param name="timeProvider">The clock of the readings; the system's when null.</param>
    /// <param name="readingInterval">How often load and swap are read during a run; five seconds when null.</param>
    public BuilderMetrics(IMeterFactory? meterFactory = null, ISystemMetrics? systemMetrics = null, string? databasePath = null, TimeProvider? timeProvider = null, TimeSpan? readingInterval = null)
    {
        if (readingInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(readingInterval), interval, "The reading interval must be positive.");
        }

        var version = typeof(BuilderMetrics).Assembly.GetName().Version?.ToString();
        _meter = meterFactory?.Create(new MeterOptions(MeterName) { Version = version }) ?? new Meter(MeterName, version);
        _ownsMeter = meterFactory is null;
        _systemMetrics = systemMetrics;
        _databasePath = databasePath;
        _time = timeProvider ?? TimeProvider.System;
        _readingInterval = readingInterval ?? TimeSpan.FromSeconds(5);

        _ports = _meter.CreateCounter<long>("gosynth.builder.ports", "{port}", "Ports that ended in a run, by result.");
        _duration = _meter.CreateHistogram<double>("gosynth.builder.port.duration", "s", "Wall time of a port's build in its slot, by result.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _runs = _meter.CreateCounter<long>("gosynth.builder.runs", "{run}", "Runs that ended, by outcome.");
        _meter.CreateObservableGauge("gosynth.builder.queue.depth", () => Read(() => _running ? _run.Totals.Waiting : 0), "{port}", "Queued ports not started yet.");
        _meter.CreateObservableGauge("gosynth.builder.slots.running", () => Read(() => _run.Slots.Count), "{slot}", "Slots building a port.");
        _meter.CreateObservableGauge("gosynth.builder.builders", () => Read(() => _builders), "{slot}", "The configured builders of the current or last run.");
        _meter.CreateObservableGauge("gosynth.builder.workers.limit", () => Read(() => _limit ?? _builders), "{slot}", "The builders the throttle allows now.");
        _meter.CreateObservableGauge("gosynth.builder.load", ObserveLoad, "{load}", "The one-minute load average, as last read.");
        _meter.CreateObservableGauge("gosynth.builder.swap.used", ObserveSwap, "%", "Swap in use, in percent, as last read.");
        _meter.CreateObservableGauge("gosynth.builder.run.state", ObserveState, "{state}", "1 for the builder's current state (idle or running), 0 for the other.");
        if (databasePath is not null)
        {
            _meter.CreateObservableGauge("gosynth.builder.database.size", ObserveDatabaseSize, "By", "The build database file's size.");
        }
    }

    /// <summary>The meter the instruments belong to.</summary>
    public Meter Meter => _meter;

    /// <inheritdoc />
    public void Publish(BuildEvent buildEvent)
    {
        ArgumentNullException.ThrowIfNull(buildEvent);
        lock (_lock)
        {
            _run.Apply(buildEvent);
        }

        switch (buildEvent)
        {
            case RunStartedEvent e:
                lock (_lock)
                {
                    (_builders, _limit, _running) = (e.Builders, null, true);
                    StartReadings();
                }

                break;
            case PortFinishedEvent e:
                var result = e.Outcome.Succeeded ? "built" : "failed";
                _ports.Add(1, new KeyValuePair<string, object?>("result", result));
                _duration.Record(e.Outcome.Duration.TotalSeconds, new KeyValuePair<string, object?>("result", result));
                break;
            case PortSkippedEvent:
                _ports.Add(1, new KeyValuePair<string, object?>("result", "skipped"));
                break;
            case PortNotBuiltEvent e:
                _ports.Add(1, new KeyValuePair<string, object?>("result", ResultOf(e.Action)));
                break;
            case ThrottleChangedEvent e:
                lock (_lock)
                {
                    _limit = e.Limit;
                    _load = e.Load ?? _load;
                    _swap = e.SwapPercent ?? _swap;
                }

                break;
            case RunFinishedEvent e:
                lock (_lock)
                {
                    _running = false;
                    _readingTimer?.Dispose();
                    _readingTimer = null;
                }

                _runs.Add(1, new KeyValuePair<string, object?>("outcome", e.Aborted ? "aborted" : "completed"));
                break;
        }
    }

    /// <summary>Stops the readings and, when it created the meter, disposes it.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _readingTimer?.Dispose();
            _readingTimer = null;
        }

        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal static BuilderMetrics FromServices(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BuilderOptions>>().Value;
        return new BuilderMetrics(
            services.GetService<IMeterFactory>(),
            services.GetService<ISystemMetrics>(),
            options.EffectiveDatabasePath,
            services.GetService<TimeProvider>());
    }

    private static string ResultOf(PlanAction action) => action switch
    {
        PlanAction.Ignored => "ignored",
        PlanAction.Meta => "meta",
        PlanAction.UpToDate => "up_to_date",
        PlanAction.Unbuildable => "unbuildable",
        _ => "skipped",
    };

    private int Read(Func<int> value)
    {
        lock (_lock)
        {
            return value();
        }
    }

    private IEnumerable<Measurement<double>> ObserveLoad()
    {
        lock (_lock)
        {
            return _load is { } load ? [new Measurement<double>(load)] : [];
        }
    }

    private IEnumerable<Measurement<double>> ObserveSwap()
    {
        lock (_lock)
        {
            return _swap is { } swap ? [new Measurement<double>(swap)] : [];
        }
    }

    private IEnumerable<Measurement<int>> ObserveState()
    {
        bool running;
        lock (_lock)
        {
            running = _running;
        }

        return [new Measurement<int>(running ? 0 : 1, s_idle), new Measurement<int>(running ? 1 : 0, s_running)];
    }

    private IEnumerable<Measurement<long>> ObserveDatabaseSize()
    {
        try
        {
            var file = new FileInfo(_databasePath!);
            return file.Exists ? [new Measurement<long>(file.Length)] : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Reads load and swap now and then every interval until the run ends (under the lock).</summary>
    private void StartReadings()
    {
        if (_systemMetrics is null || _readingTimer is not null)
        {
            return;
        }

        _readingTimer = _time.CreateTimer(_ => _ = ReadSystemAsync(), null, TimeSpan.Zero, _readingInterval);
    }

    private async Task ReadSystemAsync()
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            return;
        }

        try
        {
            var reading = await _systemMetrics!.ReadAsync().ConfigureAwait(false);
            lock (_lock)
            {
                (_load, _swap) = (reading.LoadAverage1, reading.SwapUsedPercent);
            }
        }
        catch (SystemMetricsException)
        {
            // The gauges keep their last values; the throttle logs unreadable metrics.
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }
}
