using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Reporting;
using GoSynth.Cli.Hosting;
using GoSynth.Cli.Live;
using Spectre.Console;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth [-C dir] [-S] monitor [file] [--json]</c>: attaches to a build running in another process through the
/// monitor file it keeps (<c>&lt;logs&gt;/monitor.json</c> of the configuration, or the file named) and shows it
/// until the run ends: the live view on a terminal, one line per change elsewhere, one JSON line per snapshot with
/// <c>--json</c>. Exit 0 when the run ended, 2 when no build is running (no monitor file, its run ended, or its writer
/// stopped updating it), 3 when the configuration cannot be read, 1 when the writer goes away mid-run, 130 when
/// interrupted.
/// </summary>
internal static class MonitorCommand
{
    /// <summary>No build to attach to.</summary>
    public const int NoBuildRunning = ExitCodes.Usage;

    /// <summary>A monitor file not rewritten for this long belongs to a build that is gone (the writer rewrites it every second).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create(GlobalOptions global, CliHost host)
    {
        var file = new Argument<string?>("file")
        {
            Description = "The monitor file to read; default: monitor.json in the configuration's logs directory.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print each snapshot as one JSON line (schema in docs/monitor-json.md)." };
        var command = new Command("monitor", "Watch a build running in another process until it ends.") { file, json };
        CliAction.Set(command, global, host, invocation => RunAsync(invocation, invocation.Get(file), invocation.Get(json)));
        return command;
    }

    /// <exception cref="BuilderConfigurationException">No file was named and dsynth.ini is missing or wrong (exit 3).</exception>
    /// <exception cref="InvalidDataException">The monitor file is not a snapshot (exit 1).</exception>
    private static async Task<int> RunAsync(CliInvocation invocation, string? file, bool json)
    {
        var output = invocation.Output;
        var cancellationToken = invocation.CancellationToken;
        var path = file ?? Path.Combine(DsynthConfiguration.Load(invocation.Global.ConfigDirectory, invocation.Global.Profile).LogsDirectory, MonitorSink.DefaultFileName);
        var first = await MonitorSnapshot.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (NotRunning(first, path) is { } why)
        {
            await invocation.ErrorLineAsync(why).ConfigureAwait(false);
            return NoBuildRunning;
        }

        if (json)
        {
            return await FollowAsync(invocation, path, first!, async s =>
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(MonitorJsonLine.From(s), MonitorJsonContext.Default.MonitorJsonLine)).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        if (!invocation.Global.Plain && LiveTerminal.TryCreate(output) is { } console)
        {
            var exit = ExitCodes.Success;
            await new LiveDisplay(console, Draw(console, first!)).Overflow(VerticalOverflow.Crop).Cropping(VerticalOverflowCropping.Bottom)
                .StartAsync(async context => exit = await FollowAsync(invocation, path, first!, s =>
                {
                    context.UpdateTarget(Draw(console, s));
                    context.Refresh();
                    return Task.CompletedTask;
                }).ConfigureAwait(false)).ConfigureAwait(false);
            return exit;
        }

        string? last = null;
        return await FollowAsync(invocation, path, first!, async s =>
        {
            var line = PlainLine(s);
            if (line != last || !s.Running)
            {
                last = line;
                await output.WriteLineAsync($"{Clock.Format(s.Elapsed)} {line}").ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Why <paramref name="snapshot"/> shows no running build, or null when it shows one.</summary>
    internal static string? NotRunning(MonitorSnapshot? snapshot, string path)
    {
        if (snapshot is null)
        {
            return $"no build is running: there is no monitor file {path} (a build writes it while it runs)";
        }

        if (!snapshot.Running)
        {
            return string.Create(C, $"no build is running: the last one, run {snapshot.RunId}, ended at {snapshot.Updated.ToLocalTime():yyyy-MM-dd HH:mm:ss} ({path})");
        }

        var age = TimeProvider.System.GetUtcNow() - snapshot.Updated;
        return age > StaleAfter
            ? string.Create(C, $"no build is running: run {snapshot.RunId} stopped updating {path} {age.TotalSeconds:0} s ago (its process is gone)")
            : null;
    }

    /// <summary>Hands every new snapshot to <paramref name="show"/> until the run ends; the exit code.</summary>
    private static async Task<int> FollowAsync(CliInvocation invocation, string path, MonitorSnapshot first, Func<MonitorSnapshot, Task> show)
    {
        var cancellationToken = invocation.CancellationToken;
        var last = first;
        await show(first).ConfigureAwait(false);
        while (last.Running)
        {
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            var next = await MonitorSnapshot.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                await invocation.ErrorLineAsync(string.Create(C, $"the monitor file {path} went away while run {last.RunId} was going on")).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            if (next.Updated != last.Updated || next.RunId != last.RunId)
            {
                last = next;
                await show(next).ConfigureAwait(false);
            }
            else if (TimeProvider.System.GetUtcNow() - last.Updated > StaleAfter)
            {
                await invocation.ErrorLineAsync(string.Create(C, $"run {last.RunId} stopped updating {path} (its process is gone)")).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }

        return ExitCodes.Success;
    }

    private static Spectre.Console.Rendering.IRenderable Draw(IAnsiConsole console, MonitorSnapshot snapshot) =>
        LiveRenderer.Render(MonitorFrames.From(snapshot), Math.Max(10, console.Profile.Height - 1), "gosynth monitor", console.Profile.Width);

    /// <summary>The plain view of a snapshot: counts, then each busy slot.</summary>
    internal static string PlainLine(MonitorSnapshot s)
    {
        var t = s.Totals;
        var state = s.Running ? "" : s.Aborted ? "interrupted " : "finished ";
        var slots = s.Slots.Count == 0
            ? "no slot busy"
            : string.Join("  ", s.Slots.Select(x => string.Create(C, $"[{x.Slot + 1:00}] {x.Port} {(x.Phase.Length == 0 ? "starting" : x.Phase)}")));
        return string.Create(C, $"run {s.RunId} {state}total {t.Queued} built {t.Built} failed {t.Failed} skipped {t.Skipped} ignored {t.Ignored} left {t.Remaining} | {slots}");
    }
}
