using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Graph;

/// <summary>Flavors without their default, the tree's own pkg port, not-needed ports, kept answers, removed ports.</summary>
public sealed class PortGraphIssue8Tests
{
    private static PortId Id(string text) => PortId.TryParse(text, out var id) ? id.Value : throw new ArgumentException(text);

    private static PortQueryResult Flavor(string origin, string flavor, Action<PortMetadataBuilder>? configure = null)
    {
        var builder = new PortMetadataBuilder(new PortId(origin, flavor)).Flavors("tty", "gui");
        configure?.Invoke(builder);
        return PortQueryResult.Found(builder.ToMetadata());
    }

    [Fact]
    public void Build_NonDefaultFlavorRequestedWithoutDefault_HasOnlyThatFlavorAndNoDefaultNode()
    {
        var graph = new GraphBuilder().Result(Flavor("editors/tedit", "gui")).Request("editors/tedit@gui").Build();

        var gui = graph[Id("editors/tedit@gui")];
        Assert.True(gui.IsRequested);
        Assert.Equal(PortNodeState.Buildable, gui.State);
        Assert.False(graph.TryGetNode(new PortId("editors/tedit"), out _));
        Assert.False(graph.TryGetNode(Id("editors/tedit@tty"), out _));
        Assert.Equal(2, graph.Count);
    }

    [Fact]
    public void Build_DependencyOnNonDefaultFlavorOnly_EdgeToThatFlavor()
    {
        var graph = new GraphBuilder()
            .Port("misc/app", p => p.Run("editors/tedit@gui"))
            .Result(Flavor("editors/tedit", "gui"))
            .Request("misc/app")
            .Build();

        Assert.Equal([Id("editors/tedit@gui")], graph[Id("misc/app")].Dependencies.Select(e => e.Dependency.Id));
        Assert.Equal(PortNodeState.Buildable, graph[Id("misc/app")].State);
    }

    [Fact]
    public void Build_TreeWithoutPkgPort_NoPkgNodeAndEverythingBuildable()
    {
        var builder = new GraphBuilder().WithoutBootstrap().Port("devel/foo", p => p.Build("devel/bar")).Port("devel/bar");

        var graph = PortGraph.Build(builder.Results(), [Id("devel/foo")], bootstrapOrigin: null);

        Assert.False(graph.HasBootstrap);
        Assert.Throws<InvalidOperationException>(() => graph.Bootstrap);
        Assert.All(graph.Nodes, n => Assert.Equal(PortNodeState.Buildable, n.State));
        Assert.All(graph.Nodes, n => Assert.False(n.IsBootstrap));
        Assert.Equal(["devel/bar", "devel/foo"], graph.TopologicalOrder.Select(n => n.Id.ToString()));
        Assert.Equal(2, graph.ComputePriorities()[graph[Id("devel/bar")]]);
    }

    [Fact]
    public void Build_TreeNamesItsOwnPkgPort_ItIsBuiltFirst()
    {
        var builder = new GraphBuilder().WithoutBootstrap().Port("system/pkg").Port("devel/foo");

        var graph = PortGraph.Build(builder.Results(), [Id("devel/foo")], "system/pkg");

        Assert.Equal(Id("system/pkg"), graph.Bootstrap.Id);
        Assert.Same(graph.Bootstrap, graph.TopologicalOrder[0]);
        Assert.Equal(PortNodeState.Buildable, graph[Id("devel/foo")].State);
        Assert.False(graph.TryGetNode(new PortId(PortGraph.BootstrapOrigin), out _));
    }

    [Fact]
    public void Build_PortOnlyAnIgnoredPortNeeds_IsNotNeededNamingIt()
    {
        var graph = new GraphBuilder()
            .Port("sysutils/svcmon", p => p.Run("sysutils/legacyd"))
            .Port("sysutils/legacyd", p => p.Ignore("obsolete").Build("devel/kvmstub"))
            .Port("devel/kvmstub", p => p.Build("devel/kvmlib"))
            .Port("devel/kvmlib")
            .Request("sysutils/svcmon")
            .Build();

        var stub = graph[Id("devel/kvmstub")];
        Assert.Equal(PortNodeState.NotNeeded, stub.State);
        Assert.False(stub.CanBuild);
        Assert.Equal("not needed: only needed by sysutils/legacyd, which is ignored", stub.Reason);
        Assert.Equal(PortNodeState.NotNeeded, graph[Id("devel/kvmlib")].State);
        Assert.Equal("not needed: only needed by devel/kvmstub, which is not needed", graph[Id("devel/kvmlib")].Reason);
        Assert.Equal(PortNodeState.Buildable, graph.Bootstrap.State);
        Assert.Equal(2, graph.CountOf(PortNodeState.NotNeeded));
    }

    [Fact]
    public void Build_PortAnIgnoredPortNeedsButRequestedOrNeededElsewhere_StaysBuildable()
    {
        var requested = new GraphBuilder()
            .Port("sysutils/legacyd", p => p.Ignore("obsolete").Build("devel/kvmstub"))
            .Port("devel/kvmstub")
            .Request("sysutils/legacyd", "devel/kvmstub")
            .Build();
        var shared = new GraphBuilder()
            .Port("sysutils/legacyd", p => p.Ignore("obsolete").Build("devel/kvmstub"))
            .Port("sysutils/top", p => p.Build("devel/kvmstub"))
            .Port("devel/kvmstub")
            .Request("sysutils/legacyd", "sysutils/top")
            .Build();

        Assert.Equal(PortNodeState.Buildable, requested[Id("devel/kvmstub")].State);
        Assert.Equal(PortNodeState.Buildable, shared[Id("devel/kvmstub")].State);
    }

    [Fact]
    public void Build_CorruptNodeWithKeptAnswers_KeepsMetadataAndAnswersButHasNoEdges()
    {
        var metadata = new PortMetadataBuilder(Id("devel/bad")).Version("1.0").ToMetadata();
        var result = new PortQueryResult(metadata.Id, PortQueryStatus.Corrupt, metadata, "devel/bad: RUN_DEPENDS token 'nocolon': expected …")
        {
            MakeAnswers = ["1.0", "bad-1.0.pkg", "nocolon"],
        };
        var graph = new GraphBuilder().Port("devel/app", p => p.Lib("devel/bad")).Result(result).Build();

        var bad = graph[Id("devel/bad")];
        Assert.Equal(PortNodeState.Corrupt, bad.State);
        Assert.Equal("1.0", bad.Metadata!.Version);
        Assert.Equal(["1.0", "bad-1.0.pkg", "nocolon"], bad.MakeAnswers);
        Assert.Empty(bad.Dependencies);
        Assert.Equal("depends on devel/bad, which is corrupt: devel/bad: RUN_DEPENDS token 'nocolon': expected …", graph[Id("devel/app")].Reason);
    }

    [Fact]
    public void Build_RemovedPort_IsRemovedAndItsDependentsSaySo()
    {
        var graph = new GraphBuilder()
            .Result(PortQueryResult.Removed(Id("sysutils/swapinfo"), "sysutils/swapinfo: removed on 2024-06-30: Has expired"))
            .Port("misc/app", p => p.Run("sysutils/swapinfo"))
            .Request("sysutils/swapinfo")
            .Build();

        Assert.Equal(PortNodeState.Removed, graph[Id("sysutils/swapinfo")].State);
        Assert.False(graph[Id("sysutils/swapinfo")].CanBuild);
        Assert.Equal("depends on sysutils/swapinfo, which was removed: sysutils/swapinfo: removed on 2024-06-30: Has expired", graph[Id("misc/app")].Reason);
    }
}
