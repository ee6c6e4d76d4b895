using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Samples;

/// <summary>dsynth's 17-variable query over every port and flavor of samples/ports, with real bmake.</summary>
public sealed class SampleTreeQueryTests : IDisposable
{
    private readonly TempDirectory _localBase = new("gosynth-localbase-");
    private readonly PortsTreeQuery _query;

    public SampleTreeQueryTests()
    {
        _query = new PortsTreeQuery(RepositoryPaths.SamplePorts, _localBase.Path);
    }

    public static TheoryData<string> Nodes => [.. SampleTreeAnswers.Expected.Keys];

    [Theory]
    [MemberData(nameof(Nodes))]
    public async Task Query_EveryPortAndFlavor_AnswersDocumentedValues(string node)
    {
        Bmake.Require();
        var (origin, flavor) = Split(node);

        var result = await _query.QueryAsync(origin, flavor, TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(17, result.Lines.Count);
        var expected = SampleTreeAnswers.Lines(node, _query.Tree, _query.LocalBase, onHost: true);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == result.Lines[i], $"{node} {PortsTreeQuery.Variables[i]}: expected '{expected[i]}', got '{result.Lines[i]}'");
        }
    }

    [Fact]
    public async Task Query_AllPortsOfTree_CoveredByDocumentedAnswers()
    {
        Bmake.Require();
        var nodes = new List<string>();
        foreach (var origin in _query.Origins())
        {
            var result = await _query.QueryAsync(origin, null, TestContext.Current.CancellationToken);
            Assert.True(result.ExitCode == 0, origin + ": " + result);
            nodes.Add(origin);
            var flavors = result.Lines[15].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            nodes.AddRange(flavors.Select(f => origin + "@" + f));
        }

        Assert.Equal(SampleTreeAnswers.Expected.Keys.Order(StringComparer.Ordinal), nodes.Order(StringComparer.Ordinal));
        Assert.True(_query.Origins().Count >= 15);
        Assert.True(_query.Origins().Select(o => o.Split('/')[0]).Distinct().Count() >= 4);
        Assert.Contains("ports-mgmt/pkg", _query.Origins());
    }

    [Fact]
    public async Task Dependencies_WholeTree_UseEveryKindAndFormAndFormAnAcyclicGraph()
    {
        Bmake.Require();
        var edges = new List<(string From, PortDependency Dependency)>();
        var raw = new List<string>();
        foreach (var node in SampleTreeAnswers.Expected.Keys)
        {
            var (origin, flavor) = Split(node);
            var result = await _query.QueryAsync(origin, flavor, TestContext.Current.CancellationToken);
            for (var kind = 0; kind < 6; kind++)
            {
                var value = result.Lines[6 + kind];
                raw.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                foreach (var dependency in DependencyParser.Parse((DependencyKind)(kind + 1), value, _query.Tree))
                {
                    edges.Add((node, dependency));
                }
            }
        }

        Assert.Equal(Enum.GetValues<DependencyKind>().Order(), edges.Select(e => e.Dependency.Kind).Distinct().Order());
        Assert.Contains(raw, t => t.Contains(">=", StringComparison.Ordinal));
        Assert.Contains(raw, t => t.StartsWith("lib", StringComparison.Ordinal) && t.Contains(".so:", StringComparison.Ordinal));
        Assert.Contains(raw, t => t.StartsWith(_query.LocalBase + "/", StringComparison.Ordinal));
        Assert.Contains(raw, t => t.StartsWith("/nonexistent:", StringComparison.Ordinal));
        Assert.Contains(raw, t => t.Contains(":" + _query.Tree + "/", StringComparison.Ordinal));
        Assert.Contains(edges, e => e.Dependency.MakeTarget is not null);
        Assert.Contains(edges, e => e.Dependency.Port.Flavor == "gui");

        // Every dependency names a port of the tree, and the graph has no cycle.
        var origins = _query.Origins().ToHashSet(StringComparer.Ordinal);
        Assert.All(edges, e => Assert.Contains(e.Dependency.Port.Origin, origins));
        var next = edges.GroupBy(e => CanonicalNode(e.From), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => Canonical(e.Dependency.Port)).ToList(), StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in SampleTreeAnswers.Expected.Keys)
        {
            AssertNoCycle(CanonicalNode(node), next, state, []);
        }

        // editors/tedit and editors/tedit@tty are one node, so are textproc/spell and textproc/spell@de: 23 nodes,
        // 19 distinct typed edges on FreeBSD (README), one more on a host without base ncurses (misc/termclock -> devel/ncurses).
        var distinct = edges.Select(e => (From: CanonicalNode(e.From), e.Dependency.Kind, To: Canonical(e.Dependency.Port))).Distinct().ToList();
        Assert.Equal(23, SampleTreeAnswers.Expected.Keys.Select(CanonicalNode).Distinct().Count());
        Assert.Equal(19 + SampleTreeAnswers.OnHost().Count, distinct.Count);
    }

    internal static (string Origin, string? Flavor) Split(string node)
    {
        var at = node.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (node, null) : (node[..at], node[(at + 1)..]);
    }

    // A flavored port without a flavor is its default flavor: editors/tedit is editors/tedit@tty, and textproc/spell,
    // which sets FLAVOR itself, is textproc/spell@de.
    private static string Canonical(PortId port) => (port.Origin, port.Flavor) switch
    {
        ("editors/tedit", null) => "editors/tedit@tty",
        ("textproc/spell", null) => "textproc/spell@de",
        _ => port.ToString(),
    };

    private static string CanonicalNode(string node)
    {
        var (origin, flavor) = Split(node);
        return Canonical(new PortId(origin, flavor));
    }

    private static void AssertNoCycle(string node, Dictionary<string, List<string>> next, Dictionary<string, int> state, List<string> path)
    {
        if (state.TryGetValue(node, out var s))
        {
            Assert.True(s == 2, "cycle: " + string.Join(" -> ", path.Append(node)));
            return;
        }

        state[node] = 1;
        path.Add(node);
        foreach (var dependency in next.GetValueOrDefault(node) ?? [])
        {
            AssertNoCycle(dependency, next, state, path);
        }

        path.RemoveAt(path.Count - 1);
        state[node] = 2;
    }

    public void Dispose() => _localBase.Dispose();
}
