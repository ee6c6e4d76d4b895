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
    /// <param name="width">The columns available; a finished port's line is cut to fit in one.</param>
    public static IRenderable Render(LiveFrame frame, int height, string title, int width = 160)
    {
        var state = frame switch
        {
            { Aborted: true } => ("interrupted", "red"),
            { Started: true, Running: false } => ("finished", "green"),
            { Started: false } => ("scanning and planning", "yellow"),
            _ => ("building", "blue"),
        };
        var run = frame.Started ? string.Create(C, $"  run {frame.RunId}  profile {frame.Profile}") : "";
        var clock = Clock(frame.Elapsed);
        var left = $"{title}{run}  ";
        var gap = Math.Max(2, width - 1 - left.Length - state.Item1.Length - clock.Length);
        var top = new Markup(Fit($"[bold]{Markup.Escape(title)}[/]{Markup.Escape(run)}  [{state.Item2}]{state.Item1}[/]{new string(' ', gap)}[bold]{clock}[/]",
            left.Length + state.Item1.Length + gap + clock.Length, width));

        var limit = frame.WorkerLimit is { } l && l < frame.Builders ? string.Create(C, $"{l}/{frame.Builders}") : frame.Builders.ToString(C);
        (string Label, string Value, string? Color)[] first =
        [
            ("Total", frame.Total.ToString(C), null),
            ("Built", frame.Built.ToString(C), frame.Built > 0 ? "green" : null),
            ("Ignored", frame.Ignored.ToString(C), null),
            ("Load", frame.Load is { } load ? load.ToString("0.00", C) : "-", null),
            ("Rate", frame.Rate.ToString(C) + "/h", null),
            ("Workers", limit, null),
        ];
        (string Label, string Value, string? Color)[] second =
        [
            ("Left", frame.Remaining.ToString(C), null),
            ("Failed", frame.Failed.ToString(C), frame.Failed > 0 ? "red" : null),
            ("Skipped", frame.Skipped.ToString(C), frame.Skipped > 0 ? "yellow" : null),
            ("Swap", frame.SwapPercent is { } swap ? swap.ToString("0.0", C) + "%" : "-", null),
            ("Impulse", frame.Impulse.ToString(C) + "/h", null),
        ];
        var cells = first.Select((f, i) => Math.Max(f.Label.Length + 1 + f.Value.Length, i < second.Length ? second[i].Label.Length + 1 + second[i].Value.Length : 0) + 3).ToArray();

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
            .Select(f => (IRenderable)new Markup(FinishedLine(f, width)))
            .ToList();
        return new Rows(
            top,
            HeaderRow(width, cells, first),
            HeaderRow(width, cells, second),
            slots,
            new Rule("[bold]Finished[/]") { Justification = Justify.Left },
            new Rows(finished));
    }

    /// <summary>One line of the finished list, in markup, cut to <paramref name="width"/> columns so it never wraps.</summary>
    public static string FinishedLine(LiveFinished finished, int width = 160)
    {
        var color = finished.Result switch
        {
            "success" => "green",
            "failure" => "red",
            "skipped" => "yellow",
            _ => "grey",
        };
        var time = finished.Duration is { } d ? Clock(d) : "        ";
        var rest = string.Create(C, $" {time}  {finished.Port}{(finished.Detail is null ? "" : "  " + finished.Detail.ReplaceLineEndings(" "))}");
        var result = finished.Result.PadRight(11);
        var room = Math.Max(1, width - 1 - result.Length);
        if (rest.Length > room)
        {
            rest = rest[..Math.Max(0, room - 1)] + "…";
        }

        return $"[{color}]{Markup.Escape(result)}[/]{Markup.Escape(rest)}";
    }

    /// <summary>
    /// One header row: each field <c>Label value</c> in a column of its own width, as many as fit in one line (a
    /// narrow terminal loses the last ones rather than wrapping).
    /// </summary>
    private static Markup HeaderRow(int width, int[] cells, (string Label, string Value, string? Color)[] fields)
    {
        var markup = new System.Text.StringBuilder();
        var used = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            var (label, value, color) = fields[i];
            var cell = Math.Max(cells[i], 11);
            if (used + cell > width - 1)
            {
                break;
            }

            var shown = color is null ? $"[bold]{Markup.Escape(value)}[/]" : $"[bold {color}]{Markup.Escape(value)}[/]";
            markup.Append(label).Append(' ').Append(shown).Append(' ', cell - label.Length - 1 - value.Length);
            used += cell;
        }

        return new Markup(markup.ToString().TrimEnd());
    }

    /// <summary>The markup as is when its text fits in the width; else its text alone, cut.</summary>
    private static string Fit(string markup, int textLength, int width)
    {
        if (textLength <= width - 1)
        {
            return markup;
        }

        var plain = Markup.Remove(markup);
        return Markup.Escape(plain[..Math.Max(1, width - 2)] + "…");
    }

    private static string Clock(TimeSpan span) => GoSynth.Cli.Clock.Format(span);
}
