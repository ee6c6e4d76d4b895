using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Pkg.Scanning.Internal;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>
/// The metadata cache keeps several framework contexts (least recently used dropped first), and never keeps an answer
/// that is not a property of the files (a make killed by the timeout).
/// </summary>
public sealed class MetadataCacheContextTests
{
    private static MiniPortsTree Tree()
    {
        var tree = new MiniPortsTree();
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\nRUN_DEPENDS=lib.so:devel/lib\n");
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        return tree;
    }

    private static async Task<(PortScanResult Scan, CountingProcessRunner Runner)> ScanAsync(PkgOptions options, string port = "devel/app")
    {
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());
        var scanner = new PortScanner(options, runner);
        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec(port)), cancellationToken: TestContext.Current.CancellationToken);
        return (scan, runner);
    }

    private static PkgOptions WithRelease(MiniPortsTree tree, string release)
    {
        var options = tree.Options(cache: true);
        options.Profile = TargetProfile.FreeBsd(release, "amd64", smpCpus: 4);
        return options;
    }

    [Fact]
    public async Task Rescan_ProfileSwitchedBackAndForth_ReturningIsWarm()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        var (a, coldA) = await ScanAsync(WithRelease(tree, "14.2"));
        var (_, coldB) = await ScanAsync(WithRelease(tree, "13.4"));

        var (again, warmA) = await ScanAsync(WithRelease(tree, "14.2"));
        var (_, warmB) = await ScanAsync(WithRelease(tree, "13.4"));

        Assert.Equal(coldA.MetadataQueries, coldB.MetadataQueries);
        Assert.Equal(0, warmA.Count);
        Assert.Equal(0, warmB.Count);
        Assert.Equal(ResultText.Of(a.Results), ResultText.Of(again.Results));
    }

    [Fact]
    public async Task Rescan_MkChangedAndChangedBack_ReturningIsWarm()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(tree.Options(cache: true));
        tree.WriteFile("Mk/Uses/extra.mk", "# a new framework file\n");
        var (_, changed) = await ScanAsync(tree.Options(cache: true));
        File.Delete(Path.Combine(tree.Root, "Mk/Uses/extra.mk"));
        Directory.Delete(Path.Combine(tree.Root, "Mk/Uses"));

        var (_, back) = await ScanAsync(tree.Options(cache: true));

        Assert.Equal(["devel/app", "devel/lib", "ports-mgmt/pkg"], changed.MetadataQueries);
        Assert.Equal(0, back.Count);
    }

    [Fact]
    public async Task Rescan_MoreContextsThanKept_LeastRecentlyUsedIsDropped()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        string[] releases = ["14.2", "14.1", "14.0", "13.4", "13.3"];
        Assert.Equal(MetadataCache.MaxContexts + 1, releases.Length);
        foreach (var release in releases)
        {
            await ScanAsync(WithRelease(tree, release));
        }

        var (_, newest) = await ScanAsync(WithRelease(tree, "14.1"));
        var (_, dropped) = await ScanAsync(WithRelease(tree, "14.2"));

        Assert.Equal(0, newest.Count);
        Assert.Equal(["devel/app", "devel/lib", "ports-mgmt/pkg"], dropped.MetadataQueries);
    }

    [Fact]
    public async Task Rescan_QueryKilledByTheTimeout_IsNeverCached()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        tree.AddPort("devel/slow", "PORTNAME=slow\nPORTVERSION=1.0\n_SLOW!=\tsleep 20; echo done\n");
        var options = tree.Options(cache: true);
        options.QueryTimeout = TimeSpan.FromMilliseconds(700);

        var (first, _) = await ScanAsync(options, "devel/slow");
        var (second, runner) = await ScanAsync(options, "devel/slow");

        Assert.Equal(PortQueryStatus.Corrupt, first.Results.Single(r => r.Id.Origin == "devel/slow").Status);
        Assert.Equal(PortQueryStatus.Corrupt, second.Results.Single(r => r.Id.Origin == "devel/slow").Status);
        Assert.Equal(["devel/slow"], runner.MetadataQueries);
        var cached = MetadataCacheFile.Read(Assert.Single(Directory.GetFiles(tree.Cache, "*.cache")), tree.Root);
        Assert.DoesNotContain(cached.Entries, e => e.Key.Origin == "devel/slow");
        Assert.Contains(cached.Entries, e => e.Key.Origin == "ports-mgmt/pkg");
    }

    [Fact]
    public async Task Rescan_FrameworkProbeKilledByTheTimeout_IsComputedAgain()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        var slow = Path.Combine(tree.Root, "..", "slow-probe");
        File.WriteAllText(slow, "");
        tree.WriteFile("Mk/bsd.port.mk", $".if exists({Path.GetFullPath(slow)}) && !defined(_TEST_PROBE)\n_SLOW!=\tsleep 20\n.endif\n"
            + File.ReadAllText(Path.Combine(tree.Root, "Mk/bsd.port.mk")));
        var options = tree.Options(cache: true);
        options.QueryTimeout = TimeSpan.FromMilliseconds(700);
        await ScanAsync(options, "devel/lib");
        File.Delete(slow);

        var (scan, runner) = await ScanAsync(options, "devel/lib");

        Assert.Contains(runner.Specs, s => s.Arguments.Contains("-VPORTS_ENV_VARS"));
        Assert.Equal(["devel/lib", "ports-mgmt/pkg"], runner.MetadataQueries);
        Assert.All(scan.Results, r => Assert.Equal(PortQueryStatus.Found, r.Status));
        Assert.Equal(1, tree.ProbeRuns);
    }
}
