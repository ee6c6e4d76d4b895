using System.Globalization;
using GoSynth.Builder.Events;

namespace GoSynth.Cli.Build;

/// <summary>
/// The plain view (<c>-S</c>): one line when the run starts, one per finished or skipped port, in the order they
/// happen, e.g. <c>[01] success  misc/hello  00:00:03</c> or <c>[--] skipped  misc/b  (dependency x failed)</c>.
/// </summary>
internal sealed class BuildLinePrinter(TextWriter output) : IBuildEventSink
{
    private readonly Lock _lock = new();
    private int _done;
    private int _toBuild;

    public void Publish(BuildEvent buildEvent)
    {
        string? line;
        lock (_lock)
        {
            line = buildEvent switch
            {
                RunStartedEvent s => Started(s),
                PortFinishedEvent f => Finished(f),
                PortSkippedEvent s => $"[--] skipped  {s.Port,-32} {Progress()}  ({s.Reason})",
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
        return string.Create(CultureInfo.InvariantCulture, $"run {s.RunId}: {s.ToBuild} of {s.Total} ports to build, profile {s.Profile}, {s.Builders} builders");
    }

    private string Finished(PortFinishedEvent f)
    {
        var slot = (f.Slot + 1).ToString("00", CultureInfo.InvariantCulture);
        var time = f.Outcome.Duration.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
        if (f.Outcome.Succeeded)
        {
            return $"[{slot}] success  {f.Port,-32} {Progress()}  {time}";
        }

        var why = f.Outcome.Phase is null ? f.Outcome.Message : $"{f.Outcome.Phase}: {f.Outcome.Message}";
        return $"[{slot}] failure  {f.Port,-32} {Progress()}  {time}  {why}";
    }

    private string Progress() => string.Create(CultureInfo.InvariantCulture, $"{++_done,4}/{_toBuild}");
}
