using GoSynth.Environment.Processes;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>
/// The warm re-scan's stat fast path end to end, through real bmake: a change that keeps a file's size and modification
/// time is still seen, a re-scan gives what a cold scan gives, and touching some ports re-queries exactly those.
/// </summary>
public sealed class MetadataCacheStatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(PortScanResult Scan, CountingProcessRunner Runner)> ScanAsync(PkgOptions options, ScanRequest? request = null)
    {
        var runner = new CountingProcessRunner(new ProcessRunner());
        var scanner = new PortScanner(options, runner);
        var scan = await scanner.ScanToListAsync(request ?? ScanRequest.Everything, cancellationToken: Ct);
        return (scan, runner);
    }

    [Fact]
    public async Task Rescan_MakefileRewrittenWithSameSizeAndOldModificationTime_IsRequeried()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        var makefile = Path.Combine(tree.Root, "devel/lib/Makefile");
        var before = ExactFileTime.Remember(makefile);
        var size = new FileInfo(makefile).Length;
        await ScanAsync(tree.Options(cache: true));
        await ScanAsync(tree.Options(cache: true));
        Assert.True(GoSynth.Environment.Files.FileStatus.TryGet(makefile, followLinks: false, out var old));

        File.WriteAllText(makefile, File.ReadAllText(makefile).Replace("2.0", "2.1", StringComparison.Ordinal));
        ExactFileTime.Restore(makefile, before);
        var (scan, runner) = await ScanAsync(tree.Options(cache: true));

        Assert.True(GoSynth.Environment.Files.FileStatus.TryGet(makefile, followLinks: false, out var now));
        Assert.Equal(old.ModifiedNanoseconds, now.ModifiedNanoseconds);
        Assert.Equal(size, now.Size);
        Assert.Equal(["devel/lib"], runner.MetadataQueries);
        Assert.Equal("2.1", scan.Results.Single(r => r.Id.Origin == "devel/lib").Metadata!.Version);
    }

    [Fact]
    public async Task Rescan_GeneratedTree_WarmEqualsColdAndTouchingPortsRequeriesExactlyThose()
    {
        MiniPortsTree.RequireBmake();
        using var dir = new TempDirectory("gosynth-statscan-");
        var tree = PortsTreeGenerator.Generate(dir.Combine("ports"), new PortsTreeGeneratorOptions { PortCount = 80, FlavoredFraction = 0.05 });
        var options = Options(tree.Directory, dir);
        var (cold, coldRunner) = await ScanAsync(Options(tree.Directory, dir, cache: false));
        var (filled, _) = await ScanAsync(options);
        var (warm, warmRunner) = await ScanAsync(options);

        var touched = tree.Origins.Where(o => o != "ports-mgmt/pkg").Where((_, i) => i % 9 == 4).ToList();
        foreach (var origin in touched)
        {
            File.AppendAllText(Path.Combine(tree.Directory, origin, "Makefile"), "# touched\n");
        }

        var (after, touchedRunner) = await ScanAsync(options);
        var (settled, settledRunner) = await ScanAsync(options);

        Assert.Equal(ResultText.Of(cold.Results), ResultText.Of(filled.Results));
        Assert.Equal(ResultText.Of(cold.Results), ResultText.Of(warm.Results));
        Assert.Equal(ResultText.Of(cold.Results), ResultText.Of(after.Results));
        Assert.Equal(0, warmRunner.Count);
        var expected = coldRunner.MetadataQueries.Where(q => touched.Contains(q.Split('@')[0])).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, touchedRunner.MetadataQueries);
        Assert.Equal(0, settledRunner.Count);
        Assert.Equal(warm.Cached, settled.Cached);
    }

    [Fact]
    public async Task Scan_WithCache_ReportsEachPortDirectoryFingerprint_AsAColdComputationGivesIt()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        tree.AddPort("misc/app", "PORTNAME=app\nPORTVERSION=1.0\nLIB_DEPENDS=liblib.so:devel/lib\n");
        var (uncached, _) = await ScanAsync(tree.Options(cache: false));
        var (cold, _) = await ScanAsync(tree.Options(cache: true));
        var (warm, runner) = await ScanAsync(tree.Options(cache: true));

        Assert.Empty(uncached.PortFingerprints);
        Assert.Equal(0, runner.Count);
        foreach (var scan in new[] { cold, warm })
        {
            Assert.Equal(scan.Results.Select(r => r.Id.Origin).Distinct().Order(StringComparer.Ordinal), scan.PortFingerprints.Keys.Order(StringComparer.Ordinal));
            foreach (var (origin, fingerprint) in scan.PortFingerprints)
            {
                Assert.Equal(GoSynth.Pkg.Fingerprints.PortFingerprint.Compute(Path.Combine(tree.Root, origin), Ct), fingerprint);
            }
        }

        // A changed file changes the fingerprint the next scan reports.
        File.AppendAllText(Path.Combine(tree.Root, "devel/lib/pkg-descr"), "more\n");
        var (changed, _) = await ScanAsync(tree.Options(cache: true));
        Assert.NotEqual(warm.PortFingerprints["devel/lib"], changed.PortFingerprints["devel/lib"]);
        Assert.Equal(GoSynth.Pkg.Fingerprints.PortFingerprint.Compute(Path.Combine(tree.Root, "devel/lib"), Ct), changed.PortFingerprints["devel/lib"]);
    }

    [Fact]
    public async Task Rescan_PortAddedAndRemoved_IsSeen()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\nRUN_DEPENDS=lib.so:devel/lib\n");
        await ScanAsync(tree.Options(cache: true));

        Directory.Delete(Path.Combine(tree.Root, "devel/lib"), recursive: true);
        var (gone, _) = await ScanAsync(tree.Options(cache: true));
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=3.0\n");
        var (back, runner) = await ScanAsync(tree.Options(cache: true));

        Assert.Equal(GoSynth.Pkg.Ports.PortQueryStatus.NotFound, gone.Results.Single(r => r.Id.Origin == "devel/lib").Status);
        Assert.Equal("3.0", back.Results.Single(r => r.Id.Origin == "devel/lib").Metadata!.Version);
        Assert.Equal(["devel/lib"], runner.MetadataQueries);
    }

    private static PkgOptions Options(string portsDirectory, TempDirectory dir, bool cache = true) => new()
    {
        PortsDirectory = portsDirectory,
        MakeProgram = "bmake",
        Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
        WorkDirectory = dir.Combine("work"),
        CacheDirectory = cache ? dir.Combine("cache") : null,
        UseTargetView = false,
    };
}
