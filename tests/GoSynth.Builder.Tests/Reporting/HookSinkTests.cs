using System.Diagnostics;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Events;
using GoSynth.Builder.Reporting;
using GoSynth.Environment.Processes;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Reporting;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HookSinkTests
{
    /// <summary>A hook that appends its whole environment, then a separator, to <c>&lt;name&gt;.out</c>.</summary>
    private static string RecordingHook(TempDirectory dir, string name)
    {
        var output = dir.Combine(name + ".out");
        var path = dir.WriteFile(name, $"#!/bin/sh\n{{ env; echo ----; }} >> '{output}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static string Script(TempDirectory dir, string name, string body)
    {
        var path = dir.WriteFile(name, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Each run of a recording hook, as its environment.</summary>
    private static List<Dictionary<string, string>> Runs(TempDirectory dir, string name)
    {
        var path = dir.Combine(name + ".out");
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadAllText(path)
            .Split("----\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1]))
            .ToList();
    }

    private static HookOptions Options(TempDirectory dir) => new()
    {
        RunStart = RecordingHook(dir, "hook_run_start"),
        RunEnd = RecordingHook(dir, "hook_run_end"),
        PackageSuccess = RecordingHook(dir, "hook_pkg_success"),
        PackageFailure = RecordingHook(dir, "hook_pkg_failure"),
        PackageIgnored = RecordingHook(dir, "hook_pkg_ignored"),
        PackageSkipped = RecordingHook(dir, "hook_pkg_skipped"),
        PackagesDirectory = "/b/packages",
        RepositoryDirectory = "/b/packages/All",
        PortsDirectory = "/b/ports",
        OptionsDirectory = "/b/options",
        DistfilesDirectory = "/b/distfiles",
        LogsDirectory = dir.Combine("logs"),
        BuildBase = "/b/build",
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Publish_Run_RunsEachHookWithDsynthsEnvironment()
    {
        using var dir = new TempDirectory();
        var options = Options(dir);
        await using var sink = new HookSink(options, new ProcessRunner());

        sink.PublishAll(ReportingEvents.Run());
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        var start = Assert.Single(Runs(dir, "hook_run_start"));
        Assert.Equal("4", start["PORTS_QUEUED"]);
        foreach (var run in new[] { start, Assert.Single(Runs(dir, "hook_run_end")) })
        {
            Assert.Equal("LiveSystem", run["PROFILE"]);
            Assert.Equal("/b/packages", run["DIR_PACKAGES"]);
            Assert.Equal("/b/packages/All", run["DIR_REPOSITORY"]);
            Assert.Equal("/b/ports", run["DIR_PORTS"]);
            Assert.Equal("/b/options", run["DIR_OPTIONS"]);
            Assert.Equal("/b/distfiles", run["DIR_DISTFILES"]);
            Assert.Equal(options.LogsDirectory, run["DIR_LOGS"]);
            Assert.Equal("/b/build", run["DIR_BUILDBASE"]);
            Assert.False(run.ContainsKey("HOME"), "the environment is clean");
        }

        var end = Assert.Single(Runs(dir, "hook_run_end"));
        Assert.Equal(("1", "1", "1", "2"), (end["PORTS_BUILT"], end["PORTS_FAILED"], end["PORTS_IGNORED"], end["PORTS_SKIPPED"]));
        Assert.False(end.ContainsKey("RESULT"));

        var success = Assert.Single(Runs(dir, "hook_pkg_success"));
        Assert.Equal(("success", "devel/gmake", "devel/gmake", "gmake-4.4.1.pkg"), (success["RESULT"], success["ORIGIN"], success["FLAVOR"], success["PKGNAME"]));
        var failure = Assert.Single(Runs(dir, "hook_pkg_failure"));
        Assert.Equal(("failure", "lang/python", "py311", "python311-3.11.9.pkg"), (failure["RESULT"], failure["ORIGIN"], failure["FLAVOR"], failure["PKGNAME"]));
        var ignored = Assert.Single(Runs(dir, "hook_pkg_ignored"));
        Assert.Equal(("ignored", "x11/broken", "broken-1.0.pkg"), (ignored["RESULT"], ignored["ORIGIN"], ignored["PKGNAME"]));
        var skipped = Runs(dir, "hook_pkg_skipped");
        Assert.Equal(["www/app", "www/app-plugin"], skipped.Select(r => r["ORIGIN"]));
        Assert.All(skipped, r => Assert.Equal("skipped", r["RESULT"]));
        Assert.Equal("app-2.0.pkg", skipped[0]["PKGNAME"]);
        Assert.False(File.Exists(dir.Combine("logs", "07_debug.log")), "no hook failed");
    }

    [Fact]
    public async Task Publish_HooksRunInTheOrderOfTheirEvents()
    {
        using var dir = new TempDirectory();
        var order = dir.Combine("order");
        string Hook(string name) => Script(dir, name, $"echo {name} $ORIGIN >> '{order}'");
        var options = new HookOptions
        {
            RunStart = Hook("hook_run_start"), RunEnd = Hook("hook_run_end"), PackageSuccess = Hook("hook_pkg_success"),
            PackageFailure = Hook("hook_pkg_failure"), PackageIgnored = Hook("hook_pkg_ignored"), PackageSkipped = Hook("hook_pkg_skipped"),
        };
        await using var sink = new HookSink(options, new ProcessRunner());

        sink.PublishAll(ReportingEvents.Run());
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            ["hook_run_start", "hook_pkg_ignored x11/broken", "hook_pkg_success devel/gmake", "hook_pkg_failure lang/python",
             "hook_pkg_skipped www/app", "hook_pkg_skipped www/app-plugin", "hook_run_end"],
            File.ReadAllLines(order));
    }

    [Fact]
    public async Task Publish_FailingHangingAndMissingHooks_AreNotedAndDoNotHoldTheRun()
    {
        using var dir = new TempDirectory();
        var options = Options(dir) with
        {
            RunStart = Script(dir, "fails", "echo 'no database' >&2; exit 3"),
            PackageSuccess = Script(dir, "hangs", "sleep 60"),
            PackageFailure = dir.Combine("does-not-exist"),
            Timeout = TimeSpan.FromSeconds(1),
        };
        await using var sink = new HookSink(options, new ProcessRunner());
        var clock = Stopwatch.StartNew();

        sink.PublishAll(ReportingEvents.Run());
        var published = clock.Elapsed;
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        Assert.True(published < TimeSpan.FromSeconds(1), $"publishing waited for the hooks ({published})");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"flush took {clock.Elapsed}");
        var notes = File.ReadAllLines(dir.Combine("logs", "07_debug.log"));
        Assert.Equal(3, notes.Length);
        Assert.Equal($"[XXX] run SCRIPT hook_run_start ({options.RunStart}) failed, exit 3: no database", notes[0]);
        Assert.StartsWith($"[XXX] devel/gmake SCRIPT hook_pkg_success ({options.PackageSuccess}) failed, killed after", notes[1], StringComparison.Ordinal);
        Assert.StartsWith($"[XXX] lang/python@py311 SCRIPT hook_pkg_failure ({options.PackageFailure}) failed, could not be started", notes[2], StringComparison.Ordinal);
        Assert.Equal(notes, File.ReadAllLines(dir.Combine("logs", "00_last_results.log")));
        Assert.Single(Runs(dir, "hook_run_end"));                  // the hooks after them still ran
        Assert.Equal(2, Runs(dir, "hook_pkg_skipped").Count);
    }

    [Fact]
    public async Task FlushAsync_Cancelled_ReturnsWithoutWaitingForAHangingHook()
    {
        using var dir = new TempDirectory();
        var options = new HookOptions { RunStart = Script(dir, "hangs", "sleep 60"), Timeout = TimeSpan.FromSeconds(3) };
        await using var sink = new HookSink(options, new ProcessRunner());
        sink.Publish(new RunStartedEvent(ReportingEvents.T0, 1, "LiveSystem", 1, 0, 0));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await sink.FlushAsync(cancel.Token));
    }

    [Fact]
    public void FromBuilderOptions_KeysWin_ElseExecutableFilesNextToTheConfiguration()
    {
        using var dir = new TempDirectory();
        var configured = dir.Combine("elsewhere", "start");
        Script(dir, "hook_run_start", "true");
        Script(dir, "hook_pkg_success", "true");
        dir.WriteFile("hook_pkg_failure", "#!/bin/sh\n");              // not executable: not a hook
        var options = new BuilderOptions
        {
            ConfigurationFile = dir.Combine("dsynth.ini"),
            HookRunStart = configured,
            Profile = "Test",
            PackagesDirectory = "/p",
            LogsDirectory = "/l",
        };

        var hooks = HookOptions.FromBuilderOptions(options);

        Assert.Equal(configured, hooks.RunStart);
        Assert.Equal(dir.Combine("hook_pkg_success"), hooks.PackageSuccess);
        Assert.Null(hooks.PackageFailure);
        Assert.Null(hooks.RunEnd);
        Assert.Equal(("Test", "/p", "/p/All", "/l"), (hooks.Profile, hooks.PackagesDirectory, hooks.RepositoryDirectory, hooks.LogsDirectory));
    }
}
