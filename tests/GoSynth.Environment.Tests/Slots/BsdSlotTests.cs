using System.Collections.Immutable;
using GoSynth.Environment.Internal.Slots;
using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>The FreeBSD/DragonFly backend through a recording runner: exact commands, their order, and teardown order.</summary>
public sealed class BsdSlotTests
{
    private static async Task<(SlotTestBed Bed, RecordingRunner Runner, ISlot Slot)> CreateAsync()
    {
        var bed = new SlotTestBed(SlotBackend.FreeBsd);
        bed.Options.RootSize = "16g";
        bed.Options.ConstructionSize = "64g";
        bed.Options.LocalBaseSize = "16g";
        var runner = new RecordingRunner();
        var env = SlotEnvironment.CreateWithPlatform(bed.Options, runner, new BsdSlotPlatform(runner, SlotBackend.FreeBsd));
        var slot = env.CreateSlot(1);
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        return (bed, runner, slot);
    }

    private static List<string> ExpectedMounts(SlotTestBed bed, string r) =>
    [
        $"mount_tmpfs -o rw,size=16g tmpfs {r}",
        $"mount_nullfs -o ro /boot {r}/boot",
        $"mount_tmpfs -o rw,size=16g tmpfs {r}/boot/modules.local",
        $"mount -t devfs devfs {r}/dev",
        $"mount -t procfs -o ro proc {r}/proc",
        $"mount_nullfs -o ro /bin {r}/bin",
        $"mount_nullfs -o ro /sbin {r}/sbin",
        $"mount_nullfs -o ro /lib {r}/lib",
        $"mount_nullfs -o ro /libexec {r}/libexec",
        $"mount_nullfs -o ro /usr/bin {r}/usr/bin",
        $"mount_nullfs -o ro /usr/include {r}/usr/include",
        $"mount_nullfs -o ro /usr/lib {r}/usr/lib",
        $"mount_nullfs -o ro /usr/libdata {r}/usr/libdata",
        $"mount_nullfs -o ro /usr/libexec {r}/usr/libexec",
        $"mount_nullfs -o ro /usr/sbin {r}/usr/sbin",
        $"mount_nullfs -o ro /usr/share {r}/usr/share",
        $"mount_nullfs -o ro /usr/games {r}/usr/games",
        $"mount_tmpfs -o rw,size=16g tmpfs {r}/usr/local",
        $"mount_nullfs -o ro {bed.Combine("ports")} {r}/xports",
        $"mount_nullfs -o rw {bed.Combine("options")} {r}/options",
        $"mount_nullfs -o rw {bed.Combine("packages")} {r}/packages",
        $"mount_nullfs -o rw {bed.Combine("distfiles")} {r}/distfiles",
        $"mount_tmpfs -o rw,size=64g tmpfs {r}/construction",
    ];

    private static string Unmount(string mountCommand) => "umount " + mountCommand.Split(' ')[^1];

    [Fact]
    public async Task Setup_Bsd_RunsDsynthsMountTableInOrder()
    {
        var (bed, runner, slot) = await CreateAsync();
        await using var _ = bed;

        Assert.Equal(["mount -p", .. ExpectedMounts(bed, slot.Root)], runner.Commands);
        Assert.True(File.Exists(Path.Combine(slot.Root, "etc", "passwd")), "the template is copied into the slot");
    }

    [Fact]
    public async Task Teardown_Bsd_UnmountsDeepestFirstOverTheLiveTableThenRemovesWithoutCrossingFilesystems()
    {
        var (bed, runner, slot) = await CreateAsync();
        await using var _ = bed;
        runner.Commands.Clear();

        var result = await slot.TeardownAsync(TestContext.Current.CancellationToken);

        var deepestFirst = MountInfo.Under(ExpectedMounts(bed, slot.Root).Select(m => m.Split(' ')[^1]), slot.Root).Select(m => "umount " + m);
        Assert.Equal(["mount -p", .. deepestFirst, "mount -p", $"rm -rf -x -- {slot.Root}"], runner.Commands);
        Assert.True(result.Complete);
        Assert.Empty(runner.MountPoints);
    }

