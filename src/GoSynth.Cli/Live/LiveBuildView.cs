using System.Runtime.InteropServices;
using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting;
using GoSynth.Environment.Metrics;
using GoSynth.Pkg.Scanning;
using Spectre.Console;

namespace GoSynth.Cli.Live;

/// <summary>
/// The live view of a build on a terminal: a progress bar while the ports are scanned, then, from the run's start,
/// the screen <see cref="LiveRenderer"/> draws, redrawn at a fixed rate (events only update the model). The model is
/// the builder's own <see cref="RunMonitor"/>, drawn through <see cref="MonitorFrames"/>: the picture is the one
/// <c>gosynth monitor</c> draws from the monitor file written at the same moment. It is cleared when the run's sinks are flushed after its end, or when disposed, so what follows prints below it.
/// </summary>
internal sealed class LiveBuildView : IBuildDisplay
{
    /// <summary>How often the screen is redrawn.</summary>
    public static readonly TimeSpan DefaultRefresh = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan MetricsEvery = TimeSpan.FromSeconds(2);
    private readonly IAnsiConsole _console;
    private readonly ISystemMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refresh;
    private readonly string _title;
    private readonly RunMonitor _monitor = new();
    private readonly TaskCompletionSource _runStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TerminalProgress? _scan;
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly Task _driver;
    private SystemMetricsSnapshot? _reading;
    private int _runFinished;
    private int _interrupts;

    /// <summary>Starts the view (the scan's bar first) on <paramref name="console"/>.</summary>
    /// <param name="console">The terminal.</param>
    /// <param name="title">The header's first words.</param>
    /// <param name="metrics">Where load and swap are read between the throttle's events; null for none.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="refresh">How often to redraw; <see cref="DefaultRefresh"/> when null.</param>
    /// <param name="scanBar">False for no scan bar (a caller that shows the scan itself).</param>
    public LiveBuildView(IAnsiConsole console, string title, ISystemMetrics? metrics = null, TimeProvider? timeProvider = null, TimeSpan? refresh = null, bool scanBar = true)
    {
        _console = console;
        _title = title;
        _metrics = metrics;
        _time = timeProvider ?? TimeProvider.System;
        _refresh = refresh ?? DefaultRefresh;
        _scan = scanBar ? TerminalProgress.Start(console, "Scanning ports") : null;
        if (!OperatingSystem.IsWindows())
        {
            // The first signal stops the build cleanly (the directive's own handler); a second one ends the process at
            // once, so give the terminal its cursor back first.
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        }

        _driver = Task.Run(DriveAsync);
    }

    /// <summary>What the view draws at <paramref name="now"/>: the run with the view's last reading of load and swap.</summary>
    internal MonitorSnapshot Snapshot(DateTimeOffset now) => _monitor.Snapshot(now, Volatile.Read(ref _reading));

    /// <inheritdoc />
    public void Publish(BuildEvent buildEvent)
    {
        _monitor.Apply(buildEvent);
        switch (buildEvent)
        {
            case RunStartedEvent:
                _runStarted.TrySetResult();
                break;
            case RunFinishedEvent:
                Interlocked.Exchange(ref _runFinished, 1);
                break;
        }
    }

    /// <inheritdoc />
    public void Report(ScanProgress value) =>
        _scan?.Report(TerminalProgress.Of(value));

    /// <summary>After the run's end: clears the view, so the summary prints below where it was.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _runFinished) == 1)
        {
            _stop.TrySetResult();
            await _driver.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops and clears the view.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.TrySetResult();
        try
        {
            await _driver.ConfigureAwait(false);
        }
        finally
        {
            foreach (var registration in _signals)
            {
                registration.Dispose();
            }
        }
    }

    private async Task DriveAsync()
    {
        if (_scan is not null)
        {
            await using (_scan.ConfigureAwait(false))
            {
                await Task.WhenAny(_runStarted.Task, _stop.Task).ConfigureAwait(false);
            }
        }
        else
        {
            await Task.WhenAny(_runStarted.Task, _stop.Task).ConfigureAwait(false);
        }

        if (!_runStarted.Task.IsCompleted)
        {
            return;
        }

        await new LiveDisplay(_console, Draw())
            .AutoClear(true)
            .Overflow(VerticalOverflow.Crop)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                var lastMetrics = long.MinValue;
                while (true)
                {
                    if (lastMetrics == long.MinValue || _time.GetElapsedTime(lastMetrics) >= MetricsEvery)
                    {
                        lastMetrics = _time.GetTimestamp();
                        await ReadMetricsAsync().ConfigureAwait(false);
                    }

                    context.UpdateTarget(Draw());
                    context.Refresh();
                    if (_stop.Task.IsCompleted)
                    {
                        return;
                    }

                    await Task.WhenAny(_stop.Task, Task.Delay(_refresh, _time)).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    private Spectre.Console.Rendering.IRenderable Draw() =>
        LiveRenderer.Render(MonitorFrames.From(Snapshot(_time.GetUtcNow())), Math.Max(10, _console.Profile.Height - 1), _title, _console.Profile.Width);

    private async Task ReadMetricsAsync()
    {
        if (_metrics is null)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _reading, await _metrics.ReadAsync().ConfigureAwait(false));
        }
        catch (SystemMetricsException)
        {
            // The header keeps the last reading; without one, it shows what the throttle last said, or nothing.
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _interrupts) > 1)
        {
            _console.Cursor.Show(true);
            _console.WriteLine();
        }
    }
}
