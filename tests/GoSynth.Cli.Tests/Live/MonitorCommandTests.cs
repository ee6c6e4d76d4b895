using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Live;

/// <summary><c>gosynth monitor</c>: refusing when no build runs, and attached to a real build in another process.</summary>
public sealed partial class MonitorCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"^\s*0[12]\s+\d\d:\d\d:\d\d\s+build\s+misc/hello\s*$", RegexOptions.Multiline)]
    private static partial Regex HelloBuilding();

    private static async Task<(int Exit, string Output, string Error)> InProcessAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await GoSynthApp.CreateRootCommand(new CliHost()).Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, Ct);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Configure(TempDirectory dir)
    {
        var etc = dir.Combine("etc");
        DsynthConfiguration.Init(etc, new BuilderOptions
        {
            PortsDirectory = RepositoryPaths.SamplePorts,
            PackagesDirectory = dir.Combine("packages"),
            OptionsDirectory = dir.Combine("options"),
            DistfilesDirectory = dir.Combine("distfiles"),
            BuildBase = dir.Combine("build"),
            LogsDirectory = dir.Combine("logs"),
        });
        return etc;
    }

    [Fact]
    public async Task Monitor_NoMonitorFile_ExitsTwoWithOneLine()
    {
        using var dir = new TempDirectory();
        var etc = Configure(dir);

        var (exit, output, error) = await InProcessAsync("-C", etc, "monitor");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"gosynth monitor: no build is running: there is no monitor file {dir.Combine("logs", "monitor.json")} (a build writes it while it runs)", error.TrimEnd('\n'));
    }

    [Fact]
    public async Task Monitor_WithProfileFlag_ReadsThatProfilesLogsDirectory()
    {
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        var ini = Path.Combine(etc, "dsynth.ini");
        var text = await File.ReadAllTextAsync(ini, Ct);
        var section = text[text.IndexOf("[LiveSystem]", StringComparison.Ordinal)..];
        var other = section.Replace("[LiveSystem]", "[Other]", StringComparison.Ordinal)
            .Replace(dir.Combine("logs"), dir.Combine("other-logs"), StringComparison.Ordinal);
        await File.WriteAllTextAsync(ini, text.TrimEnd() + "\n\n" + other, Ct);

        var (exit, _, error) = await InProcessAsync("-C", etc, "-p", "Other", "monitor");

        Assert.Equal(2, exit);
        Assert.Contains(dir.Combine("other-logs", "monitor.json"), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_TheLastRunEnded_ExitsTwoNamingIt()
    {
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        await using (var sink = new MonitorSink(dir.Combine("logs", "monitor.json"), interval: TimeSpan.FromDays(1)))
        {
            var now = DateTimeOffset.UtcNow;
            sink.Publish(new RunStartedEvent(now, 4, "LiveSystem", 1, 0, 0));
            sink.Publish(new RunFinishedEvent(now, 4, false, 0, 0, 0, TimeSpan.FromSeconds(1)));
            await sink.FlushAsync(Ct);
        }

        var (exit, _, error) = await InProcessAsync("-C", etc, "monitor", "--json");

        Assert.Equal(2, exit);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains("no build is running: the last one, run 4, ended at", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_AWriterThatStoppedUpdating_ExitsTwo()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("monitor.json");
        var snapshot = new MonitorSnapshot(1, 9, "p", true, false, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(-2),
            TimeSpan.FromMinutes(3), 2, null, [], new MonitorTotals(1, 0, 0, 0, 0, 1, 0), null, null, null, 0, 0);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(snapshot, new JsonSerializerOptions(JsonSerializerDefaults.Web)), Ct);

        var (exit, _, error) = await InProcessAsync("monitor", path);

        Assert.Equal(2, exit);
        Assert.Matches(@"^gosynth monitor: no build is running: run 9 stopped updating .*monitor\.json 1\d\d s ago \(its process is gone\)\n$", error);
    }

    [Fact]
    public async Task Monitor_NoConfiguration_ExitsThree()
    {
        using var dir = new TempDirectory();

        var (exit, output, error) = await InProcessAsync("-C", dir.Combine("nowhere"), "monitor");

        Assert.Equal(3, exit);
        Assert.Equal("", output);
        Assert.StartsWith("gosynth monitor: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Monitor_AttachedToARealBuild_FollowsItInJsonPlainAndOnATerminalAndEndsWithIt()
    {
        GoSynthProcess.RequireRealBuilds("/usr/bin/tmux");
        using var dir = new TempDirectory();
        var etc = await GoSynthProcess.PrepareAsync(dir, slowHello: TimeSpan.FromSeconds(6), Ct);
        using var build = GoSynthProcess.Start(["-C", etc, "-y", "-S", "build", "misc/hello"]);
        var buildOutput = build.StandardOutput.ReadToEndAsync(Ct);
        var buildError = build.StandardError.ReadToEndAsync(Ct);
        var monitorFile = GoSynthProcess.MonitorFile(dir);
        for (var i = 0; i < 600 && (await MonitorSnapshot.ReadAsync(monitorFile, Ct))?.Running != true; i++)
        {
            if (build.HasExited)
            {
                Assert.Fail("the build ended before a monitor could attach: " + await buildOutput + await buildError);
            }

            await Task.Delay(50, Ct);
        }

        var json = GoSynthProcess.RunAsync(["-C", etc, "monitor", "--json"], Ct);
        var plain = GoSynthProcess.RunAsync(["-C", etc, "monitor"], Ct);
        await using var terminal = await TmuxSession.StartAsync($"dotnet {GoSynthProcess.Dll} -C {etc} monitor", Ct);
        var screen = await terminal.WaitForAsync(s => HelloBuilding().IsMatch(s), TimeSpan.FromSeconds(60), Ct);
        await build.WaitForExitAsync(Ct);
        Assert.True(build.ExitCode == 0, await buildOutput + await buildError);

        // On a terminal: the build's own screen, fed from the monitor file, and the exit when the run ended.
        Assert.Matches(@"gosynth monitor  run 1  profile LiveSystem  building", screen);
        Assert.Matches(@"Total \d+\s+Built \d+\s+Ignored \d+\s+Load \S+\s+Rate \d+/h\s+Workers \d", screen);
        Assert.Matches(@"success\s+\d\d:\d\d:\d\d\s+devel/libgreet", screen);
        var ended = await terminal.WaitForAsync(s => s.Contains("EXIT=", StringComparison.Ordinal), TimeSpan.FromSeconds(20), Ct);
        Assert.Contains("EXIT=0", ended, StringComparison.Ordinal);
        Assert.Matches(@"gosynth monitor  run 1  profile LiveSystem  finished", ended);

        // JSON: one snapshot per line, the hello build seen in a slot, the last line the finished run.
        var (jsonExit, jsonOutput, jsonError) = await json;
        Assert.True(jsonExit == 0, jsonOutput + jsonError);
        var lines = jsonOutput.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(lines.Count >= 3, jsonOutput);
        Assert.All(lines, l => Assert.Equal(1, l.GetProperty("schema").GetInt32()));
        Assert.All(lines, l => Assert.Equal(1, l.GetProperty("runId").GetInt64()));
        Assert.Contains(lines, l => l.GetProperty("slots").EnumerateArray().Any(s => s.GetProperty("port").GetString() == "misc/hello" && s.GetProperty("phase").GetString() == "build"));
        Assert.All(lines[..^1], l => Assert.True(l.GetProperty("running").GetBoolean()));
        var last = lines[^1];
        Assert.False(last.GetProperty("running").GetBoolean());
        Assert.Equal(0, last.GetProperty("totals").GetProperty("remaining").GetInt32());
        Assert.Equal(last.GetProperty("totals").GetProperty("queued").GetInt32(), last.GetProperty("totals").GetProperty("built").GetInt32());
        Assert.Contains(last.GetProperty("recent").EnumerateArray(), r => r.GetProperty("port").GetString() == "misc/hello" && r.GetProperty("result").GetString() == "success");
        var updated = lines.Select(l => l.GetProperty("updated").GetDateTimeOffset()).ToList();
        Assert.Equal(updated.Order(), updated);
        Assert.Equal(updated.Count, updated.Distinct().Count());

        // Plain: a line per change, no escape codes, the last one the finished run.
        var (plainExit, plainOutput, plainError) = await plain;
        Assert.True(plainExit == 0, plainOutput + plainError);
        Assert.DoesNotContain('\x1b', plainOutput);
        var plainLines = plainOutput.TrimEnd('\n').Split('\n');
        Assert.All(plainLines, l => Assert.Matches(@"^\d\d:\d\d:\d\d run 1 (?:finished )?total \d+ built \d+ failed 0 skipped \d+ ignored \d+ left \d+ \| ", l));
        Assert.Contains(plainLines, l => l.Contains("misc/hello build", StringComparison.Ordinal));
        Assert.Matches(@"run 1 finished total (\d+) built \1 failed 0 .* left 0 \| no slot busy$", plainLines[^1]);
    }
}
