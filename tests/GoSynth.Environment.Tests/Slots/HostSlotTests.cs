using System.Collections.Immutable;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>The host backend: no isolation, but paths, environment, limits and tree kills still hold.</summary>
public sealed class HostSlotTests
{
    private static readonly ImmutableDictionary<string, string> s_env = ImmutableDictionary<string, string>.Empty.Add("PATH", "/usr/bin:/bin");

    [Fact]
    public async Task Execute_Host_MapsWorkingDirectoryAndSharedDirectories()
    {
        await using var bed = new SlotTestBed(SlotBackend.Host);
        var slot = bed.Track(bed.Environment().CreateSlot(1));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        var sink = new CapturingOutputSink();

        var result = await slot.ExecuteAsync(new SlotCommand("/bin/sh", ["-c", "pwd; env"]) { Environment = s_env, WorkingDirectory = "/construction/misc" }, sink, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(Path.Combine(slot.Root, "construction", "misc"), sink.StandardOutputLines[0]);
        Assert.DoesNotContain(sink.StandardOutputLines, l => l.StartsWith("HOME=", StringComparison.Ordinal));
        Assert.Equal(bed.Combine("packages") + "/All", slot.MapToHost("/packages/All"));
        Assert.Equal(bed.Combine("ports"), slot.MapToHost("/xports"));
        Assert.Equal(slot.Root + "/usr/local", slot.MapToHost("/usr/local"));
    }

    [Fact]
    public async Task Execute_HostTimeout_KillsTheTree()
    {
        await using var bed = new SlotTestBed(SlotBackend.Host);
        var slot = bed.Track(bed.Environment().CreateSlot(1));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        var pid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new Processes.CallbackSink((_, line) => pid.TrySetResult(int.Parse(line, System.Globalization.CultureInfo.InvariantCulture)));

        var result = await slot.ExecuteAsync(new SlotCommand("/bin/sh", ["-c", "sleep 300 & echo $!; wait"]) { Environment = s_env, Timeout = TimeSpan.FromMilliseconds(500) }, sink, TestContext.Current.CancellationToken);

        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        Assert.True(await Processes.ProcessTable.WaitUntilGoneAsync(await pid.Task, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task ResetAndTeardown_Host_EmptyConstructionRestoreDatabaseAndRemoveOnlyTheSlot()
    {
        await using var bed = new SlotTestBed(SlotBackend.Host);
        var slot = bed.Track(bed.Environment().CreateSlot(3));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        File.WriteAllText(slot.MapToHost("/construction/obj.o"), "x");
        File.WriteAllText(slot.MapToHost("/var/db/pkg/local.sqlite"), "changed");
        File.WriteAllText(slot.MapToHost("/packages/All/p-1.pkg"), "package");

        await slot.ResetAsync(TestContext.Current.CancellationToken);

        Assert.Empty(Directory.EnumerateFileSystemEntries(slot.MapToHost("/construction")));
        Assert.Equal("template-db", File.ReadAllText(slot.MapToHost("/var/db/pkg/local.sqlite")));

        var result = await slot.TeardownAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Complete);
        Assert.False(Directory.Exists(slot.Root));
        Assert.Equal("package", File.ReadAllText(bed.Combine("packages", "All", "p-1.pkg")));
    }

    [Fact]
    public async Task Execute_BeforeSetup_Throws()
    {
        await using var bed = new SlotTestBed(SlotBackend.Host);
        var slot = bed.Environment().CreateSlot(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => slot.ExecuteAsync(new SlotCommand("/bin/true", []), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Create_RelativeBuildBase_IsRejectedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => SlotEnvironment.Create(new SlotOptions { BuildBase = "build" }));

        Assert.Contains("BuildBase", e.Message, StringComparison.Ordinal);
    }
}
