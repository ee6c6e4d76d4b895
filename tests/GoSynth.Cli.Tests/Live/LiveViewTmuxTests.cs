using System.Text.RegularExpressions;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Live;

/// <summary>
/// The live view of a real build on a real pseudo-terminal: gosynth runs in a detached tmux session and the screen is
/// read back with <c>tmux capture-pane</c> while the build goes on and after it ended.
/// </summary>
public sealed partial class LiveViewTmuxTests
{
    private const string Tmux = "/usr/bin/tmux";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"^\s*0[12]\s+\d\d:\d\d:\d\d\s+build\s+misc/hello\s*$", RegexOptions.Multiline)]
    private static partial Regex HelloBuilding();

    [GeneratedRegex(@"Total \d+\s+Built \d+\s+Ignored \d+\s+Load \S+\s+Rate \d+/h\s+Workers \S+")]
    private static partial Regex HeaderFirstRow();

    [GeneratedRegex(@"Left \d+\s+Failed 0\s+Skipped \d+\s+Swap \S+\s+Impulse \d+/h")]
    private static partial Regex HeaderSecondRow();

    [Fact]
    public async Task Build_OnATerminal_DrawsHeaderAndSlotRowsThenLeavesOnlyTheSummary()
    {
        GoSynthProcess.RequireRealBuilds(Tmux);
        using var dir = new TempDirectory();
        var etc = await GoSynthProcess.PrepareAsync(dir, slowHello: TimeSpan.FromSeconds(5), Ct);
        await using var session = await TmuxSession.StartAsync($"dotnet {GoSynthProcess.Dll} -C {etc} -y build misc/hello", Ct);

        var during = await session.WaitForAsync(s => HelloBuilding().IsMatch(s), TimeSpan.FromSeconds(60), Ct);
        Assert.Matches(@"gosynth build  run 1  profile LiveSystem  building\s+\d\d:\d\d:\d\d", during);
        Assert.Matches(HeaderFirstRow(), during);
        Assert.Matches(HeaderSecondRow(), during);
        Assert.Matches(@"Slot\s+Elapsed\s+Phase\s+Port", during);
        Assert.Matches(@"success\s+\d\d:\d\d:\d\d\s+devel/libgreet", during);
        Assert.DoesNotContain("[01] start", during, StringComparison.Ordinal);

        var after = await session.WaitForAsync(s => s.Contains("EXIT=", StringComparison.Ordinal), TimeSpan.FromSeconds(60), Ct);
        Assert.Contains("EXIT=0", after, StringComparison.Ordinal);
        Assert.Matches(@"Built \d+, failed 0, skipped 0, .*\(run 1\)", after);
        Assert.Contains("Repository catalog rebuilt", after, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"Slot\s+Elapsed\s+Phase", after);
        Assert.DoesNotMatch(HeaderFirstRow(), after);
        Assert.Equal("1", await session.CursorVisibleAsync(Ct));
    }

    [Fact]
    public async Task Build_CtrlC_StopsTheBuildAndGivesTheTerminalBack()
    {
        GoSynthProcess.RequireRealBuilds(Tmux);
        using var dir = new TempDirectory();
        var etc = await GoSynthProcess.PrepareAsync(dir, slowHello: TimeSpan.FromSeconds(30), Ct);
        await using var session = await TmuxSession.StartAsync($"dotnet {GoSynthProcess.Dll} -C {etc} -y build misc/hello", Ct);

        await session.WaitForAsync(s => HelloBuilding().IsMatch(s), TimeSpan.FromSeconds(60), Ct);
        await session.SendKeysAsync("C-c", Ct);

        var after = await session.WaitForAsync(s => s.Contains("EXIT=", StringComparison.Ordinal), TimeSpan.FromSeconds(30), Ct);
        Assert.Contains("EXIT=130", after, StringComparison.Ordinal);
        Assert.Contains("interrupted; the run is closed as aborted", after, StringComparison.Ordinal);
        Assert.Matches(@"Built \d+, failed 0, .*interrupted 1", after);
        Assert.DoesNotMatch(@"Slot\s+Elapsed\s+Phase", after);
        Assert.Equal("1", await session.CursorVisibleAsync(Ct));
    }

    [Fact]
    public async Task Build_OnADumbTerminal_PrintsPlainLines()
    {
        GoSynthProcess.RequireRealBuilds(Tmux);
        using var dir = new TempDirectory();
        var etc = await GoSynthProcess.PrepareAsync(dir, slowHello: null, Ct);
        await using var session = await TmuxSession.StartAsync($"TERM=dumb dotnet {GoSynthProcess.Dll} -C {etc} -y build misc/hello", Ct);

        var after = await session.WaitForAsync(s => s.Contains("EXIT=", StringComparison.Ordinal), TimeSpan.FromSeconds(60), Ct);

        Assert.Contains("EXIT=0", after, StringComparison.Ordinal);
        Assert.Matches(@"\[0[12]\] start    misc/hello", after);
        Assert.Matches(@"\[0[12]\] success  misc/hello\s+\d+/\d+  \d\d:\d\d:\d\d", after);
        Assert.DoesNotMatch(@"Slot\s+Elapsed\s+Phase", after);
    }

    [Fact]
    public async Task Build_WithNoColor_DrawsTheViewWithoutColours()
    {
        GoSynthProcess.RequireRealBuilds(Tmux);
        using var dir = new TempDirectory();
        var etc = await GoSynthProcess.PrepareAsync(dir, slowHello: TimeSpan.FromSeconds(4), Ct);
        await using var plain = await TmuxSession.StartAsync($"NO_COLOR=1 dotnet {GoSynthProcess.Dll} -C {etc} -y build misc/hello", Ct);

        var screen = await plain.WaitForAsync(s => HelloBuilding().IsMatch(s), TimeSpan.FromSeconds(60), Ct);
        var escapes = await plain.CaptureWithEscapesAsync(Ct);

        Assert.Matches(HeaderFirstRow(), screen);
        Assert.Matches(@"success\s+\d\d:\d\d:\d\d\s+devel/libgreet", screen);
        Assert.DoesNotMatch(ForegroundColour(), escapes);
        Assert.Contains("EXIT=0", await plain.WaitForAsync(s => s.Contains("EXIT=", StringComparison.Ordinal), TimeSpan.FromSeconds(60), Ct), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;5;\d+|38;2;\d+;\d+;\d+)m")]
    private static partial Regex ForegroundColour();
}
