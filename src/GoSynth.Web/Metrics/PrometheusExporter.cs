using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GoSynth.Builder.Metrics;
using Prometheus;

namespace GoSynth.Web.Metrics;

/// <summary>
/// The Prometheus side of the builder's <see cref="Meter"/>: a prometheus-net registry of this host's own (two hosts in
/// one process do not mix their numbers), fed by a <see cref="MeterListener"/> that listens only to the GoSynth.Builder
/// meter of this container (its <see cref="IMeterFactory"/>). Counters become prometheus-net counters
/// (<c>…_total</c>), histograms histograms with the builder's buckets, gauges gauges read at each scrape; the unit goes
/// into the name (<c>_seconds</c>, <c>_bytes</c>, <c>_percent</c>).
/// </summary>
/// <remarks>
/// prometheus-net 8.2.1's own meter adapter (<c>MeterAdapter</c>) connects to the instruments on .NET 10 but exports
/// none of their values, so this small bridge does its work with prometheus-net's collectors.
/// </remarks>
internal sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly MetricFactory _factory;
    private readonly ConcurrentDictionary<Instrument, Bridge> _bridges = new();
    private volatile bool _disposed;

    public PrometheusExporter(IMeterFactory? meterFactory)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        _factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BuilderMetrics.MeterName && (meterFactory is null || ReferenceEquals(instrument.Meter.Scope, meterFactory)))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _listener.Start();
        Registry.AddBeforeCollectCallback(() =>
        {
            if (!_disposed)
            {
                _listener.RecordObservableInstruments();
            }
        });
    }

    public CollectorRegistry Registry { get; }

    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
    }

    /// <summary>The Prometheus name of an instrument: the meter's and the instrument's names, the unit, <c>_total</c> for counters.</summary>
    internal static string NameOf(Instrument instrument)
    {
        var name = (instrument.Meter.Name + "." + instrument.Name).ToLowerInvariant().Replace('.', '_').Replace('-', '_');
        var prefix = instrument.Meter.Name.ToLowerInvariant().Replace('.', '_') + "_";

        // Instruments already named after their meter ("gosynth.builder.ports") are not prefixed twice.
        if (name.StartsWith(prefix + prefix, StringComparison.Ordinal))
        {
            name = name[prefix.Length..];
        }

        name += instrument.Unit switch
        {
            "s" => "_seconds",
            "By" => "_bytes",
            "%" => "_percent",
            _ => "",
        };
        return instrument is Counter<long> or Counter<int> or Counter<double> ? name + "_total" : name;
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new string[tags.Length];
        var values = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            (labels[i], values[i]) = (tags[i].Key, tags[i].Value?.ToString() ?? "");
        }

        Array.Sort(labels, values, StringComparer.Ordinal);
        var bridge = _bridges.GetOrAdd(instrument, static (i, l) => Bridge.Create(i, l.Factory, l.Labels), (Factory: _factory, Labels: labels));
        bridge.Apply(value, values);
    }

    private sealed class Bridge(Counter? counter, Gauge? gauge, Histogram? histogram)
    {
        public static Bridge Create(Instrument instrument, MetricFactory factory, string[] labels)
        {
            var name = NameOf(instrument);
            var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
            return instrument switch
            {
                Counter<long> or Counter<int> or Counter<double> => new Bridge(factory.CreateCounter(name, help, labels), null, null),
                Histogram<double> or Histogram<long> or Histogram<int> => new Bridge(null, null, factory.CreateHistogram(name, help, labels, new HistogramConfiguration
                {
                    Buckets = instrument.Name.EndsWith("duration", StringComparison.Ordinal) ? [.. BuilderMetrics.DurationBuckets] : Histogram.ExponentialBuckets(0.001, 4, 12),
                })),
                _ => new Bridge(null, factory.CreateGauge(name, help, labels), null),
            };
        }

        public void Apply(double value, string[] labels)
        {
            if (counter is not null)
            {
                counter.WithLabels(labels).Inc(value);
            }
            else if (histogram is not null)
            {
                histogram.WithLabels(labels).Observe(value);
            }
            else
            {
                gauge!.WithLabels(labels).Set(value);
            }
        }
    }
}
