using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Execution;

/// <summary>A cancelled port whose slot stays busy at teardown still leaves a clean slot for the next run.</summary>
[Collection(nameof(LocalSlotExecutorTests))]
public sealed class CancelledSlotRecoveryTests
{
    [Fact]
    public async Task Cancel_WhileAHostProcessHoldsASlotMount_TeardownStillCleansAndTheNextRunBuilds()
    {
        ExecutorTestBed.RequireRoot();
        var ct = TestContext.Current.CancellationToken;
        await using var bed = new ExecutorTestBed();
        await bed.AddPortAsync("misc/sleeper", "1.0", null, "DO_build=\t@echo started-sleeping; sleep 27182");
        await bed.AddPortAsync("misc/hello");
        File.WriteAllText(bed.Combine("options", "held.txt"), "host data\n");
        var graph = new GraphBuilder().Port("misc/sleeper").Port("misc/hello").Build();
        var executor = await bed.StartAsync();
        var slotRoot = executor.GetSlot(0).Root;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var build = executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/sleeper"), cancel.Token).AsTask();
        var log = bed.LogPath("misc___sleeper");
        for (var i = 0; i < 300 && !(File.Exists(log) && File.ReadAllText(log).Contains("started-sleeping", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100, ct);
        }

        // Something on the host (an editor, a backup, a shell) has a file open through the slot's /options mount while
        // the run is cancelled and its slots torn down: every plain unmount of it is busy.
        using (File.OpenRead(executor.GetSlot(0).MapToHost("/options/held.txt")))
        {
            await cancel.CancelAsync();
            var outcome = await build;
            Assert.Equal((false, "cancelled"), (outcome.Succeeded, outcome.Message));

            var teardown = Assert.Single(await executor.TeardownAsync(ct));
            Assert.True(teardown.Complete, string.Join(", ", teardown.RemainingMounts));
            Assert.Empty(ExecutorTestBed.MountsUnder(bed.BuildBase));
            Assert.False(Directory.Exists(slotRoot));
        }

        Assert.Equal("host data\n", File.ReadAllText(bed.Combine("options", "held.txt")));

        // The next run sets the slot up again and its first port builds (no "make exited with status 125").
        var next = await bed.StartAsync();
        var hello = await next.BuildAsync(ExecutorTestBed.Request(graph, "misc/hello"), ct);
        Assert.True(hello.Succeeded, $"{hello.Phase}: {hello.Message}\n{hello.LogExcerpt}");
        await next.DisposeAsync();
        Assert.Empty(ExecutorTestBed.MountsUnder(bed.BuildBase));
    }
}
