using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>The bundled sample tree through real bmake with the metadata cache (and its extra .MAKE.MAKEFILES line).</summary>
public sealed class SampleTreeCacheTests
{
    [Fact]
    public async Task ScanEverything_SampleTreeWithCache_AnswersAsWithoutAndWarmScanRunsNoMake()
    {
        MiniPortsTree.RequireBmake();
        using var work = new TempDirectory();
        PkgOptions Options(bool cache) => new()
        {
            PortsDirectory = RepositoryPaths.SamplePorts,
            MakeProgram = "bmake",
            Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
            WorkDirectory = work.Combine("work"),
            CacheDirectory = cache ? work.Combine("cache") : null,
            SearchPath = "/usr/bin:/bin",
        };
        async Task<(PortScanResult Scan, CountingProcessRunner Runner)> ScanAsync(bool cache)
        {
            var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());
            var scan = await new PortScanner(Options(cache), runner).ScanToListAsync(ScanRequest.Everything, cancellationToken: TestContext.Current.CancellationToken);
            return (scan, runner);
        }

        var (uncached, _) = await ScanAsync(cache: false);
        var (cold, coldRunner) = await ScanAsync(cache: true);
        var (warm, warmRunner) = await ScanAsync(cache: true);

        Assert.All(cold.Results, r => Assert.True(r.Status == PortQueryStatus.Found, r.Error));
        Assert.Contains(coldRunner.Specs, s => s.Arguments[^1] == "-V.MAKE.MAKEFILES");
        Assert.Equal(ResultText.Of(uncached.Results), ResultText.Of(cold.Results));
        Assert.Equal(0, warmRunner.Count);
        Assert.Equal(ResultText.Of(cold.Results), ResultText.Of(warm.Results));
    }
}
