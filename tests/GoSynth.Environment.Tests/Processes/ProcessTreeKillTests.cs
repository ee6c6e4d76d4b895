using System.Collections.Immutable;
using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Tests.Processes;

/// <summary>Proves that no descendant of a run survives a timeout, the watchdog, cancellation or the leader's own exit.</summary>
public sealed class ProcessTreeKillTests
{
    public enum Stop
    {
        Timeout,
        Watchdog,
        Cancel,
        LeaderExits,
    }

    [Theory]
    [InlineData(Stop.Timeout)]
    [InlineData(Stop.Watchdog)]
    [InlineData(Stop.Cancel)]
    [InlineData(Stop.LeaderExits)]
    public async Task RunAsync_Stopped_NoGrandchildSurvives(Stop stop)
    {
        var runner = new ProcessRunner();
        var pids = new TaskCompletionSource<int[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new CallbackSink((stream, line) =>
        {
            if (stream == ProcessStream.StandardOutput && line.StartsWith("pids ", StringComparison.Ordinal))
            {
                pids.TrySetResult([.. line[5..].Split(' ').Select(int.Parse)]);
            }
        });

        // A grandchild (sleep), and a great-grandchild under a nested shell; the leader then waits (or exits at once).
        using var dir = new GoSynth.Testing.TempDirectory();
        var proceed = dir.Combine("proceed");
        var script = stop == Stop.LeaderExits
            ? $"sleep 300 & a=$!; sh -c 'sleep 301 & wait' & b=$!; echo pids $a $b; while [ ! -f {proceed} ]; do sleep 0.05; done; exit 0"
            : "sleep 300 & a=$!; sh -c 'sleep 301 & wait' & b=$!; echo pids $a $b; wait";
        var spec = new ProcessSpec("/bin/sh", ["-c", script]) { Environment = ImmutableDictionary<string, string>.Empty.Add("PATH", "/usr/bin:/bin") };
        spec = stop switch
        {
            Stop.Timeout => spec with { Timeout = TimeSpan.FromMilliseconds(1500) },
            Stop.Watchdog => spec with { NoOutputTimeout = TimeSpan.FromMilliseconds(1500) },
            _ => spec,
        };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = runner.RunAsync(spec, sink, cts.Token);
        var descendants = await pids.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.All(descendants, pid => Assert.True(ProcessTable.IsRunning(pid), $"pid {pid} should be running before the stop"));

        File.WriteAllText(proceed, string.Empty);
        if (stop == Stop.Cancel)
        {
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        else
        {
            var result = await run;
            var expected = stop switch
            {
                Stop.Timeout => ProcessOutcome.TimedOut,
                Stop.Watchdog => ProcessOutcome.NoOutput,
                _ => ProcessOutcome.Exited,
            };
            Assert.Equal(expected, result.Outcome);
        }

        foreach (var pid in descendants)
        {
            Assert.True(await ProcessTable.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(5)), $"descendant {pid} survived: {ProcessTable.Describe(pid)}");
        }
    }
}
