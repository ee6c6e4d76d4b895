using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Graph;

public sealed class PortGraphStateTests
{
    private static PortId Id(string text) => PortId.TryParse(text, out var id) ? id.Value : throw new ArgumentException(text);

    [Fact]
    public void Build_PlainPort_IsBuildableWithoutReason()
    {
        var graph = new GraphBuilder().Port("devel/foo").Request("devel/foo").Build();

        var node = graph[Id("devel/foo")];
        Assert.Equal(PortNodeState.Buildable, node.State);
        Assert.Null(node.Reason);
        Assert.Null(node.BlockedBy);
        Assert.True(node.CanBuild);
        Assert.True(node.IsRequested);
    }

    [Fact]
    public void Build_IgnoredPort_IsIgnoredWithItsIgnoreText()
    {
        var graph = new GraphBuilder().Port("devel/foo", p => p.Ignore("is marked as broken: fails to link")).Build();

        var node = graph[Id("devel/foo")];
        Assert.Equal(PortNodeState.Ignored, node.State);
        Assert.Equal("is marked as broken: fails to link", node.Reason);
        Assert.False(node.CanBuild);
    }

    [Fact]
    public void Build_MetaPort_IsMeta()
    {
        var graph = new GraphBuilder().Port("x11/xorg", p => p.Meta().Run("x11/xterm")).Port("x11/xterm").Build();

        Assert.Equal(PortNodeState.Meta, graph[Id("x11/xorg")].State);
        Assert.Null(graph[Id("x11/xorg")].Reason);
        Assert.True(graph[Id("x11/xorg")].CanBuild);
    }

