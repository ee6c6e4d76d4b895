using System.Diagnostics;
using GoSynth.Environment.Internal.Slots;
using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>Which processes belong to a slot, seen from the host.</summary>
[Collection(nameof(LinuxSlotTests))]
public sealed class SlotProcessesTests
{
    [Fact]
    public async Task InSlot_NamespaceMadeWhileTheSlotWasMounted_IsNotTheSlotsAndIsNeverKilled()
    {
        SlotTestBed.RequireRootOnLinux();
        await using var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(45));
        await slot.SetupAsync(TestContext.Current.CancellationToken);

        // Another program's mount namespace (a scan's target view, another slot's) made now holds a copy of this
        // slot's root tmpfs at the slot's path; it is not a process of the slot.
        using var bystander = Process.Start(new ProcessStartInfo("/usr/bin/unshare", ["--mount", "--propagation", "private", "sleep", "30"]))!;
        try
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            Assert.DoesNotContain(bystander.Id, LinuxSlotProcesses.InSlot(slot.Root));

            var result = await slot.ExecuteAsync(
                new SlotCommand("/bin/sh", ["-c", "true"]) { Environment = new Dictionary<string, string> { ["PATH"] = "/bin:/usr/bin" } },
                new GoSynth.Environment.Processes.CapturingOutputSink(),
                TestContext.Current.CancellationToken);

            Assert.True(result.Succeeded);
            Assert.False(bystander.HasExited, "the slot's cleanup killed a process that is not the slot's");
        }
        finally
        {
            bystander.Kill();
        }
    }
}
