using System.Collections.Immutable;
using GoSynth.Environment.Internal.Slots;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>Real Linux slots: tmpfs, bind mounts, chroot and PID namespaces. Needs root; skipped with the reason otherwise.</summary>
[Collection(nameof(LinuxSlotTests))]
public sealed class LinuxSlotTests
{
    private static readonly ImmutableDictionary<string, string> s_env =
        ImmutableDictionary<string, string>.Empty.Add("PATH", "/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin");

    private static SlotCommand Sh(string script, string cwd = "/") => new("/bin/sh", ["-c", script]) { Environment = s_env, WorkingDirectory = cwd };

    [Fact]
    public async Task Slot_Layout_SystemReadOnlyConstructionWritablePackagesSurvive()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(1));
        var ct = TestContext.Current.CancellationToken;

        await slot.SetupAsync(ct);
        Assert.Equal(Path.Combine(bed.BuildBase, "SL01"), slot.Root);
        Assert.Equal(SlotState.Ready, slot.State);

        var usr = await Run(slot, "touch /usr/gosynth-probe");
        Assert.NotEqual(0, usr.Result.ExitCode);
        Assert.Contains("Read-only file system", usr.Sink.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Run(slot, "touch /usr/bin/gosynth-probe")).Result.ExitCode);
        Assert.NotEqual(0, (await Run(slot, "touch /xports/gosynth-probe")).Result.ExitCode);
        Assert.Equal(0, (await Run(slot, "echo data > /construction/file && cat /construction/file")).Result.ExitCode);
        Assert.Equal(0, (await Run(slot, "mkdir -p /usr/local/bin && touch /usr/local/bin/tool /tmp/x")).Result.ExitCode);
        Assert.Equal(0, (await Run(slot, "echo pkgdata > /packages/All/hello-1.0.pkg")).Result.ExitCode);
        Assert.Equal(0, (await Run(slot, "echo x > /dev/null && head -c 4 /dev/urandom | wc -c && touch /dev/shm/sem.gosynth")).Result.ExitCode);
        Assert.Equal(["root:*:0:0:root:/root:/bin/sh"], (await Run(slot, "cat /etc/passwd")).Sink.StandardOutputLines);
        Assert.Equal(["PORTNAME=hello"], (await Run(slot, "cat /xports/misc/hello/Makefile")).Sink.StandardOutputLines);
        Assert.False(File.Exists("/usr/gosynth-probe"));

        var result = await slot.TeardownAsync(ct);

        Assert.True(result.Complete, string.Join(", ", result.RemainingMounts));
        Assert.Empty(SlotTestBed.MountsUnder(bed.BuildBase));
        Assert.False(Directory.Exists(slot.Root));
        Assert.Equal("pkgdata\n", File.ReadAllText(bed.Combine("packages", "All", "hello-1.0.pkg")));
        Assert.Equal("PORTNAME=hello\n", File.ReadAllText(bed.Combine("ports", "misc", "hello", "Makefile")));
    }

    [Fact]
    public async Task Execute_Command_RunsAsInitOfItsOwnPidNamespaceWithExactEnvAndCwd()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(2));
        await slot.SetupAsync(TestContext.Current.CancellationToken);

        var run = await Run(slot, "echo pid=$$; pwd; ls /proc | grep -c '^[0-9]'; env | sort", cwd: "/construction");

        Assert.True(run.Result.Succeeded, run.Sink.StandardError);
        Assert.Equal("pid=1", run.Sink.StandardOutputLines[0]);
        Assert.Equal("/construction", run.Sink.StandardOutputLines[1]);
        Assert.True(int.Parse(run.Sink.StandardOutputLines[2], System.Globalization.CultureInfo.InvariantCulture) <= 4, "the slot's /proc shows only the command's own processes");
        Assert.Equal(["PATH=" + s_env["PATH"], "PWD=/construction"], run.Sink.StandardOutputLines.Skip(3).Where(l => !l.StartsWith("SHLVL=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Execute_NetworkIsolated_OnlyLoopbackUnlessAllowed()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(3));
        await slot.SetupAsync(TestContext.Current.CancellationToken);

        var isolated = await Run(slot, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");

        Assert.Equal(["lo"], isolated.Sink.StandardOutputLines);
        var allowed = await slot.ExecuteAsync(Sh("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '") with { AllowNetwork = true }, new CapturingOutputSink(), TestContext.Current.CancellationToken);
        Assert.True(allowed.Succeeded);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Execute_TimeoutOrCancel_KillsEveryProcessInTheSlot(bool cancel)
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(4));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new Processes.CallbackSink((_, line) =>
        {
            if (line == "started")
            {
                started.TrySetResult();
            }
        });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // A background child, a child that leaves the session, and a nested shell's child.
        var command = Sh("sleep 300 & setsid sleep 301 & sh -c 'sleep 302 & wait' & sleep 0.2; echo started; wait") with
        {
            Timeout = cancel ? null : TimeSpan.FromSeconds(2),
        };
        var run = slot.ExecuteAsync(command, sink, cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.True(LinuxSlotProcesses.InSlot(slot.Root).Count() >= 4, "the command's processes should be running in the slot");

        if (cancel)
        {
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        else
        {
            Assert.Equal(ProcessOutcome.TimedOut, (await run).Outcome);
        }

        Assert.DoesNotContain(LinuxSlotProcesses.InSlot(slot.Root), Processes.ProcessTable.IsRunning);
    }

    [Fact]
    public async Task Reset_EmptiesConstructionAndLocalBaseAndRestoresPackageDatabase()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(5));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Run(slot, "mkdir -p /construction/misc/hello/work && touch /construction/misc/hello/work/obj.o /usr/local/bin-installed && echo changed > /var/db/pkg/local.sqlite && touch /var/db/pkg/extra")).Result.ExitCode);

        await slot.ResetAsync(TestContext.Current.CancellationToken);

        Assert.Empty(Directory.EnumerateFileSystemEntries(slot.MapToHost("/construction")));
        Assert.False(File.Exists(slot.MapToHost("/usr/local/bin-installed")));
        Assert.True(File.Exists(slot.MapToHost("/usr/local/sbin/pkg")));
        Assert.Equal("template-db", File.ReadAllText(slot.MapToHost("/var/db/pkg/local.sqlite")));
        Assert.False(File.Exists(slot.MapToHost("/var/db/pkg/extra")));
        Assert.Equal(0, (await Run(slot, "touch /construction/again")).Result.ExitCode);
    }

    [Fact]
    public async Task Teardown_UnmountStaysBusy_DetachesItNamingTheHolder_RemovesTheSlotAndLeavesHostFilesIntact()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var hostFiles = new Dictionary<string, string>
        {
            ["packages/All/pkg-1.0.pkg"] = "not really a package\n",
            ["distfiles/hello-1.0.tar.gz"] = "not really a tarball\n",
            ["ports/misc/hello/distinfo"] = "SHA256 (hello-1.0.tar.gz) = 00\n",
            ["options/misc_hello/options"] = "OPTIONS_FILE_SET+=DOCS\n",
            ["options/keep.txt"] = "precious host data\n",
        };
        foreach (var (path, text) in hostFiles)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(bed.Combine(path))!);
            File.WriteAllText(bed.Combine(path), text);
        }

        var logs = new SlotLogRecorder();
        var slot = bed.Track(SlotEnvironment.Create(bed.Options, loggerFactory: logs).CreateSlot(6));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        var busyMount = slot.MapToHost("/options");

        // This process holds a host file open through the slot's bind mount: every unmount of /options is busy.
        TeardownResult teardown;
        using (File.OpenRead(Path.Combine(busyMount, "keep.txt")))
        {
            teardown = await slot.TeardownAsync(TestContext.Current.CancellationToken);
            Assert.Empty(SlotTestBed.MountsUnder(bed.BuildBase));
        }

        Assert.True(teardown.Complete, string.Join(", ", teardown.RemainingMounts));
        Assert.Equal(SlotState.TornDown, slot.State);
        Assert.False(Directory.Exists(slot.Root));
        var detached = Assert.Single(logs.Messages, m => m.Id == EnvironmentEventIds.MountDetached);
        Assert.Contains(busyMount, detached.Text, StringComparison.Ordinal);
        Assert.Contains($"{System.Environment.ProcessId} (", detached.Text, StringComparison.Ordinal);
        Assert.Contains("keep.txt", detached.Text, StringComparison.Ordinal);
        Assert.Contains(logs.Messages, m => m.Id == EnvironmentEventIds.UnmountFailed && m.Text.Contains(busyMount, StringComparison.Ordinal));
        foreach (var (path, text) in hostFiles)
        {
            Assert.Equal(text, File.ReadAllText(bed.Combine(path)));
        }

        // The next setup of the slot starts clean.
        var next = bed.Track(bed.Environment().CreateSlot(6));
        await next.SetupAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, (await Run(next, "test -f /options/keep.txt")).Result.ExitCode);
        Assert.True((await next.TeardownAsync(TestContext.Current.CancellationToken)).Complete);
        Assert.Empty(SlotTestBed.MountsUnder(bed.BuildBase));
    }

    [Fact]
    public async Task Teardown_Twice_IsIdempotent()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(7));
        await slot.SetupAsync(TestContext.Current.CancellationToken);

        Assert.True((await slot.TeardownAsync(TestContext.Current.CancellationToken)).Complete);
        Assert.True((await slot.TeardownAsync(TestContext.Current.CancellationToken)).Complete);
        Assert.Empty(SlotTestBed.MountsUnder(bed.BuildBase));
    }

    [Fact]
    public async Task CleanupStaleSlots_SlotsOfAKilledRun_AreFoundAndCleaned()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var crashed = bed.Environment();
        bed.Track(crashed.CreateSlot(1));
        bed.Track(crashed.CreateSlot(2));
        await crashed.SetupSlotsAsync(2, TestContext.Current.CancellationToken);

        // A new run (a new environment object) knows nothing about the old slots but the disk and the mount table.
        var cleaner = bed.Environment();
        var stale = await cleaner.FindStaleSlotsAsync(TestContext.Current.CancellationToken);
        var results = await cleaner.CleanupStaleSlotsAsync(TestContext.Current.CancellationToken);

        Assert.Equal([Path.Combine(bed.BuildBase, "SL01"), Path.Combine(bed.BuildBase, "SL02")], stale);
        Assert.All(results, r => Assert.True(r.Complete));
        Assert.Empty(SlotTestBed.MountsUnder(bed.BuildBase));
        Assert.Empty(await cleaner.FindStaleSlotsAsync(TestContext.Current.CancellationToken));
        Assert.True(Directory.Exists(bed.Combine("packages", "All")));
    }

    [Fact]
    public async Task CleanupStaleSlots_SlotNameIsASymbolicLink_RemovesTheLinkNotWhatItPointsTo()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var victim = Directory.CreateDirectory(bed.Combine("victim")).FullName;
        File.WriteAllText(Path.Combine(victim, "keep.txt"), "not a slot's");
        Directory.CreateDirectory(bed.BuildBase);
        File.CreateSymbolicLink(Path.Combine(bed.BuildBase, "SL01"), victim);

        var results = await bed.Environment().CleanupStaleSlotsAsync(TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.True(r.Complete));
        Assert.False(Path.Exists(Path.Combine(bed.BuildBase, "SL01")));
        Assert.Equal("not a slot's", File.ReadAllText(Path.Combine(victim, "keep.txt")));
    }

    [Fact]
    public async Task Setup_MissingHostDirectory_FailsAndLeavesNoMount()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        bed.Options.DistfilesDirectory = bed.Combine("no-such-distfiles");
        var slot = bed.Track(bed.Environment().CreateSlot(8));

        var e = await Assert.ThrowsAsync<SlotException>(() => slot.SetupAsync(TestContext.Current.CancellationToken));

        Assert.Contains("no-such-distfiles", e.Message, StringComparison.Ordinal);
        Assert.Empty(SlotTestBed.MountsUnder(bed.BuildBase));
        Assert.False(Directory.Exists(slot.Root));
    }

    [Fact]
    public async Task Teardown_BuildBaseReachedThroughASymlink_StillFindsAndRemovesEveryMount()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var link = bed.Combine("base-link");
        Directory.CreateDirectory(bed.Combine("real-base"));
        File.CreateSymbolicLink(link, bed.Combine("real-base"));
        bed.Options.BuildBase = link;
        bed.Options.TemplateDirectory = bed.Combine("Template");
        var slot = bed.Track(bed.Environment().CreateSlot(9));
        await slot.SetupAsync(TestContext.Current.CancellationToken);

        Assert.Equal(bed.Combine("real-base", "SL09"), slot.Root);
        Assert.NotEmpty(SlotTestBed.MountsUnder(bed.Combine("real-base")));
        Assert.True((await slot.TeardownAsync(TestContext.Current.CancellationToken)).Complete);
        Assert.Empty(SlotTestBed.MountsUnder(bed.BuildBase));
    }

    private static async Task<(ProcessResult Result, CapturingOutputSink Sink)> Run(ISlot slot, string script, string cwd = "/")
    {
        var sink = new CapturingOutputSink();
        var result = await slot.ExecuteAsync(Sh(script, cwd) with { Timeout = TimeSpan.FromSeconds(30) }, sink, TestContext.Current.CancellationToken);
        return (result, sink);
    }
}
