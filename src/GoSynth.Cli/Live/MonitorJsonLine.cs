using System.Text.Json.Serialization;
using GoSynth.Builder.Reporting;

namespace GoSynth.Cli.Live;

/// <summary>One line of <c>gosynth monitor --json</c>: a snapshot of the run (schema in docs/monitor-json.md).</summary>
internal sealed record MonitorJsonLine(
    int Schema,
    long RunId,
    string Profile,
    bool Running,
    bool Aborted,
    DateTimeOffset Started,
    DateTimeOffset Updated,
    double ElapsedSeconds,
    int Builders,
    int? WorkerLimit,
    double? Load,
    double? SwapUsedPercent,
    long? MemoryAvailableBytes,
    int Rate,
    int Impulse,
    MonitorJsonTotals Totals,
    IReadOnlyList<MonitorJsonSlot> Slots,
    IReadOnlyList<MonitorJsonFinished> Recent)
{
    /// <summary>The schema version of the lines this build writes.</summary>
    public const int CurrentSchema = 1;

    public static MonitorJsonLine From(MonitorSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var t = s.Totals;
        return new MonitorJsonLine(
            CurrentSchema, s.RunId, s.Profile, s.Running, s.Aborted, s.Started, s.Updated, Seconds(s.Elapsed), s.Builders, s.WorkerLimit,
            s.Load, s.SwapUsedPercent, s.MemoryAvailableBytes, s.Rate, s.Impulse,
            new MonitorJsonTotals(t.Queued, t.Built, t.Failed, t.Skipped, t.Ignored, t.Remaining, t.Meta),
            [.. s.Slots.Select(x => new MonitorJsonSlot(x.Slot, x.Port, x.Phase, Seconds(x.InPhase), Seconds(x.InPort)))],
            [.. s.Recent.Select(r => new MonitorJsonFinished(r.Port, r.Result, r.Time, r.Duration is { } d ? Seconds(d) : null, r.Detail))]);
    }

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);
}

/// <summary>Counts of ports in a <see cref="MonitorJsonLine"/>.</summary>
internal sealed record MonitorJsonTotals(int Queued, int Built, int Failed, int Skipped, int Ignored, int Remaining, int Meta);

/// <summary>A busy slot in a <see cref="MonitorJsonLine"/> (0-based, as in the monitor file).</summary>
internal sealed record MonitorJsonSlot(int Slot, string Port, string Phase, double PhaseSeconds, double PortSeconds);

/// <summary>A port that ended, in a <see cref="MonitorJsonLine"/>.</summary>
internal sealed record MonitorJsonFinished(string Port, string Result, DateTimeOffset Time, double? DurationSeconds, string? Detail);

/// <summary>Source-generated JSON for <c>gosynth monitor --json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MonitorJsonLine))]
internal sealed partial class MonitorJsonContext : JsonSerializerContext;
