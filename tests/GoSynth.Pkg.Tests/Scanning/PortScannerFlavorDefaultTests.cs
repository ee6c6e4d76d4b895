using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>The default flavor is what a port says with no FLAVOR given, and every node of a port reports the same FLAVORS.</summary>
public sealed class PortScannerFlavorDefaultTests
{
    /// <summary>
    /// lang/py sets its own default (py312) and lists FLAVORS from the selected flavor: unflavored "py312 py311",
    /// FLAVOR=py311 "py311 py312". devel/app depends on it without a flavor; devel/tool only on the non-default flavor.
    /// </summary>
    private static MiniPortsTree Tree()
    {
        var tree = new MiniPortsTree();
        tree.AddPort("lang/py", """
            PORTNAME=py
            PORTVERSION=3.11
            ALL_PY=py311 py312
            FLAVOR?=py312
            FLAVORS=${FLAVOR} ${ALL_PY:N${FLAVOR}}
            PKGNAMESUFFIX=-${FLAVOR}
            """);
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\nRUN_DEPENDS=python:lang/py\n");
        tree.AddPort("devel/tool", "PORTNAME=tool\nPORTVERSION=1.0\nBUILD_DEPENDS=python:lang/py@py311\n");
        return tree;
    }

    private static async Task<PortScanResult> ScanAsync(MiniPortsTree tree, params string[] specs)
    {
        var scanner = new PortScanner(tree.Options(), new GoSynth.Environment.Processes.ProcessRunner());
        return await scanner.ScanToListAsync(ScanRequest.For(specs.Select(scanner.ParseSpec)), cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Scan_PortSetsItsOwnDefaultFlavor_FlavorlessDependencyAndRequestMeanThatFlavor()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();

        var scan = await ScanAsync(tree, "devel/app", "lang/py");

        Assert.Equal(["devel/app", "lang/py@py312", "ports-mgmt/pkg"], scan.Results.Select(r => r.Id.ToString()));
        Assert.Equal(["devel/app", "lang/py@py312"], scan.Roots.Select(r => r.ToString()));
        Assert.Equal("lang/py@py312", scan.Results[0].Metadata!.Dependencies.Single().Port.ToString());
        Assert.Equal("py-py312-3.11", Path.GetFileNameWithoutExtension(scan.Results[1].Metadata!.PackageFile));
        Assert.Equal(["py312", "py311"], scan.Results[1].Metadata!.Flavors);
    }

    [Fact]
    public async Task Scan_EveryFlavor_EveryNodeReportsTheSameFlavorsDefaultFirst()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();

        var scan = await ScanAsync(tree, "lang/py@all");

        Assert.Equal(["lang/py@py311", "lang/py@py312"], scan.Roots.Select(r => r.ToString()));
        Assert.All(scan.Results.Where(r => r.Id.Origin == "lang/py"), r => Assert.Equal(["py312", "py311"], r.Metadata!.Flavors));
        Assert.Equal("py-py311-3.11.pkg", scan.Results.Single(r => r.Id.ToString() == "lang/py@py311").Metadata!.PackageFile);
    }

    [Fact]
    public async Task ScanAndGraph_OnlyTheNonDefaultFlavorRequestedOrDependedOn_NoDefaultNodeAndNoCrash()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();

        var requested = await ScanAsync(tree, "lang/py@py311");
        var dependedOn = await ScanAsync(tree, "devel/tool");
        var requestedGraph = PortGraph.Build(requested);
        var dependedOnGraph = PortGraph.Build(dependedOn);

        Assert.Equal(["lang/py@py311", "ports-mgmt/pkg"], requestedGraph.Nodes.Select(n => n.Id.ToString()));
        Assert.True(requestedGraph[new PortId("lang/py", "py311")].IsRequested);
        Assert.False(requestedGraph.TryGetNode(new PortId("lang/py"), out _));
        Assert.Equal(["devel/tool", "lang/py@py311", "ports-mgmt/pkg"], dependedOnGraph.Nodes.Select(n => n.Id.ToString()));
        Assert.All(dependedOnGraph.Nodes, n => Assert.Equal(PortNodeState.Buildable, n.State));
    }

    [Fact]
    public async Task Scan_DefaultFlavorNotAmongFlavors_PortIsCorruptSayingSo()
    {
        using var tree = new MiniPortsTree();
        tree.AddPort("lang/py", "PORTNAME=py\n");
        var runner = new ScriptedProcessRunner(spec => ScriptedProcessRunner.OriginOf(spec) == "lang/py"
            ? (0, ScriptedProcessRunner.Answer("3", "py-3.pkg", flavors: "a b", flavor: "c"), "")
            : (0, ScriptedProcessRunner.Answer("2", "pkg-2.pkg"), ""));
        var scanner = new PortScanner(tree.Options(), runner);

        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("lang/py")), cancellationToken: TestContext.Current.CancellationToken);

        var py = Assert.Single(scan.Results, r => r.Id.Origin == "lang/py");
        Assert.Equal(PortQueryStatus.Corrupt, py.Status);
        Assert.Contains("FLAVOR=c, which is not one of its FLAVORS (a b)", py.Error, StringComparison.Ordinal);
    }
}
