using GoSynth.Environment.Processes;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

public sealed class PortScannerScaleTests(GeneratedScanTree tree) : IClassFixture<GeneratedScanTree>
{
    private sealed class SyncProgress : IProgress<ScanProgress>
    {
        public List<ScanProgress> Reports { get; } = [];

        public void Report(ScanProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    private static PkgOptions Options(TempDirectory dir, int parallelism) => new()
    {
        PortsDirectory = dir.Combine("ports"),
        MakeProgram = "bmake",
        Profile = GoSynth.Pkg.Profiles.TargetProfile.FreeBsd("14.2"),
        ScanParallelism = parallelism,
        WorkDirectory = dir.Combine("work"),
        UseTargetView = false, // a scripted make: nothing to isolate
    };

    [Fact]
    public async Task ScanEverything_FiveThousandPorts_CompletesWithEveryNodeOnce()
    {
        var runner = tree.Runner();
        var scanner = new PortScanner(Options(tree.Directory, parallelism: 3), runner);
        var progress = new SyncProgress();

        var seen = new HashSet<PortId>();
        await foreach (var result in scanner.ScanAsync(ScanRequest.Everything, progress, TestContext.Current.CancellationToken))
        {
            Assert.True(seen.Add(result.Id), $"{result.Id} handed out twice");
            Assert.Equal(PortQueryStatus.Found, result.Status);
        }

        Assert.Equal(GeneratedScanTree.Count + 2 + 1, seen.Count);
        Assert.Contains(new PortId("lang/multi", "a"), seen);
        Assert.Contains(new PortId("lang/multi", "b"), seen);
        var last = progress.Reports[^1];
        Assert.Equal(0, last.Pending);
        Assert.Equal(seen.Count, last.Found);
        Assert.Equal(0, last.Failed);
        Assert.Equal(runner.Calls - 1, last.Queried);
    }

    [Fact]
    public async Task Scan_DeepChainFromOneRoot_ClosesTheWholeChain()
    {
        var scanner = new PortScanner(Options(tree.Directory, parallelism: 1), tree.Runner());

        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("cat00/port00000")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(scan.Results.Length > 100);
        var ids = scan.Results.Select(r => r.Id).ToHashSet();
        Assert.All(scan.Results, r => Assert.All(r.Metadata!.Dependencies, d => Assert.Contains(d.Port, ids)));
    }

    [Fact]
    public async Task Scan_Cancelled_StopsWithOperationCanceled()
    {
        using var tree = new MiniPortsTree();
        for (var i = 0; i < 20; i++)
        {
            tree.AddPort($"devel/p{i}", "PORTNAME=p\n");
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var started = 0;
        var cancelledInFlight = 0;
        var runner = new Moq.Mock<IProcessRunner>();
        runner.Setup(r => r.RunAsync(Moq.It.IsAny<ProcessSpec>(), Moq.It.IsAny<IProcessOutputSink?>(), Moq.It.IsAny<CancellationToken>()))
            .Returns(async (ProcessSpec _, IProcessOutputSink? _, CancellationToken token) =>
            {
                if (Interlocked.Increment(ref started) == 2)
                {
                    await cts.CancelAsync();
                }

                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelledInFlight);
                    throw;
                }

                return new ProcessResult(ProcessOutcome.Exited, 0, TimeSpan.Zero);
            });
        var options = tree.Options(parallelism: 2);
        options.CacheFrameworkVariables = false;
        var scanner = new PortScanner(options, runner.Object);
        var specs = Enumerable.Range(0, 20).Select(i => scanner.ParseSpec($"devel/p{i}"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scanner.ScanToListAsync(ScanRequest.For(specs), cancellationToken: cts.Token));

        Assert.True(started <= 3, $"{started} queries started after cancellation");
        Assert.Equal(started, cancelledInFlight);
    }
}
