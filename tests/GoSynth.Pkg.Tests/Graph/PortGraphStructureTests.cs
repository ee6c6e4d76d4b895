using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Graph;

public sealed class PortGraphStructureTests
{
    private static PortId Id(string text) => PortId.TryParse(text, out var id) ? id.Value : throw new ArgumentException(text);

    private static string[] Ids(IEnumerable<PortNode> nodes) => [.. nodes.Select(n => n.Id.ToString())];

    [Fact]
    public void Build_DuplicateDependencies_OneEdgePerDependencyAndKind()
    {
        var graph = new GraphBuilder()
            .Port("graphics/cairo", p => p
                .Lib("devel/gettext-runtime", "devel/gettext-runtime")
                .Build("devel/gettext-runtime")
                .Run("devel/pkgconf"))
            .Port("devel/gettext-runtime")
            .Port("devel/pkgconf")
            .Build();

        var cairo = graph[Id("graphics/cairo")];
        Assert.Equal(
            ["graphics/cairo -(BUILD)-> devel/gettext-runtime", "graphics/cairo -(LIB)-> devel/gettext-runtime", "graphics/cairo -(RUN)-> devel/pkgconf"],
            cairo.Dependencies.Select(e => e.ToString()));
        Assert.Equal(3, graph.EdgeCount);
        Assert.Equal(["devel/gettext-runtime"], Ids(graph.GetDependencies(cairo, DependencyKind.Lib)));
        Assert.Equal(["devel/gettext-runtime", "devel/pkgconf"], Ids(graph.GetDirectDependencies(cairo)));
        Assert.Equal(2, graph.GetDependencyCount(cairo));
        Assert.Equal(1, graph.GetDependentCount(graph[Id("devel/pkgconf")]));
        Assert.Equal(0, graph.GetDependentCount(cairo));
        Assert.Empty(graph.GetDependencies(cairo, DependencyKind.Fetch));
    }

    [Fact]
    public void Build_ReverseEdges_ListDependentsWithKinds()
    {
        var graph = new GraphBuilder()
            .Port("a/one", p => p.Build("devel/tool"))
            .Port("a/two", p => p.Run("devel/tool").Fetch("devel/tool"))
            .Port("devel/tool")
            .Build();

        var tool = graph[Id("devel/tool")];
        Assert.Equal(
            ["a/one -(BUILD)-> devel/tool", "a/two -(FETCH)-> devel/tool", "a/two -(RUN)-> devel/tool"],
            tool.Dependents.Select(e => e.ToString()));
        Assert.Equal(["a/two"], Ids(graph.GetDependents(tool, DependencyKind.Run)));
    }

    [Fact]
    public void Build_FlavorlessDependency_ResolvesToDefaultFlavor()
    {
        var graph = new GraphBuilder()
            .FlavoredPort("devel/py-foo", ["py311", "py39"])
            .Port("www/app", p => p.Run("devel/py-foo"))
            .Port("www/other", p => p.Run("devel/py-foo@py39"))
            .Build();

        Assert.Equal(["devel/py-foo@py311"], Ids(graph[Id("www/app")].Dependencies.Select(e => e.Dependency)));
        Assert.Equal(["devel/py-foo@py39"], Ids(graph[Id("www/other")].Dependencies.Select(e => e.Dependency)));
        Assert.Same(graph[Id("devel/py-foo@py311")], graph[Id("devel/py-foo")]);
        Assert.False(graph.TryGetNode(Id("devel/py-foo@py27"), out _));
    }

    [Fact]
    public void Build_FoundResultWithoutFlavorButWithFlavors_IsCanonicalizedToDefault()
    {
        var flavored = PortQueryResult.Found(new PortMetadataBuilder(Id("lang/tool")).Flavors("a", "b").ToMetadata());
        var graph = new GraphBuilder().Result(flavored).Port("x/user", p => p.Build("lang/tool@a")).Request("lang/tool").Build();

        var node = Assert.Single(graph.Requested);
        Assert.Equal(Id("lang/tool@a"), node.Id);
        Assert.Equal(Id("lang/tool@a"), node.Metadata!.Id);
        Assert.Equal(["lang/tool@a"], Ids(graph[Id("x/user")].Dependencies.Select(e => e.Dependency)));
    }

    [Fact]
    public void Build_RequestedAllFlavors_RequestsEveryFlavor()
    {
        var graph = new GraphBuilder()
            .FlavoredPort("devel/py-foo", ["py311", "py39"])
            .Port("devel/plain")
            .Request("devel/py-foo@all", "devel/plain@all")
            .Build();

        Assert.Equal(["devel/plain", "devel/py-foo@py311", "devel/py-foo@py39"], Ids(graph.Requested));
    }

    [Fact]
    public void Build_DependencyOnMissingDefaultFlavor_AddsNotFoundNodeForThatFlavor()
    {
        var graph = new GraphBuilder()
            .Port("devel/py-foo@py39", p => p.Flavors("py311", "py39"))
            .Port("www/app", p => p.Run("devel/py-foo"))
            .Build();

        Assert.Equal(PortNodeState.NotFound, graph[Id("devel/py-foo@py311")].State);
        Assert.Equal(PortNodeState.Unbuildable, graph[Id("www/app")].State);
    }

