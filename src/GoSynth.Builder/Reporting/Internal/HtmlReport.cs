using System.Globalization;
using System.Net;
using System.Text;

namespace GoSynth.Builder.Reporting.Internal;

/// <summary>Renders report.html: one self-contained page (inline CSS, SVG and script), every port text escaped.</summary>
internal static class HtmlReport
{
    private static readonly string[] Statuses = ["built", "failed", "skipped", "ignored", "meta", "up-to-date", "unbuildable", "interrupted", "not-built"];

    public static string Render(RunSummary summary)
    {
        var html = new StringBuilder(16 * 1024);
        var run = summary.Run;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>GoSynth run ").Append(Number(run.Id)).Append(" (").Append(E(run.Profile)).Append(")</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>GoSynth run ").Append(Number(run.Id)).Append(", profile ").Append(E(run.Profile)).Append("</h1>\n")
            .Append("<p class=\"run\">Started ").Append(E(run.Started?.ToString("u", CultureInfo.InvariantCulture) ?? "?"))
            .Append(", elapsed ").Append(Clock(run.ElapsedSeconds)).Append(", ").Append(Number(run.Builders)).Append(" builders")
            .Append(run.Aborted ? ", <strong>interrupted</strong>" : "").Append(".</p>\n");
        Counts(html, summary);
        Timeline(html, summary);
        Table(html, summary);
        html.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Counts(StringBuilder html, RunSummary summary)
    {
        html.Append("<ul class=\"counts\">\n");
        foreach (var status in Statuses)
        {
            var count = summary.Ports.Count(p => p.Status == status);
            if (count > 0 || status is "built" or "failed" or "skipped" or "ignored")
            {
                html.Append("<li class=\"st-").Append(status).Append("\">").Append(status).Append(": <b>").Append(Number(count)).Append("</b></li>\n");
            }
        }

        html.Append("</ul>\n");
    }

    private static void Timeline(StringBuilder html, RunSummary summary)
    {
        var start = summary.Run.Started;
        var placed = summary.Ports.Where(p => p.Slot is not null && p.Started is not null && p.DurationSeconds is not null).ToList();
        html.Append("<h2>Timeline</h2>\n");
        if (start is null || placed.Count == 0)
        {
            html.Append("<p>No port was built.</p>\n");
            return;
        }

        var total = Math.Max(1, Math.Max(summary.Run.ElapsedSeconds, placed.Max(p => (p.Started!.Value - start.Value).TotalSeconds + p.DurationSeconds!.Value)));
        var slots = placed.Select(p => p.Slot!.Value).Distinct().Order().ToList();
        const double Width = 1000, Row = 22, Left = 50;
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" width=\"{Width + Left}\" height=\"{(slots.Count * Row) + 4}\" role=\"img\" aria-label=\"slots over time\">\n");
        for (var i = 0; i < slots.Count; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{(i * Row) + 15}\">SL{slots[i]:00}</text>\n");
        }