    [Fact]
    public void Build_NotFoundAndCorrupt_KeepTheirErrors()
    {
        var graph = new GraphBuilder()
            .NotFound("devel/gone", "port directory /ports/devel/gone does not exist")
            .Corrupt("devel/bad", "make: \"/ports/devel/bad/Makefile\" line 3: Unknown directive\nmake: Fatal errors encountered")
            .Build();

        Assert.Equal(PortNodeState.NotFound, graph[Id("devel/gone")].State);
        Assert.Equal("port directory /ports/devel/gone does not exist", graph[Id("devel/gone")].Reason);
        Assert.Equal(PortNodeState.Corrupt, graph[Id("devel/bad")].State);
        Assert.Contains("Unknown directive", graph[Id("devel/bad")].Reason, StringComparison.Ordinal);
        Assert.Contains("Fatal errors", graph[Id("devel/bad")].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DependsOnIgnored_UnbuildableNamingCulprit()
    {
        var graph = new GraphBuilder()
            .Port("www/app", p => p.Lib("devel/foo"))
            .Port("devel/foo", p => p.Ignore("only for i386"))
            .Build();

        var app = graph[Id("www/app")];
        Assert.Equal(PortNodeState.Unbuildable, app.State);
        Assert.Same(graph[Id("devel/foo")], app.BlockedBy);
        Assert.Equal("depends on devel/foo, which is ignored: only for i386", app.Reason);
    }

    [Fact]
    public void Build_TransitiveChain_ReasonNamesWholeChain()
    {
        var graph = new GraphBuilder()
            .Port("www/top", p => p.Run("www/mid"))
            .Port("www/mid", p => p.Build("devel/low"))
            .Port("devel/low", p => p.Lib("devel/broken"))
            .Port("devel/broken", p => p.Ignore("is marked as broken"))
            .Build();

        Assert.Equal(
            "depends on www/mid, which depends on devel/low, which depends on devel/broken, which is ignored: is marked as broken",
            graph[Id("www/top")].Reason);
        Assert.Equal(PortNodeState.Unbuildable, graph[Id("www/mid")].State);
        Assert.Equal(PortNodeState.Unbuildable, graph[Id("devel/low")].State);
    }

    [Fact]
    public void Build_DependsOnNotFoundAndCorrupt_ReasonsSayWhich()
    {
        var graph = new GraphBuilder()
            .Port("a/one", p => p.Build("devel/gone"))
            .Port("a/two", p => p.Build("devel/bad"))
            .NotFound("devel/gone", "no such directory")
            .Corrupt("devel/bad", "make printed 3 lines, expected 17\nsecond line")
            .Build();

        Assert.Equal("depends on devel/gone, which was not found: no such directory", graph[Id("a/one")].Reason);
        Assert.Equal("depends on devel/bad, which is corrupt: make printed 3 lines, expected 17 …", graph[Id("a/two")].Reason);
    }

    [Fact]
    public void Build_DependencyMissingFromResults_AddsNotFoundNodeNothingDropped()
    {
        var graph = new GraphBuilder().Port("a/app", p => p.Build("devel/unscanned")).Build();

        var missing = graph[Id("devel/unscanned")];
        Assert.Equal(PortNodeState.NotFound, missing.State);
        Assert.Contains("scan did not return it", missing.Reason, StringComparison.Ordinal);
        Assert.Equal(PortNodeState.Unbuildable, graph[Id("a/app")].State);
        Assert.Single(graph[Id("a/app")].Dependencies);
    }

    [Fact]
    public void Build_RequestedPortMissingFromResults_IsNotFoundAndRequested()
    {
        var graph = new GraphBuilder().Request("devel/typo").Build();

        var node = Assert.Single(graph.Requested);
        Assert.Equal(Id("devel/typo"), node.Id);
        Assert.Equal(PortNodeState.NotFound, node.State);
    }

    [Fact]
    public void Build_SeveralBadDependencies_PicksNearestCulprit()
    {
        var graph = new GraphBuilder()
            .Port("a/app", p => p.Build("a/deep").Run("z/direct"))
            .Port("a/deep", p => p.Build("a/ignored"))
            .Port("a/ignored", p => p.Ignore("deep reason"))
            .Port("z/direct", p => p.Ignore("direct reason"))
            .Build();

        Assert.Equal("depends on z/direct, which is ignored: direct reason", graph[Id("a/app")].Reason);
    }

    [Fact]
    public void Build_MetaWithIgnoredDependency_IsUnbuildable()
    {
        var graph = new GraphBuilder()
            .Port("x11/meta", p => p.Meta().Run("x11/bad"))
            .Port("x11/bad", p => p.Ignore("nope"))
            .Build();

        Assert.Equal(PortNodeState.Unbuildable, graph[Id("x11/meta")].State);
        Assert.Equal("depends on x11/bad, which is ignored: nope", graph[Id("x11/meta")].Reason);
    }

    [Fact]
    public void Build_IgnoredWithMissingDependency_StaysIgnoredWithOwnReason()
    {
        var graph = new GraphBuilder().Port("a/ign", p => p.Ignore("own").Build("a/missing")).NotFound("a/missing").Build();

        Assert.Equal(PortNodeState.Ignored, graph[Id("a/ign")].State);
        Assert.Equal("own", graph[Id("a/ign")].Reason);
    }

    [Fact]
    public void Build_DependentOfMetaPort_IsBuildable()
    {
        var graph = new GraphBuilder().Port("a/app", p => p.Build("a/meta")).Port("a/meta", p => p.Meta()).Build();

        Assert.Equal(PortNodeState.Buildable, graph[Id("a/app")].State);
    }

    [Fact]
    public void Build_BootstrapMissing_EverythingElseUnbuildableBecauseOfPkg()
    {
        var graph = new GraphBuilder().WithoutBootstrap().Port("devel/foo").Build();

        Assert.Equal(PortNodeState.NotFound, graph.Bootstrap.State);
        Assert.Equal(PortGraph.BootstrapOrigin, graph.Bootstrap.Id.Origin);
        Assert.Equal(PortNodeState.Unbuildable, graph[Id("devel/foo")].State);
        Assert.StartsWith("depends on ports-mgmt/pkg, which was not found: ", graph[Id("devel/foo")].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BootstrapWithDependency_DependencyNotBlockedByPkg()
    {
        var graph = new GraphBuilder()
            .Port("ports-mgmt/pkg", p => p.Build("devel/pkgconf"))
            .Port("devel/pkgconf")
            .Port("devel/foo")
            .Build();

        Assert.Equal(PortNodeState.Buildable, graph[Id("devel/pkgconf")].State);
        Assert.Equal(PortNodeState.Buildable, graph.Bootstrap.State);
        Assert.Equal(PortNodeState.Buildable, graph[Id("devel/foo")].State);
    }

    [Fact]
    public void Build_BootstrapDependencyIgnored_PkgAndEverythingAfterItUnbuildable()
    {
        var graph = new GraphBuilder()
            .Port("ports-mgmt/pkg", p => p.Build("devel/pkgconf"))
            .Port("devel/pkgconf", p => p.Ignore("broken"))
            .Port("devel/foo")
            .Build();

        Assert.Equal(PortNodeState.Unbuildable, graph.Bootstrap.State);
        Assert.Equal(
            "depends on ports-mgmt/pkg, which depends on devel/pkgconf, which is ignored: broken",
            graph[Id("devel/foo")].Reason);
    }

    [Fact]
    public void CountOf_MixedStates_CountsEach()
    {
        var graph = new GraphBuilder()
            .Port("a/ok")
            .Port("a/meta", p => p.Meta())
            .Port("a/ign", p => p.Ignore("x"))
            .Port("a/dep", p => p.Build("a/ign"))
            .NotFound("a/nf")
            .Corrupt("a/bad")
            .Build();

        Assert.Equal(2, graph.CountOf(PortNodeState.Buildable)); // a/ok and ports-mgmt/pkg
        Assert.Equal(1, graph.CountOf(PortNodeState.Meta));
        Assert.Equal(1, graph.CountOf(PortNodeState.Ignored));
        Assert.Equal(1, graph.CountOf(PortNodeState.Unbuildable));
        Assert.Equal(1, graph.CountOf(PortNodeState.NotFound));
        Assert.Equal(1, graph.CountOf(PortNodeState.Corrupt));
        Assert.Equal(7, graph.Count);
    }
}
