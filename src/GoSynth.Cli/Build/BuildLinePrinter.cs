using System.Globalization;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Cli.Live;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Cli.Build;

/// <summary>
/// The plain view (<c>-S</c>, pipes, CI): one line per event worth a line, in the order they happen, with no escape
/// codes: the run's start; a port that a slot takes (<c>[01] start    misc/hello</c>); a port that ended
/// (<c>[01] success  misc/hello  3/18  00:00:03</c>, <c>[01] failure  …  build: make exited with status 1</c>); one
/// skipped because a dependency failed (<c>[--] skipped  misc/b  4/18  (dependency x failed)</c>); one the plan
/// leaves out as ignored or unbuildable (<c>[--] ignored  misc/c  (reason)</c>); a change of the worker limit
/// (<c>[--] throttle 4 -> 2 builders (load 9.10, swap 0.0%)</c>).
/// The counter counts the ports queued to be built, the same set as its total (<see cref="RunStartedEvent.ToBuild"/>);
/// a meta port the run skips is shown without a number, as it was never queued.
/// </summary>
internal sealed class BuildLinePrinter(TextWriter output, string verb = "build") : IBuildDisplay
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly HashSet<string> _counted = new(StringComparer.Ordinal);
    private int _toBuild;

    public void Publish(BuildEvent buildEvent)
    {
        string? line;
        lock (_lock)
        {
            line = buildEvent switch
            {
                RunStartedEvent s => Started(s),
                PortQueuedEvent q => Queued(q),
                PortStartedEvent p => $"[{Slot(p.Slot)}] start    {p.Port}",
                PortNotBuiltEvent { Action: PlanAction.Ignored } n => $"[--] ignored  {n.Port,-32} ({n.Reason})",
                PortNotBuiltEvent { Action: PlanAction.Unbuildable } n => $"[--] unbuildable {n.Port,-29} ({n.Reason})",
                PortFinishedEvent f => Finished(f),
                PortSkippedEvent s => $"[--] skipped  {s.Port,-32} {Progress(s.Port)}  ({s.Reason})",
                ThrottleChangedEvent t => Throttle(t),
                _ => null,
            };
            if (line is not null)
            {
                output.WriteLine(line);
            }
        }
    }

    /// <summary>The plain view shows no scan progress.</summary>
    public void Report(ScanProgress value)
    {
    }

    public ValueTask DisposeAsync() => FlushAsync();

    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            output.Flush();
        }

        return ValueTask.CompletedTask;
    }

    private string Started(RunStartedEvent s)
    {
        _toBuild = s.ToBuild;
        _queued.Clear();
        _counted.Clear();
        return string.Create(CultureInfo.InvariantCulture, $"run {s.RunId}: {s.ToBuild} of {s.Total} ports to {verb}, profile {s.Profile}, {s.Builders} builders");
    }

    private string Finished(PortFinishedEvent f)
    {
        var slot = Slot(f.Slot);
        var time = Clock.Format(f.Outcome.Duration);
        if (f.Outcome.Succeeded)
        {
            return $"[{slot}] success  {f.Port,-32} {Progress(f.Port)}  {time}";
        }

        var why = f.Outcome.Phase is null ? f.Outcome.Message : $"{f.Outcome.Phase}: {f.Outcome.Message}";
        return $"[{slot}] failure  {f.Port,-32} {Progress(f.Port)}  {time}  {why}";
    }

    private static string Slot(int slot) => (slot + 1).ToString("00", CultureInfo.InvariantCulture);

    private static string Throttle(ThrottleChangedEvent t)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[--] throttle {t.Previous} -> {t.Limit} builders");
        var readings = new List<string>();
        if (t.Load is { } load)
        {
            readings.Add(string.Create(CultureInfo.InvariantCulture, $"load {load:0.00}"));
        }

        if (t.SwapPercent is { } swap)
        {
            readings.Add(string.Create(CultureInfo.InvariantCulture, $"swap {swap:0.0}%"));
        }

        if (t.MemoryUsedBytes is { } memory)
        {
            readings.Add(string.Create(CultureInfo.InvariantCulture, $"mem {memory / (1024.0 * 1024 * 1024):0.00}G"));
        }

        return readings.Count == 0 ? line : line + " (" + string.Join(", ", readings) + ")";
    }

    private string? Queued(PortQueuedEvent q)
    {
        _queued.Add(q.Port);
        return null;
    }

    /// <summary>The counter after <paramref name="port"/> ended: counted once, and only when it was queued.</summary>
    private string Progress(string port)
    {
        var total = _toBuild.ToString(CultureInfo.InvariantCulture);
        return _queued.Contains(port) && _counted.Add(port)
            ? string.Create(CultureInfo.InvariantCulture, $"{_counted.Count,4}/{total}")
            : new string(' ', 5 + total.Length);
    }
}
