using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Samples;

/// <summary>The synthetic tree generator: evaluated by real bmake, deterministic, shaped like a real tree.</summary>
public sealed class PortsTreeGeneratorTests : IDisposable
{
    private readonly TempDirectory _temp = new("gosynth-generated-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_FiftyPorts_EvaluatesWithBmakeAndMatchesSummary()
    {
        Bmake.Require();
        var tree = PortsTreeGenerator.Generate(_temp.Combine("tree"), new PortsTreeGeneratorOptions { PortCount = 50 });
        Directory.CreateDirectory(_temp.Combine("localbase"));
        var query = new PortsTreeQuery(tree.Directory, _temp.Combine("localbase"));

        Assert.Equal(tree.Origins, query.Origins());
        Assert.Contains("ports-mgmt/pkg", tree.Origins);
        Assert.NotEmpty(tree.Flavors);

        // A handful of nodes: pkg, every flavor of the flavored ports, meta and ignored ports, and the ports with most dependencies.
        var nodes = new List<string> { "ports-mgmt/pkg" };
        nodes.AddRange(tree.Flavors.SelectMany(f => f.Value.Select(v => f.Key + "@" + v)));
        nodes.AddRange(tree.MetaOrigins.Take(2));
        nodes.AddRange(tree.IgnoredOrigins.Take(2));
        nodes.AddRange(tree.Edges.GroupBy(e => e.From).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(4).Select(g => g.Key));
        foreach (var node in nodes.Distinct())
        {
            var (origin, flavor) = SampleTreeQueryTests.Split(node);
            var result = await query.QueryAsync(origin, flavor, Ct);

            Assert.True(result.ExitCode == 0, node + ": " + result);
            Assert.Equal(string.Empty, result.Stderr);
            Assert.Equal(17, result.Lines.Count);
            Assert.Equal(tree.IgnoredOrigins.Contains(origin), result.Lines[5].Length > 0);
            Assert.Equal(tree.MetaOrigins.Contains(origin), result.Lines[16].Split(' ').Contains("metaport"));
            Assert.Equal(tree.Flavors.TryGetValue(origin, out var flavors) ? string.Join(' ', flavors) : string.Empty, result.Lines[15]);

            var found = new HashSet<GeneratedEdge>();
            for (var kind = 0; kind < 6; kind++)
            {
                foreach (var dependency in DependencyParser.Parse((DependencyKind)(kind + 1), result.Lines[6 + kind], tree.Directory))
                {
                    var target = dependency.Port;
                    var to = target.Flavor is null && tree.Flavors.TryGetValue(target.Origin, out var f) ? target.Origin + "@" + f[0] : target.ToString();
                    found.Add(new GeneratedEdge(node, dependency.Kind.ToString(), to));
                }
            }

            Assert.Equal(tree.Edges.Where(e => e.From == node).ToHashSet(), found);
        }
    }

    [Fact]
    public void Generate_SameOptionsTwice_WritesIdenticalTrees()
    {
        var options = new PortsTreeGeneratorOptions { PortCount = 150 };
        var first = PortsTreeGenerator.Generate(_temp.Combine("a"), options);
        var second = PortsTreeGenerator.Generate(_temp.Combine("b"), options);
        var summaryOnly = PortsTreeGenerator.Generate(_temp.Combine("c"), new PortsTreeGeneratorOptions { PortCount = 150, WriteFiles = false });
        var other = PortsTreeGenerator.Generate(_temp.Combine("d"), new PortsTreeGeneratorOptions { PortCount = 150, Seed = 7, WriteFiles = false });

        Assert.Equal(first.Edges, second.Edges);
        Assert.Equal(Snapshot(first.Directory), Snapshot(second.Directory));
        Assert.Equal(first.Edges, summaryOnly.Edges);
        Assert.False(Directory.Exists(summaryOnly.Directory));
        Assert.NotEqual(first.Edges, other.Edges);
    }

    [Fact]
    public void Generate_TwoThousandPorts_HasRealisticShapeAndNoCycle()
    {
        var tree = PortsTreeGenerator.Generate(_temp.Combine("tree"), new PortsTreeGeneratorOptions { PortCount = 2000, WriteFiles = false });

        Assert.Equal(2000, tree.Origins.Count);
        Assert.Equal(tree.Origins.Count, tree.Origins.Distinct().Count());
        Assert.InRange(tree.Origins.Select(o => o.Split('/')[0]).Distinct().Count(), 30, 41);
        var fanIn = tree.Edges.GroupBy(e => e.To).Select(g => g.Select(e => e.From).Distinct().Count()).OrderDescending().ToList();
        var fanOut = tree.Nodes.Select(n => tree.Edges.Where(e => e.From == n).Select(e => e.To).Distinct().Count()).ToList();
        Assert.True(fanIn[0] >= 50, $"the most depended-on port has only {fanIn[0]} dependents");
        Assert.True(fanIn[fanIn.Count / 2] <= 5, $"median fan-in {fanIn[fanIn.Count / 2]} is not heavy-tailed");
        Assert.True(fanOut.Max() <= 8 + 1);
        Assert.InRange(fanOut.Average(), 1.5, 5);
        Assert.Equal(6, tree.Edges.Select(e => e.Kind).Distinct().Count());
        Assert.NotEmpty(tree.MetaOrigins);
        Assert.NotEmpty(tree.IgnoredOrigins);
        Assert.Contains(tree.Edges, e => tree.Flavors.TryGetValue(e.To.Split('@')[0], out var f) && e.To != e.To.Split('@')[0] + "@" + f[0]);
        Assert.Empty(tree.Cycle);
        Assert.Empty(FindCycle(tree));

        // Durations follow the real build-time distribution: a median under two minutes, a tail of long builds.
        Assert.Equal(tree.Nodes, tree.Durations.Keys.Order(StringComparer.Ordinal));
        var seconds = tree.Durations.Values.Select(d => d.TotalSeconds).Order().ToList();
        Assert.InRange(seconds[seconds.Count / 2], 10, 120);
        Assert.True(seconds[^1] >= 500, $"longest build {seconds[^1]} s");
    }

    [Fact]
    public void Generate_WithCycleAndMissingOrigins_DescribesBoth()
    {
        var tree = PortsTreeGenerator.Generate(
            _temp.Combine("tree"),
            new PortsTreeGeneratorOptions { PortCount = 200, AddCycle = true, MissingDependencyCount = 3 });

        Assert.Equal(3, tree.Cycle.Count);
        Assert.Equal(tree.Cycle[0], tree.Cycle[2]);
        Assert.Contains(tree.Edges, e => e.From == tree.Cycle[0] && e.To == tree.Cycle[1]);
        Assert.Contains(tree.Edges, e => e.From == tree.Cycle[1] && e.To == tree.Cycle[0]);
        Assert.NotEmpty(FindCycle(tree));

        Assert.Equal(3, tree.MissingOrigins.Count);
        Assert.Equal(3, tree.PortsWithMissingDependency.Count);
        Assert.All(tree.MissingOrigins, o => Assert.False(Directory.Exists(Path.Combine(tree.Directory, o))));
        foreach (var (port, missing) in tree.PortsWithMissingDependency.Zip(tree.MissingOrigins))
        {
            Assert.Contains(missing, File.ReadAllText(Path.Combine(tree.Directory, port, "Makefile")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PortsTreeGenerator.Generate(_temp.Path, new PortsTreeGeneratorOptions { PortCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortsTreeGenerator.Generate(_temp.Path, new PortsTreeGeneratorOptions { PortCount = 2, AddCycle = true }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortsTreeGenerator.Generate(_temp.Path, new PortsTreeGeneratorOptions { PortCount = 10, MissingDependencyCount = 10 }));
    }

    private static List<string> FindCycle(GeneratedPortsTree tree)
    {
        var next = tree.Edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().ToList());
        var inDegree = tree.Nodes.ToDictionary(n => n, _ => 0);
        foreach (var edge in tree.Edges.DistinctBy(e => (e.From, e.To)))
        {
            inDegree[edge.To]++;
        }

        var ready = new Queue<string>(inDegree.Where(p => p.Value == 0).Select(p => p.Key));
        while (ready.TryDequeue(out var node))
        {
            inDegree.Remove(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (--inDegree[to] == 0)
                {
                    ready.Enqueue(to);
                }
            }
        }

        return [.. inDegree.Keys];
    }

    private static List<(string Path, string Text)> Snapshot(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(root, f), File.ReadAllText(f)))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)];

    public void Dispose() => _temp.Dispose();
}
