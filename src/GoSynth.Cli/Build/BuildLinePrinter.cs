using System.Globalization;
using GoSynth.Builder.Events;

namespace GoSynth.Cli.Build;

/// <summary>
/// The plain view (<c>-S</c>): one line when the run starts, one per finished or skipped port, in the order they
/// happen, e.g. <c>[01] success  misc/hello  3/18  00:00:03</c> or <c>[--] skipped  misc/b  4/18  (dependency x failed)</c>.
/// The counter counts the ports queued to be built, the same set as its total (<see cref="RunStartedEvent.ToBuild"/>);
/// a meta port the run skips is shown without a number, as it was never queued.
/// </summary>
internal sealed class BuildLinePrinter(TextWriter output) : IBuildEventSink
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
                PortFinishedEvent f => Finished(f),
                PortSkippedEvent s => $"[--] skipped  {s.Port,-32} {Progress(s.Port)}  ({s.Reason})",
                ThrottleChangedEvent t => $"[--] throttle {t.Previous} -> {t.Limit} builders",
                _ => null,
            };
            if (line is not null)
            {
                output.WriteLine(line);
            }
        }
    }

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
        return string.Create(CultureInfo.InvariantCulture, $"run {s.RunId}: {s.ToBuild} of {s.Total} ports to build, profile {s.Profile}, {s.Builders} builders");
    }

    private string Finished(PortFinishedEvent f)
    {
        var slot = (f.Slot + 1).ToString("00", CultureInfo.InvariantCulture);
        var time = f.Outcome.Duration.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        if (f.Outcome.Succeeded)
        {
            return $"[{slot}] success  {f.Port,-32} {Progress(f.Port)}  {time}";
        }

        var why = f.Outcome.Phase is null ? f.Outcome.Message : $"{f.Outcome.Phase}: {f.Outcome.Message}";
        return $"[{slot}] failure  {f.Port,-32} {Progress(f.Port)}  {time}  {why}";
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
