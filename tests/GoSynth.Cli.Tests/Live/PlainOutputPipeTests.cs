using System.Text.RegularExpressions;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Live;

/// <summary>A real build with standard output through a pipe and no -S: plain lines, one per event, no escape codes.</summary>
public sealed partial class PlainOutputPipeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"^(?:run \d+: \d+ of \d+ ports to build, profile \S+, \d+ builders" +
        @"|\[\d\d\] start    \S+" +
        @"|\[\d\d\] success  \S+\s+\d+/\d+  \d\d:\d\d:\d\d" +
        @"|\[\d\d\] failure  \S+\s+\d+/\d+  \d\d:\d\d:\d\d  .+" +
        @"|\[--\] skipped  \S+\s+(?:\d+/\d+)?\s+\(.+\)" +
        @"|\[--\] ignored  \S+\s+\(.+\)" +
        @"|\[--\] unbuildable \S+\s+\(.+\)" +
        @"|\[--\] throttle \d+ -> \d+ builders(?: \(.+\))?)$")]
    private static partial Regex EventLine();

    [Fact]
    public async Task Build_ThroughAPipe_PrintsOneLinePerEventAndNoEscapeCodes()
    {
        GoSynthProcess.RequireRealBuilds();
        using var dir = new TempDirectory();
        var etc = await GoSynthProcess.PrepareAsync(dir, slowHello: null, Ct);

        // TERM names a capable terminal: only the pipe decides that the output is plain.
        var (exit, output, error) = await GoSynthProcess.RunAsync(["-C", etc, "-y", "build", "misc/hello", "misc/badclient"], Ct,
            new Dictionary<string, string> { ["TERM"] = "xterm-256color" });

        Assert.True(exit == 1, output + error);
        Assert.DoesNotContain('\x1b', output);
        Assert.DoesNotContain('\r', output);
        var lines = output.Split('\n');
        var summary = Array.FindIndex(lines, l => l.StartsWith("Built ", StringComparison.Ordinal));
        Assert.True(summary > 0, output);
        var events = lines[..summary];
        Assert.All(events, l => Assert.Matches(EventLine(), l));
        Assert.StartsWith("run 1: ", events[0], StringComparison.Ordinal);

        // Every port a slot took has its start line before its end line, once each.
        var started = events.Where(l => l.Contains("] start ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]).ToList();
        var ended = events.Where(l => l.Contains("] success ", StringComparison.Ordinal) || l.Contains("] failure ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]).ToList();
        Assert.Equal(started.Order(StringComparer.Ordinal), ended.Order(StringComparer.Ordinal));
        Assert.Equal(started.Count, started.Distinct(StringComparer.Ordinal).Count());
        foreach (var port in ended)
        {
            Assert.True(Array.FindIndex(events, l => l.EndsWith("] start    " + port, StringComparison.Ordinal))
                < Array.FindIndex(events, l => l.Contains("  " + port + " ", StringComparison.Ordinal) && !l.Contains("] start", StringComparison.Ordinal)), output);
        }

        Assert.Contains("misc/hello", ended);
        Assert.Contains(events, l => l.Contains("] failure  broken/badcode", StringComparison.Ordinal));
        Assert.Contains(events, l => l.StartsWith("[--] skipped  misc/badclient", StringComparison.Ordinal));
    }
}
