using GoSynth.Pkg.Scanning;

namespace GoSynth.Pkg.Tests.Scanning;

public sealed class MetadataCacheTests
{
    private static MiniPortsTree Tree()
    {
        var tree = new MiniPortsTree();
        tree.AddPort("lang/py", "PORTNAME=py\nPORTVERSION=3.11\nFLAVORS=py311 py312\n");
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\nRUN_DEPENDS=py:lang/py@py312 lib.so:devel/lib\n");
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        return tree;
    }

    private static async Task<(PortScanResult Scan, CountingProcessRunner Runner)> ScanAsync(MiniPortsTree tree)
    {
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());
        var scanner = new PortScanner(tree.Options(cache: true), runner);
        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken);
        return (scan, runner);
    }

    [Fact]
    public async Task Rescan_UnchangedTree_RunsNoMakeAndGivesTheSameResults()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        var (cold, coldRunner) = await ScanAsync(tree);

        var (warm, warmRunner) = await ScanAsync(tree);

        Assert.True(coldRunner.Count > 0);
        Assert.Equal(0, warmRunner.Count);
        Assert.Equal(0, warm.Queried);
        Assert.Equal(coldRunner.MetadataQueries.Count, warm.Cached);
        Assert.Equal(ResultText.Of(cold.Results), ResultText.Of(warm.Results));
    }

    [Fact]
    public async Task Rescan_OnePortFileChanged_RequeriesOnlyThatPort()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(tree);
        tree.WriteFile("devel/lib/pkg-descr", "a library\n");
        tree.AddPort("lang/py", "PORTNAME=py\nPORTVERSION=3.12\nFLAVORS=py311 py312\n");

        var (warm, runner) = await ScanAsync(tree);

        Assert.Equal(["devel/lib", "lang/py", "lang/py@py312"], runner.MetadataQueries);
        Assert.Equal("3.12", warm.Results.Single(r => r.Id.ToString() == "lang/py@py312").Metadata!.Version);
    }

    [Fact]
    public async Task Rescan_FrameworkChanged_RequeriesEverything()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        var (cold, coldRunner) = await ScanAsync(tree);
        tree.WriteFile("Mk/Uses/extra.mk", "# a new framework file\n");

        var (_, runner) = await ScanAsync(tree);

        Assert.Equal(coldRunner.MetadataQueries, runner.MetadataQueries);
        Assert.Contains(runner.Specs, s => s.Arguments.Contains("-VPORTS_ENV_VARS"));
    }

    [Fact]
    public async Task Rescan_ProfileChanged_RequeriesEverything()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        var (_, coldRunner) = await ScanAsync(tree);
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());
        var options = tree.Options(cache: true);
        options.Profile = GoSynth.Pkg.Profiles.TargetProfile.FreeBsd("13.4", "amd64", smpCpus: 4);
        var scanner = new PortScanner(options, runner);

        await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(coldRunner.MetadataQueries, runner.MetadataQueries);
    }

    [Fact]
    public async Task Rescan_CacheFileDamaged_IsIgnoredAndRebuilt()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        var (cold, coldRunner) = await ScanAsync(tree);
        var file = Assert.Single(Directory.GetFiles(tree.Cache, "*.cache"));
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x5a;
        File.WriteAllBytes(file, bytes);

        var (again, runner) = await ScanAsync(tree);
        var (_, thirdRunner) = await ScanAsync(tree);

        Assert.Equal(coldRunner.MetadataQueries, runner.MetadataQueries);
        Assert.Equal(ResultText.Of(cold.Results), ResultText.Of(again.Results));
        Assert.Equal(0, thirdRunner.Count);
    }

    [Fact]
    public async Task Rescan_CacheFileTruncatedOrGarbage_IsIgnored()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        Directory.CreateDirectory(tree.Cache);
        await ScanAsync(tree);
        var file = Assert.Single(Directory.GetFiles(tree.Cache, "*.cache"));
        File.WriteAllText(file, "not a cache");

        var (scan, runner) = await ScanAsync(tree);

        Assert.True(runner.Count > 0);
        Assert.All(scan.Results, r => Assert.Equal(GoSynth.Pkg.Ports.PortQueryStatus.Found, r.Status));
    }
}