    [Fact]
    public async Task Teardown_BsdBusyPackages_KeepsDirectoryRemovesNothingAndReportsMounts()
    {
        var (bed, runner, slot) = await CreateAsync();
        await using var _ = bed;
        var packages = slot.Root + "/packages";
        runner.Busy.Add(packages);
        runner.Commands.Clear();

        var result = await slot.TeardownAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Complete);
        Assert.Equal([packages, slot.Root], result.RemainingMounts);
        Assert.DoesNotContain(runner.Commands, c => c.StartsWith("rm ", StringComparison.Ordinal));
        // Once in the first pass (which frees everything else), then once per failed attempt.
        Assert.Equal(bed.Options.UnmountAttempts + 1, runner.Commands.Count(c => c == "umount " + packages));
        Assert.True(Directory.Exists(slot.Root));
        Assert.Equal(SlotState.TeardownIncomplete, slot.State);

        runner.Busy.Clear();
        runner.Commands.Clear();
        var again = await slot.TeardownAsync(TestContext.Current.CancellationToken);

        Assert.True(again.Complete);
        Assert.Equal(["mount -p", "umount " + packages, "umount " + slot.Root, "mount -p", $"rm -rf -x -- {slot.Root}"], runner.Commands);
    }

    [Fact]
    public async Task Execute_Bsd_ChrootsWithExactEnvironmentAndWorkingDirectory()
    {
        var (bed, runner, slot) = await CreateAsync();
        await using var _ = bed;
        var env = ImmutableDictionary<string, string>.Empty.Add("PATH", "/sbin:/bin:/usr/sbin:/usr/bin").Add("BATCH", "yes");

        await slot.ExecuteAsync(new SlotCommand("make", ["-C", "/xports/misc/hello", "build"]) { Environment = env, WorkingDirectory = "/construction", Timeout = TimeSpan.FromHours(3) }, cancellationToken: TestContext.Current.CancellationToken);

        var spec = runner.Specs[^1];
        Assert.Equal($"/usr/sbin/chroot {slot.Root} /usr/bin/env -C /construction make -C /xports/misc/hello build", runner.Commands[^1]);
        Assert.Equal(env, spec.Environment);
        Assert.Equal(TimeSpan.FromHours(3), spec.Timeout);
    }

    [Fact]
    public async Task Reset_Bsd_RemountsConstructionAndLocalBase()
    {
        var (bed, runner, slot) = await CreateAsync();
        await using var _ = bed;
        runner.Commands.Clear();

        await slot.ResetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                $"umount {slot.Root}/construction", $"mount_tmpfs -o rw,size=64g tmpfs {slot.Root}/construction",
                $"umount {slot.Root}/usr/local", $"mount_tmpfs -o rw,size=16g tmpfs {slot.Root}/usr/local",
                "mount -p", // the package database is emptied only after checking that nothing is mounted in it
            ],
            runner.Commands);
        Assert.True(File.Exists(slot.MapToHost("/usr/local/sbin/pkg")));
    }

    [Fact]
    public void BsdReaper_Constants_AreFreeBsdsProcctlValues()
    {
        // sys/procctl.h: PROC_REAP_ACQUIRE 2, PROC_REAP_GETPIDS 5, PROC_REAP_KILL 6, REAPER_KILL_SUBTREE 0x2; sys/wait.h P_PID 0.
        Assert.Equal(2, BsdReaper.ProcReapAcquire);
        Assert.Equal(5, BsdReaper.ProcReapGetPids);
        Assert.Equal(6, BsdReaper.ProcReapKill);
        Assert.Equal(0x2u, BsdReaper.ReaperKillSubtree);
        Assert.Equal(0, BsdReaper.PPid);
    }
}
