using GoSynth.Builder.Execution;
using GoSynth.Builder.Execution.Internal;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Execution;

public sealed class TreeSnapshotTests
{
    [Fact]
    public void FirstDifference_AddedChangedOrRemoved_IsNamed()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("share/a/marker", "a\n");
        dir.WriteFile("lib/libx.so.1", "x");
        File.CreateSymbolicLink(dir.Combine("lib/libx.so"), "libx.so.1");
        var before = TreeSnapshot.Take(dir.Path);
        Assert.Null(before.FirstDifference(TreeSnapshot.Take(dir.Path)));
        Assert.Equal(6, before.Count);

        dir.WriteFile("share/junk", "j");
        Assert.Equal("added share/junk", before.FirstDifference(TreeSnapshot.Take(dir.Path)));
        File.Delete(dir.Combine("share/junk"));

        File.AppendAllText(dir.Combine("share/a/marker"), "more\n");
        Assert.Equal("changed share/a/marker", before.FirstDifference(TreeSnapshot.Take(dir.Path)));

        File.Delete(dir.Combine("share/a/marker"));
        Assert.Equal("removed share/a/marker", before.FirstDifference(TreeSnapshot.Take(dir.Path)));
    }

    [Fact]
    public void Take_LinkToADirectory_IsRecordedNotFollowed()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("outside/big/file", "x");
        Directory.CreateDirectory(dir.Combine("root"));
        File.CreateSymbolicLink(dir.Combine("root/escape"), dir.Combine("outside"));

        var snapshot = TreeSnapshot.Take(dir.Combine("root"));

        Assert.Equal(1, snapshot.Count);
    }

    [Fact]
    public void Options_Invalid_AreRefusedNamingTheSetting()
    {
        Assert.Contains("SlotCount", Assert.Throws<ArgumentException>(() => new LocalSlotExecutorOptions { SlotCount = 0 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("Watchdog['build']", Assert.Throws<ArgumentException>(() =>
        {
            var o = new LocalSlotExecutorOptions();
            o.Watchdog["build"] = TimeSpan.Zero;
            o.Validate();
        }).Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(180), new LocalSlotExecutorOptions().Watchdog["build"]);
        Assert.Equal(TimeSpan.FromMinutes(30), PortPhases.DefaultWatchdog[PortPhases.InstallPackages]);
    }
}
