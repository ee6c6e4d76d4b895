using System.Collections.Immutable;
using GoSynth.Environment.Internal.Slots;
using GoSynth.Environment.Internal.Slots.Cgroups;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using GoSynth.Testing;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>
/// Slot cgroups: a fork bomb and a memory hog hit their slot's limits, the result says which, GoSynth stays alive and
/// the slot tears down cleanly. Needs root and writable cgroups (v2, or the v1 pids and memory hierarchies).
/// </summary>
[Collection(nameof(LinuxSlotTests))]
public sealed class SlotLimitTests
{
    private static readonly ImmutableDictionary<string, string> s_env =
        ImmutableDictionary<string, string>.Empty.Add("PATH", "/sbin:/bin:/usr/sbin:/usr/bin");

    [Fact]
    public async Task Execute_ForkBomb_StopsAtTheSlotsProcessLimitAndGoSynthStaysAlive()
    {
        RequireCgroups();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        bed.Options.ProcessLimit = 48;
        var slot = bed.Track(bed.Environment().CreateSlot(41));
        await slot.SetupAsync(TestContext.Current.CancellationToken);

        // A bounded fork bomb (at most 2^10 processes even without a limit): every level forks two more.
        var bomb = "b() { if [ $1 -gt 0 ]; then b $(($1-1)) & b $(($1-1)) & wait; else sleep 3; fi; }; b 10; echo finished";
        var result = await slot.ExecuteAsync(Sh(bomb) with { Timeout = TimeSpan.FromSeconds(60) }, new CapturingOutputSink(), TestContext.Current.CancellationToken);

        Assert.True(result.LimitsReached.HasFlag(ResourceLimits.Processes), $"limits reached: {result.LimitsReached}");
        Assert.Empty(LinuxSlotProcesses.InSlot(slot.Root));
        var alive = await new ProcessRunner().RunAsync(new ProcessSpec("/bin/true", []), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(alive.Succeeded, "GoSynth can still start processes");
        Assert.True((await slot.TeardownAsync(TestContext.Current.CancellationToken)).Complete);
        Assert.False(Directory.Exists(CgroupDir(slot)), "the slot's cgroup is removed at teardown");
    }

    [Fact]
    public async Task Execute_MemoryHog_IsKilledAtTheSlotsMemoryLimitAndTheResultSaysSo()
    {
        RequireCgroups();
        if (!File.Exists("/usr/bin/perl"))
        {
            Assert.Skip("the memory hog is a perl one-liner; perl is missing from /usr/bin");
        }

        await using var bed = new SlotTestBed(SlotBackend.Linux);
        bed.Options.MemoryLimit = "64m";
        var slot = bed.Track(bed.Environment().CreateSlot(42));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        var sink = new CapturingOutputSink();

        var result = await slot.ExecuteAsync(
            new SlotCommand("/usr/bin/perl", ["-e", "my $x = 'a' x (512 * 1024 * 1024); print \"survived\\n\";"]) { Environment = s_env, Timeout = TimeSpan.FromSeconds(60) },
            sink,
            TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.DoesNotContain("survived", sink.StandardOutputLines);
        Assert.True(result.LimitsReached.HasFlag(ResourceLimits.Memory), $"limits reached: {result.LimitsReached}, outcome {result.Outcome} {result.ExitCode}");
        Assert.True((await slot.TeardownAsync(TestContext.Current.CancellationToken)).Complete);
    }

    [Fact]
    public async Task Execute_WithinLimits_RunsInTheSlotsCgroupAndReportsNoLimit()
    {
        RequireCgroups();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(43));
        await slot.SetupAsync(TestContext.Current.CancellationToken);

        var sink = new CapturingOutputSink();
        var result = await slot.ExecuteAsync(Sh("cat /proc/self/cgroup"), sink, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, sink.StandardError);
        Assert.Equal(ResourceLimits.None, result.LimitsReached);
        Assert.Contains(sink.StandardOutputLines, l => l.EndsWith("/gosynth/" + LinuxSlotPlatform.GroupName(slot.Root), StringComparison.Ordinal));
        Assert.StartsWith("SL43-", LinuxSlotPlatform.GroupName(slot.Root), StringComparison.Ordinal);
        Assert.True(Directory.Exists(CgroupDir(slot)));
    }

    [Fact]
    public async Task Teardown_SameSlotNumberUnderAnotherBuildBase_DoesNotKillThisOnesProcesses()
    {
        RequireCgroups();
        await using var mine = new SlotTestBed(SlotBackend.Linux);
        await using var other = new SlotTestBed(SlotBackend.Linux);
        var slot = mine.Track(mine.Environment().CreateSlot(44));
        var twin = other.Track(other.Environment().CreateSlot(44));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        await twin.SetupAsync(TestContext.Current.CancellationToken);
        var sink = new CapturingOutputSink();

        // A build runs in this SL44 while another configuration's SL44 runs a command and is torn down (both kill
        // everything left in their slot's group).
        var running = slot.ExecuteAsync(Sh("sleep 2; echo survived"), sink, TestContext.Current.CancellationToken);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.True((await twin.ExecuteAsync(Sh("true"), new CapturingOutputSink(), TestContext.Current.CancellationToken)).Succeeded);
        Assert.True((await twin.TeardownAsync(TestContext.Current.CancellationToken)).Complete);
        var result = await running;

        Assert.True(result.Succeeded, $"{result.Outcome} {result.ExitCode} {sink.StandardError}");
        Assert.Contains("survived", sink.StandardOutputLines);
        Assert.NotEqual(LinuxSlotPlatform.GroupName(slot.Root), LinuxSlotPlatform.GroupName(twin.Root));
    }

    [Fact]
    public void Detect_NoCgroupMounted_ReturnsNullWithTheReason()
    {
        using var dir = new TempDirectory();
        var mountInfo = dir.WriteFile("mountinfo", "22 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n");
        var own = dir.WriteFile("cgroup", "0::/\n");

        Assert.Null(SlotCgroups.Detect(out var reason, mountInfo, own));

        Assert.Contains("pids", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_CgroupV2WithPidsAndMemory_CreatesTheGosynthGroupWritesLimitsAndReadsTheCounters()
    {
        // A cgroup2 hierarchy stood in for by plain files: what GoSynth writes and reads there, as on a v2-only host.
        using var dir = new TempDirectory();
        var root = dir.Combine("cgroup");
        dir.WriteFile("cgroup/cgroup.controllers", "cpuset cpu io memory pids\n");
        dir.WriteFile("cgroup/cgroup.subtree_control", "memory\n");
        dir.WriteFile("cgroup/gosynth/cgroup.controllers", "cpu memory pids\n");
        dir.WriteFile("cgroup/gosynth/cgroup.subtree_control", string.Empty);
        var mountInfo = dir.WriteFile("mountinfo", $"30 1 0:26 / {root} rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n");
        var own = dir.WriteFile("cgroup.self", "0::/user.slice\n");

        var cgroups = SlotCgroups.Detect(out var reason, mountInfo, own);

        Assert.NotNull(cgroups);
        Assert.Equal("cgroup v2", cgroups.Description);
        // Each write replaces the plain file here (the kernel would accumulate them): the last one enabled cpu.
        Assert.Equal("+cpu", File.ReadAllText(dir.Combine("cgroup", "gosynth", "cgroup.subtree_control")));
        var group = cgroups.ForSlot("SL07", new SlotOptions { ProcessLimit = 48, MemoryLimit = "64m", CpuLimit = 1.5 });
        Assert.Equal([dir.Combine("cgroup", "gosynth", "SL07", "cgroup.procs")], group.ProcsFiles);
        Assert.Equal("48", File.ReadAllText(dir.Combine("cgroup", "gosynth", "SL07", "pids.max")));
        Assert.Equal((64L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(dir.Combine("cgroup", "gosynth", "SL07", "memory.max")));

        var before = group.ReadCounters();
        dir.WriteFile("cgroup/gosynth/SL07/pids.events", "max 3\n");
        dir.WriteFile("cgroup/gosynth/SL07/memory.events", "low 0\nhigh 0\nmax 9\noom 1\noom_kill 1\n");
        Assert.Equal(ResourceLimits.Processes | ResourceLimits.Memory, group.ReachedSince(before));
        Assert.Empty(reason);
    }

    [Fact]
    public void Platform_WithoutCgroups_SaysSoOnceAndWrapsCommandsWithoutAGroup()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Linux slots need Linux");
        }

        using var dir = new TempDirectory();
        var mountInfo = dir.WriteFile("mountinfo", "22 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n");
        var own = dir.WriteFile("cgroup", "0::/\n");
        var logger = new ListLogger();
        var platform = new LinuxSlotPlatform(logger, mountInfo: mountInfo, ownGroups: own);
        var options = new SlotOptions { BuildBase = dir.Path };

        var first = platform.Wrap(dir.Combine("SL01"), Sh("true"), options, p => p);
        var second = platform.Wrap(dir.Combine("SL02"), Sh("true"), options, p => p);

        Assert.Null(platform.CgroupLayout);
        Assert.Equal(1, logger.EventIds.Count(id => id == EnvironmentEventIds.CgroupsUnavailable));
        Assert.Null(platform.LimitCounters(dir.Combine("SL01")));
        Assert.All([first, second], spec => Assert.DoesNotContain(spec.Arguments, a => a.Contains("cgroup.procs", StringComparison.Ordinal)));
    }

    private static SlotCommand Sh(string script) => new("/bin/sh", ["-c", script]) { Environment = s_env, Timeout = TimeSpan.FromSeconds(30) };

    private static string CgroupDir(ISlot slot)
    {
        var slotName = LinuxSlotPlatform.GroupName(slot.Root);
        var own = File.ReadAllLines("/proc/self/cgroup").Select(l => l.Split(':', 3)).First(f => f[1].Split(',').Contains("pids") || f[1].Length == 0);
        return own[1].Length == 0 ? $"/sys/fs/cgroup/gosynth/{slotName}" : $"/sys/fs/cgroup/pids{own[2].TrimEnd('/')}/gosynth/{slotName}";
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<int> EventIds { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            EventIds.Add(eventId.Id);
    }

    private static void RequireCgroups()
    {
        SlotTestBed.RequireRootOnLinux();
        if (SlotCgroups.Detect(out var reason) is null)
        {
            Assert.Skip($"slot cgroups are unavailable here: {reason}");
        }
    }
}
