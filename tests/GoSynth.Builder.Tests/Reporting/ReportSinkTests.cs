using System.Net;
using System.Text.Json;
using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Reporting;

public sealed class ReportSinkTests
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>&amp;\"";

    private static async Task<(TempDirectory Dir, ReportSink Sink)> RunAsync(string hostile = "")
    {
        var dir = new TempDirectory();
        var sink = new ReportSink(dir.Combine("logs"));
        sink.PublishAll(ReportingEvents.Run(hostile));
        await sink.FlushAsync(TestContext.Current.CancellationToken);
        return (dir, sink);
    }

    [Fact]
    public async Task FlushAsync_BeforeTheRunEnds_WritesNothing()
    {
        using var dir = new TempDirectory();
        var sink = new ReportSink(dir.Path);
        sink.PublishAll(ReportingEvents.Run().Where(e => e is not RunFinishedEvent));

        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.False(File.Exists(sink.SummaryPath));
        Assert.False(File.Exists(sink.ReportPath));
    }

    [Fact]
    public async Task FlushAsync_AfterRunFinished_WritesTheSummary()
    {
        var (dir, sink) = await RunAsync();
        using var _ = dir;
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(sink.SummaryPath, TestContext.Current.CancellationToken));
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        var run = root.GetProperty("run");
        Assert.Equal(7, run.GetProperty("id").GetInt64());
        Assert.Equal("LiveSystem", run.GetProperty("profile").GetString());
        Assert.Equal(ReportingEvents.T0, run.GetProperty("started").GetDateTimeOffset());
        Assert.Equal(3726, run.GetProperty("elapsedSeconds").GetDouble());
        Assert.False(run.GetProperty("aborted").GetBoolean());
        Assert.Equal(2, run.GetProperty("builders").GetInt32());

        var totals = root.GetProperty("totals");
        Assert.Equal(4, totals.GetProperty("queued").GetInt32());
        Assert.Equal(1, totals.GetProperty("built").GetInt32());
        Assert.Equal(1, totals.GetProperty("failed").GetInt32());
        Assert.Equal(2, totals.GetProperty("skipped").GetInt32());
        Assert.Equal(1, totals.GetProperty("ignored").GetInt32());
        Assert.Equal(1, totals.GetProperty("meta").GetInt32());
        Assert.Equal(1, totals.GetProperty("upToDate").GetInt32());
        Assert.Equal(0, totals.GetProperty("notBuilt").GetInt32());

        var ports = root.GetProperty("ports").EnumerateArray().ToDictionary(p => p.GetProperty("port").GetString()!);
        Assert.Equal(7, ports.Count);
        var gmake = ports["devel/gmake"];
        Assert.Equal("built", gmake.GetProperty("status").GetString());
        Assert.Equal("4.4.1", gmake.GetProperty("version").GetString());
        Assert.Equal(0, gmake.GetProperty("slot").GetInt32());
        Assert.Equal(ReportingEvents.At(1), gmake.GetProperty("started").GetDateTimeOffset());
        Assert.Equal(65, gmake.GetProperty("durationSeconds").GetDouble());
        Assert.Equal("gmake-4.4.1.pkg", gmake.GetProperty("package").GetString());
        Assert.Equal("devel___gmake.log", gmake.GetProperty("log").GetString());
        Assert.Equal("new port", gmake.GetProperty("reason").GetString());
        Assert.Equal(
            [("build", 50.0), ("package", 15.0)],
            gmake.GetProperty("phases").EnumerateArray().Select(p => (p.GetProperty("phase").GetString()!, p.GetProperty("seconds").GetDouble())));

        var python = ports["lang/python@py311"];
        Assert.Equal("failed", python.GetProperty("status").GetString());
        Assert.Equal("build", python.GetProperty("failedPhase").GetString());
        Assert.Equal("make: *** [all] Error 1", python.GetProperty("message").GetString());
        Assert.Equal(2, python.GetProperty("skippedDependents").GetInt32());
        Assert.Equal("cc: error", python.GetProperty("logExcerpt").GetString());
        Assert.Equal(3723, python.GetProperty("durationSeconds").GetDouble());

        Assert.Equal("skipped", ports["www/app"].GetProperty("status").GetString());
        Assert.Equal("lang/python@py311 failed", ports["www/app"].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, ports["www/app"].GetProperty("slot").ValueKind);
        Assert.Equal("ignored", ports["x11/broken"].GetProperty("status").GetString());
        Assert.Equal("meta", ports["misc/meta"].GetProperty("status").GetString());
        Assert.Equal("up-to-date", ports["devel/uptodate"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task FlushAsync_AfterRunFinished_WritesAStandaloneReport()
    {
        var (dir, sink) = await RunAsync();
        using var _ = dir;
        var html = await File.ReadAllTextAsync(sink.ReportPath, TestContext.Current.CancellationToken);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"st-built\"><td>devel/gmake</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"st-failed\"><td>lang/python@py311</td>", html, StringComparison.Ordinal);
        Assert.Contains("failed (build)", html, StringComparison.Ordinal);
        Assert.Contains("01:02:03", html, StringComparison.Ordinal);
        Assert.Contains("<span>build 00:00:50</span>", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"timeline\"", html, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(html, "<rect "));
        Assert.Contains("<th data-type=\"number\">Duration</th>", html, StringComparison.Ordinal);
        Assert.Contains("built: <b>1</b>", html, StringComparison.Ordinal);
        Assert.Contains("failed: <b>1</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FlushAsync_HostileStrings_AreEscapedEverywhereInTheReport()
    {
        var (dir, sink) = await RunAsync(Hostile);
        using var _ = dir;
        var html = await File.ReadAllTextAsync(sink.ReportPath, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, CountOf(html, "<script"));                   // the report's own sorting script only
        Assert.Equal(1, CountOf(html, "</script>"));
        var escaped = WebUtility.HtmlEncode(Hostile);
        Assert.True(CountOf(html, escaped) >= 4, "the ignore reason, the version, the failure message and the log excerpt are shown escaped");
        Assert.Contains(WebUtility.HtmlEncode(Uri.EscapeDataString(Path.GetFileName("/logs/lang___python@py311.log" + Hostile))), html, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(sink.SummaryPath, TestContext.Current.CancellationToken));
        var broken = json.RootElement.GetProperty("ports").EnumerateArray().Single(p => p.GetProperty("port").GetString() == "x11/broken");
        Assert.EndsWith(Hostile, broken.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task FlushAsync_LogsDirectoryIsAFile_DoesNotThrow()
    {
        using var dir = new TempDirectory();
        var sink = new ReportSink(dir.WriteFile("not-a-directory", "x"));
        sink.PublishAll(ReportingEvents.Run());

        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal("x", File.ReadAllText(dir.Combine("not-a-directory")));
    }
}
