using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>A dependency naming an origin that MOVED says moved is followed to its destination, with a note naming who
/// needs it; one naming a removed origin makes its dependents unbuildable with MOVED's date and reason.</summary>
public sealed class MovedDependencyTests
{
    private const string Moved = "# old|new|date|reason\n"
        + "devel/foo|devel/bar|2024-01-02|Renamed upstream\n"
        + "devel/a|devel/b|2020-01-01|first move\n"
        + "devel/b|devel/c|2021-01-01|second move\n"
        + "devel/gone||2024-06-30|Has expired: unmaintained\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MiniPortsTree Tree()
    {
        var tree = new MiniPortsTree();
        tree.WriteFile("MOVED", Moved);
        tree.AddPort("devel/bar", "PORTNAME=bar\nPORTVERSION=1.0\n");
        tree.AddPort("devel/c", "PORTNAME=c\nPORTVERSION=1.0\n");
        tree.AddPort("misc/user", "PORTNAME=user\nPORTVERSION=1.0\nBUILD_DEPENDS=foo:devel/foo\nRUN_DEPENDS=a:devel/a\n");
        tree.AddPort("misc/other", "PORTNAME=other\nPORTVERSION=1.0\nLIB_DEPENDS=libfoo.so:devel/foo\n");
        tree.AddPort("misc/stale", "PORTNAME=stale\nPORTVERSION=1.0\nRUN_DEPENDS=gone:devel/gone\n");
        tree.AddPort("misc/top", "PORTNAME=top\nPORTVERSION=1.0\nRUN_DEPENDS=stale:misc/stale\n");
        return tree;
    }

    private static async Task<PortScanResult> ScanAsync(MiniPortsTree tree, params string[] ports)
    {
        var scanner = new PortScanner(tree.Options(), new GoSynth.Environment.Processes.ProcessRunner());
        var request = ports.Length == 0 ? ScanRequest.Everything : ScanRequest.For(ports.Select(scanner.ParseSpec));
        return await scanner.ScanToListAsync(request, cancellationToken: Ct);
    }

    [Fact]
    public async Task Scan_DependencyOnMovedOrigin_FollowsItToTheDestinationWithANote()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();

        var scan = await ScanAsync(tree, "misc/user", "misc/other");

        var user = scan.Results.Single(r => r.Id == new PortId("misc/user")).Metadata!;
        Assert.Equal(["devel/bar", "devel/c"], user.Dependencies.Select(d => d.Port.ToString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(scan.Results, r => r.Id.Origin is "devel/foo" or "devel/a" or "devel/b");
        Assert.Contains("devel/foo moved to devel/bar on 2024-01-02: Renamed upstream, needed by misc/other, misc/user", scan.Notes);
        Assert.Contains("devel/a moved to devel/b on 2020-01-01: first move; devel/b moved to devel/c on 2021-01-01: second move, needed by misc/user", scan.Notes);
        var graph = PortGraph.Build(scan);
        Assert.Equal(PortNodeState.Buildable, graph[new PortId("misc/user")].State);
        Assert.Contains(graph.GetDependencies(graph[new PortId("misc/other")]), e => e.Dependency.Id == new PortId("devel/bar"));
    }

    [Fact]
    public async Task Scan_DependencyOnRemovedOrigin_MakesDependentsUnbuildableWithTheReason()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();

        var scan = await ScanAsync(tree, "misc/top");

        var gone = scan.Results.Single(r => r.Id == new PortId("devel/gone"));
        Assert.Equal(PortQueryStatus.Removed, gone.Status);
        Assert.Contains("devel/gone was removed from the ports tree on 2024-06-30: Has expired: unmaintained, needed by misc/stale", scan.Notes);
        var graph = PortGraph.Build(scan);
        var stale = graph[new PortId("misc/stale")];
        Assert.Equal(PortNodeState.Unbuildable, stale.State);
        Assert.Contains("removed from the ports tree on 2024-06-30: Has expired: unmaintained", stale.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", stale.Reason, StringComparison.Ordinal);
        Assert.Equal(PortNodeState.Unbuildable, graph[new PortId("misc/top")].State);
    }

    [Fact]
    public async Task ScanEverything_DependenciesOnMovedOrigins_AreFollowedToo()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();

        var scan = await ScanAsync(tree);

        Assert.Equal(PortQueryStatus.Removed, scan.Results.Single(r => r.Id == new PortId("devel/gone")).Status);
        Assert.DoesNotContain(scan.Results, r => r.Status == PortQueryStatus.NotFound);
        Assert.Contains(scan.Notes, n => n.StartsWith("devel/foo moved to devel/bar", StringComparison.Ordinal));
    }
}
