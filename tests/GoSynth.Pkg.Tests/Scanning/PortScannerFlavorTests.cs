using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Pkg.Tests.Scanning;

public sealed class PortScannerFlavorTests
{
    private static MiniPortsTree FlavoredTree()
    {
        var tree = new MiniPortsTree();
        tree.AddPort("lang/py", """
            PORTNAME=py
            PORTVERSION=3.11
            FLAVORS=py311 py312
            .include <bsd.port.options.mk>
            .if ${FLAVOR} == py312
            PKGNAMESUFFIX=-312
            .endif
            BUILD_DEPENDS=pkg>=1:ports-mgmt/pkg
            """, "<bsd.port.post.mk>");
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\nRUN_DEPENDS=py:lang/py py:lang/py@py312 python:${PORTSDIR}/lang/py\n");
        return tree;
    }

    private static (PortScanner Scanner, CountingProcessRunner Runner) Scanner(MiniPortsTree tree, bool cache = false)
    {
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());
        return (new PortScanner(tree.Options(cache: cache), runner), runner);
    }

    [Fact]
    public async Task ScanToList_DependencyWithoutFlavor_NamesDefaultFlavorNodeAndReusesUnflavoredAnswer()
    {
        MiniPortsTree.RequireBmake();
        using var tree = FlavoredTree();
        var (scanner, runner) = Scanner(tree);

        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["devel/app", "lang/py@py311", "lang/py@py312", "ports-mgmt/pkg"], scan.Results.Select(r => r.Id.ToString()));
        Assert.All(scan.Results, r => Assert.Equal(PortQueryStatus.Found, r.Status));
        var app = scan.Results[0].Metadata!;
        Assert.Equal(["lang/py@py311", "lang/py@py312"], app.DependenciesOf(DependencyKind.Run).Select(d => d.Port.ToString()));
        Assert.Equal("py-312-3.11.pkg", scan.Results[2].Metadata!.PackageFile);
        Assert.Equal("py-3.11.pkg", scan.Results[1].Metadata!.PackageFile);
        Assert.Equal(["py311", "py312"], scan.Results[1].Metadata!.Flavors);
        Assert.Equal(["devel/app", "lang/py", "lang/py@py312", "ports-mgmt/pkg"], runner.MetadataQueries);
        Assert.Equal([new PortId("devel/app")], scan.Roots);
    }

    [Fact]
    public async Task ScanToList_AllFlavors_ExpandsToEveryFlavorNode()
    {
        MiniPortsTree.RequireBmake();
        using var tree = FlavoredTree();
        var (scanner, _) = Scanner(tree);

        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("lang/py@all")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["lang/py@py311", "lang/py@py312"], scan.Roots.Select(r => r.ToString()));
        Assert.Equal(["lang/py@py311", "lang/py@py312", "ports-mgmt/pkg"], scan.Results.Select(r => r.Id.ToString()));
    }

    [Fact]
    public async Task ScanToList_FlavoredPortWithoutFlavor_IsTheDefaultFlavorNode()
    {
        MiniPortsTree.RequireBmake();
        using var tree = FlavoredTree();
        var (scanner, runner) = Scanner(tree);

        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("lang/py"), scanner.ParseSpec("lang/py@py311")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["lang/py@py311"], scan.Roots.Select(r => r.ToString()));
        Assert.Single(scan.Results, r => r.Id.Origin == "lang/py");
        Assert.Equal(["lang/py", "ports-mgmt/pkg"], runner.MetadataQueries);
    }

    [Fact]
    public async Task ScanToList_UnknownFlavor_IsCorruptNamingTheFlavors()
    {
        MiniPortsTree.RequireBmake();
        using var tree = FlavoredTree();
        var (scanner, _) = Scanner(tree);

        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("lang/py@py27"), scanner.ParseSpec("devel/app@x")), cancellationToken: TestContext.Current.CancellationToken);

        var py27 = Assert.Single(scan.Results, r => r.Id.ToString() == "lang/py@py27");
        Assert.Equal(PortQueryStatus.Corrupt, py27.Status);
        Assert.Contains("py311 py312", py27.Error, StringComparison.Ordinal);
        var appX = Assert.Single(scan.Results, r => r.Id.ToString() == "devel/app@x");
        Assert.Equal(PortQueryStatus.Corrupt, appX.Status);
        Assert.Contains("no FLAVORS", appX.Error, StringComparison.Ordinal);
    }
}
