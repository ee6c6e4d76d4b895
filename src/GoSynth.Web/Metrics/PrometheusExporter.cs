using System.Diagnostics.Metrics;
using GoSynth.Builder.Metrics;
using Prometheus;

namespace GoSynth.Web.Metrics;

/// <summary>
/// The Prometheus side of the builder's <see cref="Meter"/>: a registry of its own (so two hosts in one process do not
/// mix their numbers) fed by prometheus-net's meter adapter, listening only to the GoSynth.Builder meter of this
/// container (its <see cref="IMeterFactory"/>), with the builder's duration buckets.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    private readonly IDisposable _adapter;

    public PrometheusExporter(IMeterFactory? meterFactory)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            InstrumentFilterPredicate = instrument => instrument.Meter.Name == BuilderMetrics.MeterName
                && (meterFactory is null || ReferenceEquals(instrument.Meter.Scope, meterFactory)),
            ResolveHistogramBuckets = instrument => instrument.Name == "gosynth.builder.port.duration"
                ? [.. BuilderMetrics.DurationBuckets]
                : MeterAdapterOptions.DefaultHistogramBuckets,

            // The longest the adapter allows: a series idle for a day (no build) is dropped and restarts from zero,
            // which Prometheus reads as a counter reset.
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
    }

    public CollectorRegistry Registry { get; }

    public void Dispose() => _adapter.Dispose();
}
