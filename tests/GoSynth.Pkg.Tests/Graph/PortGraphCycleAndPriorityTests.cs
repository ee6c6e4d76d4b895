using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Graph;

public sealed class PortGraphCycleAndPriorityTests
{
    private static PortId Id(string text) => PortId.TryParse(text, out var id) ? id.Value : throw new ArgumentException(text);

    [Fact]
    public void Build_TwoNodeCycle_ThrowsNamingTheCycle()
    {
        var builder = new GraphBuilder()
            .Port("devel/a", p => p.Build("devel/b"))
            .Port("devel/b", p => p.Run("devel/a"))
            .Port("devel/c", p => p.Build("devel/a"));

        var ex = Assert.Throws<PortGraphCycleException>(builder.Build);

        Assert.Equal([Id("devel/a"), Id("devel/b"), Id("devel/a")], ex.Cycle);
        Assert.Contains("devel/a -> devel/b -> devel/a", ex.Message, StringComparison.Ordinal);
        Assert.Contains("*_DEPENDS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SelfDependency_ThrowsNamingIt()
    {
        var builder = new GraphBuilder().Port("devel/a", p => p.Lib("devel/a"));

        var ex = Assert.Throws<PortGraphCycleException>(builder.Build);

        Assert.Equal("devel/a -> devel/a", PortGraphCycleException.Format(ex.Cycle));
    }

    [Fact]
    public void Build_LongCycleWithShortcut_NamesShortestCycleThroughSmallestNode()
    {
        var builder = new GraphBuilder()
            .Port("c/a", p => p.Build("c/b").Run("c/c"))
            .Port("c/b", p => p.Build("c/c"))
            .Port("c/c", p => p.Build("c/d"))
            .Port("c/d", p => p.Build("c/a"))
            .Port("c/x", p => p.Build("c/d"))
            .Port("c/y");

        var ex = Assert.Throws<PortGraphCycleException>(builder.Build);

        Assert.Equal("c/a -> c/c -> c/d -> c/a", PortGraphCycleException.Format(ex.Cycle));
        Assert.Single(ex.Cycles);
    }

    [Fact]
    public void Build_TwoIndependentCycles_BothReported()
    {
        var builder = new GraphBuilder()
            .Port("a/one", p => p.Build("a/two"))
            .Port("a/two", p => p.Build("a/one"))
            .Port("z/one", p => p.Build("z/two"))
            .Port("z/two", p => p.Build("z/one"));

        var ex = Assert.Throws<PortGraphCycleException>(builder.Build);

        Assert.Equal(["a/one -> a/two -> a/one", "z/one -> z/two -> z/one"], ex.Cycles.Select(c => PortGraphCycleException.Format(c)));
        Assert.Contains("1 more cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CycleAcross30000Nodes_FoundWithoutStackOverflow()
    {
        const int n = 30_000;
        var builder = new GraphBuilder();
        for (var i = 0; i < n; i++)
        {
            var next = (i + 1) % n;
            builder.Port($"c/p{i:D5}", p => p.Build($"c/p{next:D5}"));
        }

        var ex = Assert.Throws<PortGraphCycleException>(builder.Build);

        Assert.Equal(n + 1, ex.Cycle.Length);
        Assert.Equal(ex.Cycle[0], ex.Cycle[^1]);
    }

    [Fact]
    public void ComputePriorities_Uniform_LongestChainOfDependents()
    {
        var graph = new GraphBuilder()
            .Port("a/top", p => p.Build("b/mid"))
            .Port("b/mid", p => p.Lib("c/low"))
            .Port("c/low")
            .Port("c/lone")
            .Build();

        var priorities = graph.ComputePriorities();

        Assert.Equal(1, priorities[Id("a/top")]);
        Assert.Equal(2, priorities[Id("b/mid")]);
        Assert.Equal(3, priorities[Id("c/low")]);
        Assert.Equal(1, priorities[Id("c/lone")]);
        Assert.Equal(4, priorities[graph.Bootstrap]);
        Assert.Equal(4, priorities.CriticalPathLength);
    }

    [Fact]
    public void ComputePriorities_GivenWeights_FollowTheLongestWeightedPath()
    {
        // base is needed by a cheap chain (quick) and by one expensive port (slow); the slow branch dominates.
        var graph = new GraphBuilder()
            .Port("a/quick", p => p.Build("a/base"))
            .Port("a/slow", p => p.Build("a/base"))
            .Port("a/base")
            .FlavoredPort("a/fl", ["x", "y"])
            .Build();
        var weights = new Dictionary<PortId, double>
        {
            [Id("a/quick")] = 10,
            [Id("a/slow")] = 600,
            [Id("a/base")] = 30,
            [Id("a/fl@x")] = 7,
            [Id("a/fl@y")] = 9,
            [graph.Bootstrap.Id] = 60,
        };

        var priorities = graph.ComputePriorities(new TableWeights(weights));

        Assert.Equal(630, priorities[Id("a/base")]);
        Assert.Equal(10, priorities[Id("a/quick")]);
        Assert.Equal(7, priorities[Id("a/fl@x")]);
        Assert.Equal(9, priorities[Id("a/fl@y")]);
        Assert.Equal(690, priorities[graph.Bootstrap]); // pkg comes before everything
    }

    [Fact]
    public void ComputePriorities_NegativeWeight_ThrowsNamingTheNode()
    {
        var graph = new GraphBuilder().Port("a/a").Build();
        var weights = new Moq.Mock<IPortWeights>();
        weights.Setup(w => w.GetWeight(Moq.It.IsAny<PortNode>())).Returns(-1);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => graph.ComputePriorities(weights.Object));

        Assert.Contains("a/a", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Weights the caller chose (the Builder's scheduling policy gives expected durations this way).</summary>
    private sealed class TableWeights(Dictionary<PortId, double> table) : IPortWeights
    {
        public double GetWeight(PortNode node) => table[node.Id];
    }
}
