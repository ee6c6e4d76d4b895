using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>The pkg port comes from the tree (PKG_ORIGIN), an option overrides it, and a tree without one says so.</summary>
public sealed class PortScannerBootstrapTests
{
    private static async Task<(PortScanResult Scan, PortGraph Graph)> ScanAsync(MiniPortsTree tree, string? bootstrapOrigin = null)
    {
        var options = tree.Options();
        options.BootstrapOrigin = bootstrapOrigin;
        var scanner = new PortScanner(options, new GoSynth.Environment.Processes.ProcessRunner());
        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken);
        return (scan, PortGraph.Build(scan));
    }

    [Fact]
    public async Task Scan_TreeReorganisedWithSystemPkg_PkgPortFromPkgOriginIsBuiltFirst()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree(withPkg: false, pkgOrigin: "system/pkg");
        tree.AddPort("system/pkg", "PORTNAME=pkg\nPORTVERSION=2.1.0\n");
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\n");

        var (scan, graph) = await ScanAsync(tree);

        Assert.Equal("system/pkg", scan.BootstrapOrigin);
        Assert.Equal(["devel/app", "system/pkg"], scan.Results.Select(r => r.Id.ToString()));
        Assert.Empty(scan.Notes);
        Assert.Equal(new PortId("system/pkg"), graph.Bootstrap.Id);
        Assert.Same(graph.Bootstrap, graph.TopologicalOrder[0]);
        Assert.Equal(PortNodeState.Buildable, graph[new PortId("devel/app")].State);
    }

    [Fact]
    public async Task Scan_BootstrapOriginOption_OverridesTheTree()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("system/pkg", "PORTNAME=pkg\nPORTVERSION=2.1.0\n");
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\n");

        var (scan, graph) = await ScanAsync(tree, bootstrapOrigin: "system/pkg");

        Assert.Equal("system/pkg", scan.BootstrapOrigin);
        Assert.Equal(["devel/app", "system/pkg"], scan.Results.Select(r => r.Id.ToString()));
        Assert.Equal(new PortId("system/pkg"), graph.Bootstrap.Id);
    }

    [Fact]
    public async Task Scan_TreeWithoutPkgOriginButWithPortsMgmtPkg_UsesItWithANote()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree(withPkg: true, pkgOrigin: null);
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\n");

        var (scan, graph) = await ScanAsync(tree);

        Assert.Equal(PortScanner.PkgOrigin, scan.BootstrapOrigin);
        Assert.Contains(scan.Notes, n => n.Contains("sets no PKG_ORIGIN; using ports-mgmt/pkg", StringComparison.Ordinal));
        Assert.Equal(PortNodeState.Buildable, graph.Bootstrap.State);
    }

    [Fact]
    public async Task Scan_TreeWithNoPkgPortAtAll_SaysSoAndEveryPortStaysBuildable()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree(withPkg: false, pkgOrigin: null);
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\nBUILD_DEPENDS=lib:devel/lib\n");
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=1.0\n");

        var (scan, graph) = await ScanAsync(tree);

        Assert.Null(scan.BootstrapOrigin);
        var note = Assert.Single(scan.Notes);
        Assert.Contains("names no pkg port", note, StringComparison.Ordinal);
        Assert.Contains("PkgOptions.BootstrapOrigin", note, StringComparison.Ordinal);
        Assert.False(graph.HasBootstrap);
        Assert.Equal(["devel/app", "devel/lib"], graph.Nodes.Select(n => n.Id.ToString()));
        Assert.All(graph.Nodes, n => Assert.Equal(PortNodeState.Buildable, n.State));
    }

    [Fact]
    public async Task Scan_OnlyBrokenPortsRequested_PkgOriginStillReadFromPkgsOwnAnswer()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\n.if ${NO_SUCH\n");

        var (scan, graph) = await ScanAsync(tree);

        Assert.Equal(PortScanner.PkgOrigin, scan.BootstrapOrigin);
        Assert.Empty(scan.Notes);
        Assert.Equal(["devel/app", "ports-mgmt/pkg"], scan.Results.Select(r => r.Id.ToString()));
        Assert.Equal(PortNodeState.Corrupt, graph[new PortId("devel/app")].State);
    }

    [Fact]
    public void Constructor_BadBootstrapOrigin_Throws()
    {
        using var tree = new MiniPortsTree();
        var options = tree.Options();
        options.BootstrapOrigin = "pkg";

        var ex = Assert.Throws<ArgumentException>(() => new PortScanner(options, new GoSynth.Environment.Processes.ProcessRunner()));
        Assert.Contains("BootstrapOrigin 'pkg'", ex.Message, StringComparison.Ordinal);
    }
}