    [Fact]
    public void TopologicalOrder_Chain_PkgFirstThenDependenciesFirst()
    {
        var graph = new GraphBuilder()
            .Port("a/top", p => p.Build("b/mid"))
            .Port("b/mid", p => p.Lib("c/low"))
            .Port("c/low")
            .Build();

        Assert.Equal(["ports-mgmt/pkg", "c/low", "b/mid", "a/top"], Ids(graph.TopologicalOrder));
        Assert.True(graph.IsBefore(graph[Id("c/low")], graph[Id("a/top")]));
        Assert.Equal(0, graph.TopologicalPosition(graph.Bootstrap));
    }

    [Fact]
    public void TopologicalOrder_IndependentNodes_OrdinalTieBreak()
    {
        var graph = new GraphBuilder().Port("z/z").Port("a/b").Port("A/c").Port("a/a").Build();

        Assert.Equal(["ports-mgmt/pkg", "A/c", "a/a", "a/b", "z/z"], Ids(graph.TopologicalOrder));
    }

    [Fact]
    public void TopologicalOrder_PkgHasDependencies_TheyComeBeforePkgAndEverythingElseAfter()
    {
        var graph = new GraphBuilder()
            .Port("ports-mgmt/pkg", p => p.Build("devel/pkgconf"))
            .Port("devel/pkgconf")
            .Port("a/first")
            .Build();

        Assert.Equal(["devel/pkgconf", "ports-mgmt/pkg", "a/first"], Ids(graph.TopologicalOrder));
    }

    [Fact]
    public void Build_InputOrder_DoesNotChangeTheGraph()
    {
        var builder = new GraphBuilder()
            .Port("a/top", p => p.Build("b/mid", "c/x"))
            .Port("b/mid", p => p.Lib("c/low"))
            .Port("c/low")
            .Port("c/x", p => p.Run("c/low"));
        var forward = PortGraph.Build(builder.Results());
        var backward = PortGraph.Build(builder.Results().Reverse());

        Assert.Equal(Ids(forward.TopologicalOrder), Ids(backward.TopologicalOrder));
        Assert.Equal(Ids(forward.Nodes), Ids(backward.Nodes));
    }

    [Fact]
    public void RootsAndLeaves_Diamond_AreTopAndBottom()
    {
        var graph = new GraphBuilder()
            .Port("a/top", p => p.Build("b/left", "b/right"))
            .Port("b/left", p => p.Lib("c/base"))
            .Port("b/right", p => p.Lib("c/base"))
            .Port("c/base")
            .Build();

        Assert.Equal(["a/top", "ports-mgmt/pkg"], Ids(graph.Roots));
        Assert.Equal(["c/base", "ports-mgmt/pkg"], Ids(graph.Leaves));
    }

    [Fact]
    public void GetInstallClosure_DeepBuildOnlyDependency_NotInstalled()
    {
        // app -BUILD-> lib -BUILD-> compiler ; lib -LIB-> z ; z -RUN-> data
        var graph = new GraphBuilder()
            .Port("a/app", p => p.Build("b/lib"))
            .Port("b/lib", p => p.Build("c/compiler").Lib("d/z"))
            .Port("c/compiler")
            .Port("d/z", p => p.Run("e/data"))
            .Port("e/data")
            .Build();
        var app = graph[Id("a/app")];

        Assert.Equal(["e/data", "d/z", "b/lib"], Ids(graph.GetInstallClosure(app)));
        Assert.Equal(["c/compiler", "e/data", "d/z", "b/lib"], Ids(graph.GetTransitiveDependencies(app)));
        Assert.Equal(["d/z", "b/lib", "a/app"], Ids(graph.GetTransitiveDependents(graph[Id("e/data")])));
    }

    [Fact]
    public void Queries_NodeFromAnotherGraph_Rejected()
    {
        var one = new GraphBuilder().Port("a/a").Build();
        var two = new GraphBuilder().Port("a/a").Build();

        Assert.Throws<ArgumentException>(() => one.GetDependencies(two[Id("a/a")]));
        Assert.Throws<KeyNotFoundException>(() => one[Id("no/such")]);
    }

    [Fact]
    public void Build_DeepChainOf30000_NoStackOverflowAndOrdered()
    {
        const int n = 30_000;
        var builder = new GraphBuilder();
        for (var i = 0; i < n; i++)
        {
            var index = i;
            builder.Port($"c/p{index:D5}", p =>
            {
                if (index + 1 < n)
                {
                    p.Build($"c/p{index + 1:D5}");
                }
            });
        }

        var graph = builder.Request("c/p00000").Build();

        Assert.Equal(n + 1, graph.Count);
        Assert.Equal($"c/p{n - 1:D5}", graph.TopologicalOrder[1].Id.ToString());
        Assert.Equal("c/p00000", graph.TopologicalOrder[^1].Id.ToString());
        Assert.Equal(n + 1, graph.ComputePriorities().CriticalPathLength);
        Assert.Equal(n - 1, graph.GetTransitiveDependencies(graph[Id("c/p00000")]).Length);
    }
}
