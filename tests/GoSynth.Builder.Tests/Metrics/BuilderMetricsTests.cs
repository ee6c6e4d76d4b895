using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GoSynth.Builder.Events;
using GoSynth.Builder.Metrics;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Running;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Tests.Running;
using GoSynth.Environment.Metrics;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoSynth.Builder.Tests.Metrics;

public sealed class BuilderMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Publish_PortEvents_CountsByResultAndRecordsDurations()
    {
        using var metrics = new BuilderMetrics();
        using var recorder = new Recorder(metrics.Meter);
        var t = DateTimeOffset.UnixEpoch;

        metrics.Publish(new RunStartedEvent(t, 1, "test", 3, 3, 6));
        metrics.Publish(new PortQueuedEvent(t, "a/one", "1", "new port"));
        metrics.Publish(new PortQueuedEvent(t, "a/two", "1", "new port"));
        metrics.Publish(new PortQueuedEvent(t, "a/three", "1", "new port"));
        metrics.Publish(new PortNotBuiltEvent(t, "a/ign", PlanAction.Ignored, "IGNORE: no"));
        metrics.Publish(new PortNotBuiltEvent(t, "a/old", PlanAction.UpToDate, "up to date"));
        metrics.Publish(new PortStartedEvent(t, "a/one", 0));
        metrics.Publish(new PortStartedEvent(t, "a/two", 1));
        recorder.Observe();
        Assert.Equal(1, recorder.Last("gosynth.builder.queue.depth"));
        Assert.Equal(2, recorder.Last("gosynth.builder.slots.running"));
        Assert.Equal(3, recorder.Last("gosynth.builder.workers.limit"));
        Assert.Equal(1, recorder.Last("gosynth.builder.run.state", ("state", "running")));
        Assert.Equal(0, recorder.Last("gosynth.builder.run.state", ("state", "idle")));

        metrics.Publish(new ThrottleChangedEvent(t, 2, 3) { Load = 4.5, SwapPercent = 12 });
        metrics.Publish(new PortFinishedEvent(t, "a/one", 0, new PortBuildOutcome(true) { Duration = TimeSpan.FromSeconds(42) }));
        metrics.Publish(new PortFinishedEvent(t, "a/two", 1, new PortBuildOutcome(false, "build", "boom") { Duration = TimeSpan.FromSeconds(7) }));
        metrics.Publish(new PortSkippedEvent(t, "a/three", "a/two", "depends on a/two, which failed"));
        recorder.Observe();
        Assert.Equal(0, recorder.Last("gosynth.builder.queue.depth"));
        Assert.Equal(0, recorder.Last("gosynth.builder.slots.running"));
        Assert.Equal(2, recorder.Last("gosynth.builder.workers.limit"));
        Assert.Equal(4.5, recorder.Last("gosynth.builder.load"));
        Assert.Equal(12, recorder.Last("gosynth.builder.swap.used"));

        metrics.Publish(new RunFinishedEvent(t, 1, false, 1, 1, 1, TimeSpan.FromMinutes(1)));
        recorder.Observe();
        Assert.Equal(1, recorder.Sum("gosynth.builder.ports", ("result", "built")));
        Assert.Equal(1, recorder.Sum("gosynth.builder.ports", ("result", "failed")));
        Assert.Equal(1, recorder.Sum("gosynth.builder.ports", ("result", "skipped")));
        Assert.Equal(1, recorder.Sum("gosynth.builder.ports", ("result", "ignored")));
        Assert.Equal(1, recorder.Sum("gosynth.builder.ports", ("result", "up_to_date")));
        Assert.Equal([42.0], recorder.Values("gosynth.builder.port.duration", ("result", "built")));
        Assert.Equal([7.0], recorder.Values("gosynth.builder.port.duration", ("result", "failed")));
        Assert.Equal(1, recorder.Sum("gosynth.builder.runs", ("outcome", "completed")));
        Assert.Equal(1, recorder.Last("gosynth.builder.run.state", ("state", "idle")));
        Assert.All(recorder.Tags, tag => Assert.Contains(tag, new[] { "result", "outcome", "state" }));
    }

    [Fact]
    public async Task Run_ReadsLoadAndSwap_WhileARunGoesOn_AndReportsTheDatabaseSize()
    {
        using var dir = new TempDirectory();
        var database = dir.Combine("gosynth.db");
        await File.WriteAllBytesAsync(database, new byte[1234], Ct);
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var system = new FixedMetrics(new SystemMetricsSnapshot(1.5, 100, 25, 1000, 500));
        using var metrics = new BuilderMetrics(systemMetrics: system, databasePath: database, timeProvider: time, readingInterval: TimeSpan.FromSeconds(5));
        using var recorder = new Recorder(metrics.Meter);

        metrics.Publish(new RunStartedEvent(time.GetUtcNow(), 1, "test", 2, 0, 0));
        await system.Read.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        recorder.Observe();

        Assert.Equal(1.5, recorder.Last("gosynth.builder.load"));
        Assert.Equal(25, recorder.Last("gosynth.builder.swap.used"));
        Assert.Equal(1234, recorder.Last("gosynth.builder.database.size"));
        metrics.Publish(new RunFinishedEvent(time.GetUtcNow(), 1, false, 0, 0, 0, TimeSpan.Zero));
        var reads = system.Reads;
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(reads, system.Reads);
    }

    [Fact]
    public async Task AddGoSynthBuilder_RegistersTheMetricsSink_WhoseCountersMatchTheRun()
    {
        if (!RunFixture.HasBmake())
        {
            Assert.Skip("bmake is not installed; the sample tree is scanned with it");
        }

        using var fixture = new RunFixture();
        var services = new ServiceCollection().AddGoSynthBuilder();
        await using (var provider = services.BuildServiceProvider())
        {
            Assert.Single(provider.GetServices<IBuildEventSink>().OfType<BuilderMetrics>());
        }

        using var metrics = new BuilderMetrics();
        using var recorder = new Recorder(metrics.Meter);
        var runner = fixture.Runner(fixture.Executor(failing: ["broken/badcode"]), [metrics]);

        var result = await runner.RunAsync(new BuildRunOptions(), Ct);

        Assert.True(result.Built > 0);
        Assert.Equal(result.Built, recorder.Sum("gosynth.builder.ports", ("result", "built")));
        Assert.Equal(result.Failed, recorder.Sum("gosynth.builder.ports", ("result", "failed")));
        Assert.Equal(result.Skipped, recorder.Sum("gosynth.builder.ports", ("result", "skipped")));
        Assert.Equal(result.CountOf(BuildRunPortStatus.Ignored), recorder.Sum("gosynth.builder.ports", ("result", "ignored")));
        Assert.Equal(result.Built + result.Failed, recorder.Values("gosynth.builder.port.duration").Count);
    }

    private sealed class FixedMetrics(SystemMetricsSnapshot snapshot) : ISystemMetrics
    {
        private int _reads;

        public TaskCompletionSource Read { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads => Volatile.Read(ref _reads);

        public ValueTask<SystemMetricsSnapshot> ReadAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            Read.TrySetResult();
            return ValueTask.FromResult(snapshot);
        }
    }

    /// <summary>Records every measurement of one meter's instruments.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public Recorder(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
            _listener.SetMeasurementEventCallback<int>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
            _listener.SetMeasurementEventCallback<double>((i, v, t, _) => _measurements.Enqueue((i.Name, v, t.ToArray())));
            _listener.Start();
        }

        public IEnumerable<string> Tags => _measurements.SelectMany(m => m.Tags).Select(t => t.Key).Distinct();

        public void Observe() => _listener.RecordObservableInstruments();

        public List<double> Values(string name, params (string Key, string Value)[] tags) =>
            [.. _measurements.Where(m => m.Name == name && tags.All(t => m.Tags.Any(x => x.Key == t.Key && Equals(x.Value, t.Value)))).Select(m => m.Value)];

        public double Last(string name, params (string Key, string Value)[] tags) => Values(name, tags) is { Count: > 0 } values ? values[^1] : double.NaN;

        public double Sum(string name, params (string Key, string Value)[] tags) => Values(name, tags).Sum();

        public void Dispose() => _listener.Dispose();
    }
}
