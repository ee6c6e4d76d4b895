using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Scheduling;

public sealed class DurationEstimatorTests
{
    private static readonly GoSynth.Pkg.Graph.PortGraph Graph = new GraphBuilder()
        .Port("devel/a")
        .Port("devel/b")
        .Port("lang/rust", p => p.Uses("cargo"))
        .Port("devel/c")
        .Port("misc/meta", p => p.Meta().Run("devel/a"))
        .Build();

    [Fact]
    public void Estimate_History_WinsOverThePrior()
    {
        var history = new BuildHistorySnapshot().SetExpectedDuration(new PortId("lang/rust"), TimeSpan.FromMinutes(3));

        Assert.Equal(TimeSpan.FromMinutes(3), new DurationEstimator(history).Estimate(Graph[new PortId("lang/rust")]));
    }

    [Fact]
    public void Estimate_NoHistory_PriorScalesHeavyUses()
    {
        var estimator = new DurationEstimator(null, TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(10), estimator.Estimate(Graph[new PortId("devel/a")]));
        Assert.Equal(TimeSpan.FromSeconds(60), estimator.Estimate(Graph[new PortId("lang/rust")]));
        Assert.Equal(TimeSpan.Zero, estimator.Estimate(Graph[new PortId("misc/meta")]));
    }

    [Fact]
    public void Create_PartHistory_DefaultIsTheMeanNotTheMedian()
    {
        var history = new BuildHistorySnapshot()
            .SetExpectedDuration(new PortId("devel/a"), TimeSpan.FromSeconds(10))
            .SetExpectedDuration(new PortId("devel/b"), TimeSpan.FromSeconds(20))
            .SetExpectedDuration(new PortId("devel/c"), TimeSpan.FromSeconds(300));

        var estimator = DurationEstimator.Create(Graph, history);

        Assert.Equal(TimeSpan.FromSeconds(110), estimator.DefaultDuration);
        Assert.Equal(TimeSpan.FromSeconds(110), estimator.Estimate(Graph[new PortId(GoSynth.Pkg.Graph.PortGraph.BootstrapOrigin)]));
        Assert.Equal(TimeSpan.FromSeconds(42), DurationEstimator.Create(Graph, null, TimeSpan.FromSeconds(42)).DefaultDuration);
    }
}
