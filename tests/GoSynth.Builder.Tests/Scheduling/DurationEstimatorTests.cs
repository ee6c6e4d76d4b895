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

        Assert.Equal(10 * 1.29, estimator.Estimate(Graph[new PortId("devel/a")]).TotalSeconds, 6);
        Assert.Equal(10 * 3.26 * 6, estimator.Estimate(Graph[new PortId("lang/rust")]).TotalSeconds, 6);
        Assert.Equal(TimeSpan.Zero, estimator.Estimate(Graph[new PortId("misc/meta")]));
    }

    [Fact]
    public void Prior_Category_LanguagesLongestTextToolsShortUnknownNeutral()
    {
        var graph = new GraphBuilder().Port("lang/x").Port("devel/x").Port("textproc/x").Port("nosuchcat/x").Build();
        var estimator = new DurationEstimator(null, TimeSpan.FromSeconds(100));

        double Prior(string origin) => estimator.Prior(graph[new PortId(origin)]).TotalSeconds;

        Assert.True(Prior("lang/x") > Prior("devel/x"));
        Assert.True(Prior("devel/x") > Prior("nosuchcat/x"));
        Assert.True(Prior("nosuchcat/x") > Prior("textproc/x"));
        Assert.Equal(100, Prior("nosuchcat/x"), 9);
    }

    /// <summary>
    /// The category table is what the recorded builds say: refitting it from the bundled poudriere log gives the same
    /// factors, and leaving each port out of the fit, the category prior predicts that port better than a flat one.
    /// </summary>
    [Fact]
    public void CategoryFactors_RefitFromRecordedBuilds_MatchAndBeatAFlatPrior()
    {
        var builds = File.ReadLines(Path.Combine(RepositoryPaths.TestData, "build-times", "durations.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(f => f[0].Contains("12.2amd64", StringComparison.Ordinal) && f[3] == "Finished" && f[4] == "Success")
            .Select(f => (Origin: f[1], Category: f[1][..f[1].IndexOf('/', StringComparison.Ordinal)], Log: Math.Log(double.Parse(f[7], System.Globalization.CultureInfo.InvariantCulture))))
            .ToArray();
        Assert.Equal(158, builds.Length);

        static Dictionary<string, double> Fit(IEnumerable<(string Origin, string Category, double Log)> rows, out double mean)
        {
            var list = rows.ToList();
            var m = list.Average(r => r.Log);
            mean = m;
            return list.GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Sum(r => r.Log - m) / (g.Count() + 2));
        }

        foreach (var (category, logFactor) in Fit(builds, out _))
        {
            Assert.Equal(Math.Round(Math.Exp(logFactor), 2), DurationEstimator.CategoryFactor(category), 9);
        }

        double flatError = 0, categoryError = 0;
        foreach (var held in builds)
        {
            var fitted = Fit(builds.Where(b => b.Origin != held.Origin), out var mean);
            flatError += Math.Abs(held.Log - mean);
            categoryError += Math.Abs(held.Log - mean - fitted.GetValueOrDefault(held.Category));
        }

        Assert.True(categoryError < 0.96 * flatError, $"category prior |ln error| {categoryError / builds.Length:F3} vs flat {flatError / builds.Length:F3}");
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
        Assert.Equal(TimeSpan.FromSeconds(110 * DurationEstimator.CategoryFactor("ports-mgmt")), estimator.Estimate(Graph[new PortId(GoSynth.Pkg.Graph.PortGraph.BootstrapOrigin)]));
        Assert.Equal(TimeSpan.FromSeconds(42), DurationEstimator.Create(Graph, null, TimeSpan.FromSeconds(42)).DefaultDuration);
    }
}
