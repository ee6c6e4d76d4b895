using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Execution;

/// <summary>Cancelling a port kills everything it runs and leaves nothing mounted once the executor is disposed.</summary>
[Collection(nameof(LocalSlotExecutorTests))]
public sealed class CancellationTests
{
    [Fact]
    public async Task BuildAsync_Cancelled_KillsTheBuildReportsCancelledAndTeardownLeavesNoMount()
    {
        ExecutorTestBed.RequireRoot();
        var ct = TestContext.Current.CancellationToken;
        await using var bed = new ExecutorTestBed();
        await bed.AddPortAsync("misc/sleeper", "1.0", null, "DO_build=\t@echo started-sleeping; sleep 31415");
        await bed.AddPortAsync("misc/hello");
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

        Assert.Single(SleepProcesses());
        await cancel.CancelAsync();
        var outcome = await build;

        Assert.Equal((false, "build", "cancelled"), (outcome.Succeeded, outcome.Phase, outcome.Message));
        Assert.Empty(SleepProcesses());
        Assert.EndsWith("=> FAILURE misc/sleeper in build: cancelled", File.ReadAllLines(log)[^1][..^9], StringComparison.Ordinal);

        var next = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/hello"), ct);
        Assert.True(next.Succeeded, next.Message);
        Assert.Contains("=> Resetting slot SL01: the previous port left it in an unknown state", File.ReadAllLines(next.LogFile!));

        await executor.DisposeAsync();
        Assert.Empty(ExecutorTestBed.MountsUnder(slotRoot));
        Assert.Empty(ExecutorTestBed.MountsUnder(bed.BuildBase));
        Assert.False(Directory.Exists(slotRoot));
    }

    private static List<int> SleepProcesses()
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (cmdline.Length >= 2 && cmdline[0].EndsWith("sleep", StringComparison.Ordinal) && cmdline[1] == "31415")
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return found;
    }
}
