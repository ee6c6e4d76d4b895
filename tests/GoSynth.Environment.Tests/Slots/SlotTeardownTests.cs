using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>Teardown over the live mount table: foreign mounts nested under the slot's own. Needs root.</summary>
[Collection(nameof(LinuxSlotTests))]
public sealed class SlotTeardownTests
{
    [Fact]
    public async Task Teardown_ForeignMountNestedUnderASlotMount_CompletesInOnePass()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        Directory.CreateDirectory(bed.Combine("host"));
        File.WriteAllText(bed.Combine("host", "canary.txt"), "host data");
        var slot = bed.Track(bed.Environment().CreateSlot(31));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        SlotTestBed.MountTmpfs(slot.MapToHost("/construction/foreign"));
        SlotTestBed.BindMount(bed.Combine("host"), slot.MapToHost("/construction/foreign/host"));
        SlotTestBed.BindMount(bed.Combine("host"), slot.MapToHost("/usr/local/share/host"));

        var result = await slot.TeardownAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Complete, string.Join(", ", result.RemainingMounts));
        Assert.Empty(SlotTestBed.MountsUnder(bed.BuildBase));
        Assert.False(Directory.Exists(slot.Root));
        Assert.Equal("host data", File.ReadAllText(bed.Combine("host", "canary.txt")));
    }

    [Fact]
    public async Task Setup_LeftoverSlotWithANestedForeignMount_CleansItAndStarts()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var crashed = bed.Track(bed.Environment().CreateSlot(32));
        await crashed.SetupAsync(TestContext.Current.CancellationToken);
        SlotTestBed.MountTmpfs(crashed.MapToHost("/construction/foreign"));

        // A new run knows the old slot only from the disk and the mount table.
        var again = bed.Track(bed.Environment().CreateSlot(32));
        await again.SetupAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SlotState.Ready, again.State);
        Assert.DoesNotContain(again.MapToHost("/construction/foreign"), SlotTestBed.MountsUnder(bed.BuildBase));
        Assert.True((await again.TeardownAsync(TestContext.Current.CancellationToken)).Complete);
    }
}
