using GoSynth.Environment.Slots;
using GoSynth.Testing;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>
/// Nothing that deletes may cross into a mount point: a host directory bind-mounted under the template or under a
/// slot's package database keeps its files, whatever path the caller gives. The mount tests need root.
/// </summary>
[Collection(nameof(LinuxSlotTests))]
public sealed class SafeDeleteTests
{
    [Fact]
    public async Task TemplateCreate_HostDirectoryBindMountedInside_RefusesAndTheCanarySurvives()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var canary = bed.Combine("host", "canary.txt");
        Directory.CreateDirectory(bed.Combine("host"));
        File.WriteAllText(canary, "host data");
        var template = bed.Combine("Template");
        SlotTestBed.BindMount(bed.Combine("host"), Path.Combine(template, "var", "cache", "host"));
        try
        {
            var e = Assert.Throws<SlotException>(() => SlotTemplate.Create(template, "/", SlotBackend.Linux));

            Assert.Contains(Path.Combine(template, "var", "cache", "host"), e.Message, StringComparison.Ordinal);
            Assert.Equal("host data", File.ReadAllText(canary));
            Assert.True(File.Exists(Path.Combine(template, "etc", "passwd")), "nothing of the template is deleted when it is refused");
        }
        finally
        {
            SlotTestBed.Unmount(Path.Combine(template, "var", "cache", "host"));
        }
    }

    [Fact]
    public async Task TemplateCreate_ThroughASymlinkToADirectoryWithAMountInside_Refuses()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        Directory.CreateDirectory(bed.Combine("host"));
        File.WriteAllText(bed.Combine("host", "canary.txt"), "host data");
        var mountPoint = bed.Combine("Template", "deep", "mnt");
        SlotTestBed.BindMount(bed.Combine("host"), mountPoint);
        File.CreateSymbolicLink(bed.Combine("template-link"), bed.Combine("Template"));
        try
        {
            Assert.Throws<SlotException>(() => SlotTemplate.Create(bed.Combine("template-link"), "/", SlotBackend.Linux));

            Assert.Equal("host data", File.ReadAllText(bed.Combine("host", "canary.txt")));
        }
        finally
        {
            SlotTestBed.Unmount(mountPoint);
        }
    }

    [Fact]
    public async Task Reset_HostDirectoryBindMountedUnderThePackageDatabase_RefusesAndTheCanarySurvives()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        Directory.CreateDirectory(bed.Combine("host"));
        File.WriteAllText(bed.Combine("host", "canary.txt"), "host data");
        var slot = bed.Track(bed.Environment().CreateSlot(21));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        var mountPoint = slot.MapToHost("/var/db/pkg/host");
        SlotTestBed.BindMount(bed.Combine("host"), mountPoint);

        var e = await Assert.ThrowsAsync<SlotException>(() => slot.ResetAsync(TestContext.Current.CancellationToken));

        Assert.Contains(mountPoint, e.Message, StringComparison.Ordinal);
        Assert.Equal("host data", File.ReadAllText(bed.Combine("host", "canary.txt")));
        var teardown = await slot.TeardownAsync(TestContext.Current.CancellationToken);
        Assert.True(teardown.Complete, string.Join(", ", teardown.RemainingMounts));
        Assert.Equal("host data", File.ReadAllText(bed.Combine("host", "canary.txt")));
    }

    [Fact]
    public void TemplateCreate_DirectoryHoldingSlots_IsRefusedAsABuildBase()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("SL01/construction/work.o", "slot data");
        dir.WriteFile("Template/etc/passwd", "root:x:0:0::/root:/bin/sh\n");

        var e = Assert.Throws<SlotException>(() => SlotTemplate.Create(dir.Path, "/", SlotBackend.Linux));

        Assert.Contains("SL01", e.Message, StringComparison.Ordinal);
        Assert.Equal("slot data", File.ReadAllText(dir.Combine("SL01", "construction", "work.o")));
    }

    [Fact]
    public void TemplateCreate_SystemRoot_IsRefused()
    {
        using var sys = new TempDirectory();
        sys.WriteFile("etc/passwd", "root:x:0:0::/root:/bin/sh\n");

        Assert.Throws<SlotException>(() => SlotTemplate.Create(sys.Path, sys.Path, SlotBackend.Linux));

        Assert.True(File.Exists(sys.Combine("etc", "passwd")));
    }

    [Theory]
    [InlineData("/build")]
    [InlineData("/")]
    [InlineData("/build/SL03/Template")]
    [InlineData("/usr/ports")]
    public void Validate_TemplateDirectoryThatWouldDeleteWhatARunNeeds_IsRejected(string template)
    {
        var options = new SlotOptions { BuildBase = "/build", TemplateDirectory = template };

        var e = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(SlotOptions.TemplateDirectory), e.ParamName);
    }

    [Fact]
    public void Validate_TemplateOfItsOwn_IsAccepted()
    {
        new SlotOptions { BuildBase = "/build", TemplateDirectory = "/build/Template" }.Validate();
        new SlotOptions { BuildBase = "/build", TemplateDirectory = "/var/gosynth/template" }.Validate();
    }
}
