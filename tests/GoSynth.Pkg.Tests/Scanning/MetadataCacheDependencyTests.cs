using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>Cached answers of ports that read files from other ports' directories (slave ports, shared includes).</summary>
public sealed class MetadataCacheDependencyTests
{
    private static readonly string[] Requested = ["devel/foo", "devel/bar", "devel/baz", "devel/lib", "devel/inc"];

    /// <summary>
    /// devel/foo reads its own Makefile.common; devel/bar includes foo's Makefile.common by a relative path;
    /// devel/baz is a slave of foo (MASTERDIR); devel/inc includes the category-level devel/Makefile.inc;
    /// devel/lib reads nothing outside its own directory.
    /// </summary>
    private static MiniPortsTree Tree()
    {
        var tree = new MiniPortsTree();
        tree.WriteFile("devel/foo/Makefile.common", "COMMON_VERSION=1.0\n");
        tree.AddPort("devel/foo", "PORTNAME=foo\n.include \"${.PARSEDIR}/Makefile.common\"\nPORTVERSION=${COMMON_VERSION}\n");
        tree.AddPort("devel/bar", "PORTNAME=bar\n.include \"${.CURDIR}/../foo/Makefile.common\"\nPORTVERSION=${COMMON_VERSION}\n");
        tree.AddPort("devel/baz", "PKGNAMESUFFIX=-baz\nMASTERDIR=${.CURDIR}/../foo\n", include: "\"${MASTERDIR}/Makefile\"");
        tree.WriteFile("devel/baz/pkg-descr", "the slave\n");
        tree.WriteFile("devel/Makefile.inc", "CATEGORY_VERSION=7\n");
        tree.AddPort("devel/inc", "PORTNAME=inc\n.include \"${.CURDIR}/../Makefile.inc\"\nPORTVERSION=${CATEGORY_VERSION}\n");
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        return tree;
    }

    private static async Task<(PortScanResult Scan, CountingProcessRunner Runner)> ScanAsync(MiniPortsTree tree)
    {
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());
        var scanner = new PortScanner(tree.Options(cache: true), runner);
        var scan = await scanner.ScanToListAsync(ScanRequest.For(Requested.Select(scanner.ParseSpec)), cancellationToken: TestContext.Current.CancellationToken);
        return (scan, runner);
    }

    private static string VersionOf(PortScanResult scan, string origin)
    {
        var result = scan.Results.Single(r => r.Id.Origin == origin);
        Assert.True(result.Status == PortQueryStatus.Found, result.Error);
        return result.Metadata!.Version;
    }

    [Fact]
    public async Task Rescan_FileIncludedFromAnotherPortChanged_RequeriesTheIncludingPortsOnly()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        var (cold, _) = await ScanAsync(tree);
        var (_, unchangedRunner) = await ScanAsync(tree);
        tree.WriteFile("devel/foo/Makefile.common", "COMMON_VERSION=2.0.1\n");

        var (warm, runner) = await ScanAsync(tree);

        Assert.Equal("1.0", VersionOf(cold, "devel/bar"));
        Assert.Equal("1.0", VersionOf(cold, "devel/baz"));
        Assert.Equal(0, unchangedRunner.Count);
        Assert.Equal(["devel/bar", "devel/baz", "devel/foo"], runner.MetadataQueries);
        Assert.Equal("2.0.1", VersionOf(warm, "devel/foo"));
        Assert.Equal("2.0.1", VersionOf(warm, "devel/bar"));
        Assert.Equal("2.0.1", VersionOf(warm, "devel/baz"));
        Assert.Equal("foo-baz-2.0.1.pkg", warm.Results.Single(r => r.Id.Origin == "devel/baz").Metadata!.PackageFile);
        Assert.Equal(3, warm.Queried);
        Assert.Equal(Requested.Length + 1 - 3, warm.Cached);
    }

    [Fact]
    public async Task Rescan_CategoryLevelIncludeChanged_RequeriesOnlyThePortThatIncludesIt()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(tree);
        tree.WriteFile("devel/Makefile.inc", "CATEGORY_VERSION=8\n");

        var (warm, runner) = await ScanAsync(tree);

        Assert.Equal(["devel/inc"], runner.MetadataQueries);
        Assert.Equal("8", VersionOf(warm, "devel/inc"));
    }

    [Fact]
    public async Task Rescan_SlavePortOwnFileChanged_LeavesTheMasterCached()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(tree);
        tree.WriteFile("devel/baz/pkg-descr", "the slave, described again\n");

        var (_, runner) = await ScanAsync(tree);

        Assert.Equal(["devel/baz"], runner.MetadataQueries);
    }

    [Fact]
    public async Task Rescan_FileCreatedInTheMasterDirectory_RequeriesItsSlaves()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(tree);
        tree.WriteFile("devel/foo/distinfo", "SHA256 (foo-1.0.tar.gz) = 00\n");

        var (_, runner) = await ScanAsync(tree);

        Assert.Equal(["devel/bar", "devel/baz", "devel/foo"], runner.MetadataQueries);
    }
}
