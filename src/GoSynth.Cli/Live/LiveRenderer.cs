using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GoSynth.Cli.Live;

/// <summary>
/// Draws a <see cref="LiveFrame"/> like dsynth's screen: a header (elapsed, load, swap, rate, impulse, worker limit,
/// counts), one row per slot (port, phase, elapsed; <c>idle</c> when it has none) and, below, the ports that ended,
/// newest at the bottom, as many as fit in the height given.
/// </summary>
internal static class LiveRenderer
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The view of <paramref name="frame"/> in at most <paramref name="height"/> lines.</summary>
    /// <param name="frame">What to draw.</param>
    /// <param name="height">The lines available (the terminal's height).</param>
    /// <param name="title">The first line's left part (e.g. <c>gosynth build</c> or <c>gosynth monitor</c>).</param>
    public static IRenderable Render(LiveFrame frame, int height, string title)
    {
        var state = frame switch
        {
            { Aborted: true } => "[red]interrupted[/]",
            { Started: true, Running: false } => "[green]finished[/]",
            { Started: false } => "[yellow]scanning and planning[/]",
            _ => "[blue]building[/]",
        };
        var top = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        var run = frame.Started ? string.Create(C, $"  run {frame.RunId}  profile {Markup.Escape(frame.Profile)}") : "";
        top.AddRow(new Markup($"[bold]{Markup.Escape(title)}[/]{run}  {state}"), new Markup(string.Create(C, $"[bold]{Clock(frame.Elapsed)}[/]")));

        var counts = new Grid();
        for (var i = 0; i < 6; i++)
        {
            counts.AddColumn(new GridColumn().PadRight(3));
        }

        var limit = frame.WorkerLimit is { } l && l < frame.Builders ? string.Create(C, $"{l}/{frame.Builders}") : frame.Builders.ToString(C);
        counts.AddRow(
            Field("Total", frame.Total.ToString(C)),
            Field("Built", frame.Built.ToString(C), frame.Built > 0 ? "green" : null),
            Field("Ignored", frame.Ignored.ToString(C)),
            Field("Load", frame.Load is { } load ? load.ToString("0.00", C) : "-"),
            Field("Rate", frame.Rate.ToString(C) + "/h"),
            Field("Workers", limit));
        counts.AddRow(
            Field("Left", frame.Remaining.ToString(C)),
            Field("Failed", frame.Failed.ToString(C), frame.Failed > 0 ? "red" : null),
            Field("Skipped", frame.Skipped.ToString(C), frame.Skipped > 0 ? "yellow" : null),
            Field("Swap", frame.SwapPercent is { } swap ? swap.ToString("0.0", C) + "%" : "-"),
            Field("Impulse", frame.Impulse.ToString(C) + "/h"),
            Text.Empty);

        var slots = new Table().Border(TableBorder.Simple).Expand()
            .AddColumn(new TableColumn("Slot").Width(4))
            .AddColumn(new TableColumn("Elapsed").Width(8))
            .AddColumn(new TableColumn("Phase").Width(16))
            .AddColumn(new TableColumn("Port"));
        var busy = frame.Slots.ToDictionary(s => s.Slot);
        var rows = Math.Max(frame.Builders, frame.Slots.Count == 0 ? 0 : frame.Slots.Max(s => s.Slot) + 1);
        for (var slot = 0; slot < rows; slot++)
        {
            var number = (slot + 1).ToString("00", C);
            if (busy.TryGetValue(slot, out var s))
            {
                slots.AddRow(new Text(number), new Text(Clock(s.Elapsed)), new Text(s.Phase.Length == 0 ? "starting" : s.Phase, new Style(Color.Aqua)), new Text(s.Port));
            }
            else
            {
                slots.AddRow(new Text(number), new Text("--:--:--", new Style(decoration: Decoration.Dim)), new Text("idle", new Style(decoration: Decoration.Dim)), Text.Empty);
            }
        }

        // Header 3 lines, the slot table rows + 4 (Simple border: top, header, separator, bottom), the rule 1.
        var room = Math.Max(0, height - 3 - (rows + 4) - 1 - 1);
        var finished = frame.Finished.Skip(Math.Max(0, frame.Finished.Count - room))
            .Select(f => (IRenderable)new Markup(FinishedLine(f)))
            .ToList();
        return new Rows(
            top,
            counts,
            slots,
            new Rule("[bold]Finished[/]") { Justification = Justify.Left },
            new Rows(finished));
    }

    /// <summary>One line of the finished list, in markup.</summary>
    public static string FinishedLine(LiveFinished finished)
    {
        var color = finished.Result switch
        {
            "success" => "green",
            "failure" => "red",
            "skipped" => "yellow",
            _ => "grey",
        };
        var time = finished.Duration is { } d ? Clock(d) : "        ";
        var detail = finished.Detail is null ? "" : "  " + Markup.Escape(finished.Detail);
        return string.Create(C, $"[{color}]{finished.Result,-11}[/] {time}  {Markup.Escape(finished.Port)}{detail}");
    }

    private static Markup Field(string label, string value, string? color = null) =>
        new(color is null ? $"{label} [bold]{Markup.Escape(value)}[/]" : $"{label} [bold {color}]{Markup.Escape(value)}[/]");

    private static string Clock(TimeSpan span) => span.TotalHours >= 100
        ? string.Create(C, $"{(int)span.TotalHours}:{span:mm\\:ss}")
        : string.Create(C, $"{(int)span.TotalHours:00}:{span:mm\\:ss}");
}