        foreach (var port in placed)
        {
            var row = slots.IndexOf(port.Slot!.Value);
            var x = Left + (Width * (port.Started!.Value - start.Value).TotalSeconds / total);
            var w = Math.Max(1, Width * port.DurationSeconds!.Value / total);
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"st-{port.Status}\" x=\"{x:0.#}\" y=\"{(row * Row) + 2}\" width=\"{w:0.#}\" height=\"{Row - 4}\">")
                .Append("<title>").Append(E(port.Port)).Append(' ').Append(port.Status).Append(' ').Append(Clock(port.DurationSeconds.Value)).Append("</title></rect>\n");
        }

        html.Append("</svg>\n");
    }

    private static void Table(StringBuilder html, RunSummary summary)
    {
        html.Append("<h2>Ports</h2>\n<table id=\"ports\">\n<thead><tr>")
            .Append("<th data-type=\"text\">Port</th><th data-type=\"text\">Status</th><th data-type=\"number\">Duration</th>")
            .Append("<th data-type=\"number\">Slot</th><th data-type=\"text\">Version</th><th>Phases</th><th>Reason</th><th>Package</th><th>Log</th>")
            .Append("</tr></thead>\n<tbody>\n");
        foreach (var port in summary.Ports)
        {
            html.Append("<tr class=\"st-").Append(port.Status).Append("\">")
                .Append("<td>").Append(E(port.Port)).Append("</td>")
                .Append("<td data-sort=\"").Append(Array.IndexOf(Statuses, port.Status)).Append("\">").Append(port.Status)
                .Append(port.FailedPhase is null ? "" : " (" + E(port.FailedPhase) + ")").Append("</td>")
                .Append("<td data-sort=\"").Append((port.DurationSeconds ?? -1).ToString("0.###", CultureInfo.InvariantCulture)).Append("\">")
                .Append(port.DurationSeconds is { } d ? Clock(d) : "").Append("</td>")
                .Append("<td data-sort=\"").Append(port.Slot ?? -1).Append("\">").Append(port.Slot is { } s ? "SL" + s.ToString("00", CultureInfo.InvariantCulture) : "").Append("</td>")
                .Append("<td>").Append(E(port.Version)).Append("</td><td class=\"phases\">");
            foreach (var phase in port.Phases)
            {
                html.Append("<span>").Append(E(phase.Phase)).Append(' ').Append(Clock(phase.Seconds)).Append("</span> ");
            }

            html.Append("</td><td>").Append(E(port.Reason));
            if (port.Message is not null)
            {
                html.Append("<div class=\"message\">").Append(E(port.Message)).Append("</div>");
            }

            if (port.LogExcerpt is not null)
            {
                html.Append("<details><summary>end of the log</summary><pre>").Append(E(port.LogExcerpt)).Append("</pre></details>");
            }

            html.Append("</td><td>").Append(E(port.Package)).Append("</td><td>");
            if (port.Log is not null)
            {
                html.Append("<a href=\"").Append(E(Uri.EscapeDataString(port.Log))).Append("\">").Append(E(port.Log)).Append("</a>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Clock(double seconds) => DsynthLogFiles.Clock(TimeSpan.FromSeconds(seconds));

    private const string Style = """
        body { font-family: sans-serif; margin: 1em 2em; color: #222; }
        table { border-collapse: collapse; width: 100%; font-size: 90%; }
        th, td { border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }
        th[data-type] { cursor: pointer; text-decoration: underline dotted; }
        .counts { list-style: none; padding: 0; display: flex; gap: 1.5em; }
        .phases span { white-space: nowrap; color: #555; }
        .message { white-space: pre-wrap; font-family: monospace; color: #900; }
        .timeline text { font: 12px monospace; }
        .timeline rect { stroke: #fff; }
        rect.st-built { fill: #4a4; } rect.st-failed { fill: #c33; } rect.st-interrupted { fill: #999; }
        tr.st-failed td:nth-child(2), li.st-failed b { color: #c33; }
        tr.st-built td:nth-child(2), li.st-built b { color: #282; }
        tr.st-skipped td:nth-child(2), tr.st-ignored td:nth-child(2) { color: #a60; }

        """;

    private const string Script = """
        document.querySelectorAll('#ports th[data-type]').forEach(function (th, column) {
          th.addEventListener('click', function () {
            var body = document.querySelector('#ports tbody');
            var rows = Array.prototype.slice.call(body.rows);
            var numeric = th.dataset.type === 'number';
            var down = th.dataset.dir !== 'down';
            th.dataset.dir = down ? 'down' : 'up';
            rows.sort(function (a, b) {
              var x = a.cells[column], y = b.cells[column];
              var p = x.dataset.sort !== undefined ? x.dataset.sort : x.textContent;
              var q = y.dataset.sort !== undefined ? y.dataset.sort : y.textContent;
              var c = numeric || x.dataset.sort !== undefined ? Number(p) - Number(q) : p.localeCompare(q);
              return down ? -c : c;
            });
            rows.forEach(function (r) { body.appendChild(r); });
          });
        });

        """;
}
