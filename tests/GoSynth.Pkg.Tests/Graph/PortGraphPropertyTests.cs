using CsCheck;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Graph;

/// <summary>Properties on random graphs: every generated case is checked against the definition, not a recorded answer.</summary>
public sealed class PortGraphPropertyTests
{
    /// <summary>A random graph shape: node count, an RNG seed for the edges, and edge density.</summary>
    private static readonly Gen<(int Nodes, int Seed, int MaxDeps)> Shapes =
        Gen.Select(Gen.Int[1, 80], Gen.Int, Gen.Int[0, 6]);

    private static string Name(int i) => $"cat{i % 7}/port{i:D3}";

    /// <summary>A DAG: node i depends only on nodes with a larger rank, ranks shuffled so names do not reveal the order.</summary>
    private static Dictionary<int, List<(int Target, DependencyKind Kind)>> RandomDag(int nodes, int seed, int maxDeps)
    {
        var random = new Random(seed);
        var rank = Enumerable.Range(0, nodes).OrderBy(_ => random.Next()).ToArray();
        var byRank = new int[nodes];
        for (var i = 0; i < nodes; i++)
        {
            byRank[rank[i]] = i;
        }

        var edges = new Dictionary<int, List<(int, DependencyKind)>>();
        for (var i = 0; i < nodes; i++)
        {
            var list = edges[i] = [];
            var count = random.Next(maxDeps + 1);
            for (var k = 0; k < count && rank[i] + 1 < nodes; k++)
            {
                var target = byRank[random.Next(rank[i] + 1, nodes)];
                list.Add((target, (DependencyKind)random.Next(1, 7)));
            }
        }

        return edges;
    }

    private static GraphBuilder ToBuilder(Dictionary<int, List<(int Target, DependencyKind Kind)>> edges)
    {
        var builder = new GraphBuilder();
        foreach (var (node, deps) in edges)
        {
            builder.Port(Name(node), p =>
            {
                foreach (var (target, kind) in deps)
                {
                    p.DependsOn(kind, Name(target));
                }
            });
        }

        return builder;
    }

    [Fact]
    public void TopologicalOrder_RandomDags_CompleteAndEveryDependencyFirst()
    {
        Shapes.Sample(shape =>
        {
            var edges = RandomDag(shape.Nodes, shape.Seed, shape.MaxDeps);
            var graph = ToBuilder(edges).Build();
            var order = graph.TopologicalOrder;

            Assert.Equal(graph.Count, order.Length);
            Assert.Equal(graph.Count, order.Select(n => n.Index).Distinct().Count());
            Assert.Same(graph.Bootstrap, order[0]);
            var position = order.Select((n, i) => (n, i)).ToDictionary(x => x.n.Id, x => x.i);
            foreach (var (node, deps) in edges)
            {
                foreach (var (target, _) in deps)
                {
                    Assert.True(position[new PortId(Name(target))] < position[new PortId(Name(node))], $"{Name(target)} must precede {Name(node)}");
                }
            }

            Assert.Equal(edges.Values.Sum(d => d.Distinct().Count()), graph.EdgeCount);
        }, iter: 200);
    }

    [Fact]
    public void ComputePriorities_RandomDagsAndWeights_AtLeastWeightPlusEveryDependent()
    {
        Gen.Select(Shapes, Gen.Int).Sample((shape, weightSeed) =>
        {
            var graph = ToBuilder(RandomDag(shape.Nodes, shape.Seed, shape.MaxDeps)).Build();
            var random = new Random(weightSeed);
            var table = graph.Nodes.ToDictionary(n => n.Id, _ => Math.Round(random.NextDouble() * 100, 2));
            var weights = new TableWeights(table);

            var priorities = graph.ComputePriorities(weights);

            foreach (var node in graph.Nodes)
            {
                var own = table[node.Id];
                Assert.True(priorities[node] >= own);
                foreach (var edge in node.Dependents)
                {
                    Assert.True(priorities[node] >= own + priorities[edge.Dependent]);
                }

                // Tight: the priority is reached by its own weight alone or through some dependent (or, for pkg, anything after it).
                var after = node.IsBootstrap
                    ? graph.Nodes.Where(n => !n.IsBootstrap && !graph.GetTransitiveDependencies(graph.Bootstrap).Contains(n)).Select(n => priorities[n])
                    : node.Dependents.Select(e => priorities[e.Dependent]);
                Assert.Equal(own + after.DefaultIfEmpty(0).Max(), priorities[node], 6);
            }
        }, iter: 150);
    }

    [Fact]
    public void Build_RandomGraphsWithInjectedCycles_EveryCycleFoundAndReal()
    {
        Gen.Select(Shapes, Gen.Int[1, 3]).Sample((shape, cycleCount) =>
        {
            var random = new Random(shape.Seed);
            var components = new List<Dictionary<int, List<(int Target, DependencyKind Kind)>>>();
            var edges = new Dictionary<int, List<(int Target, DependencyKind Kind)>>();
            var offset = 0;
            for (var c = 0; c < cycleCount; c++)
            {
                // An independent random DAG per component, then one back edge from a reachable node to its ancestor.
                var dag = RandomDag(shape.Nodes, random.Next(), Math.Max(1, shape.MaxDeps));
                var from = random.Next(shape.Nodes);
                var reachable = Reachable(dag, from);
                var to = reachable[random.Next(reachable.Count)];
                dag[to].Add((from, DependencyKind.Run));
                foreach (var (node, deps) in dag)
                {
                    edges[node + offset] = [.. deps.Select(d => (d.Target + offset, d.Kind))];
                }

                offset += shape.Nodes;
            }

            var ex = Assert.Throws<PortGraphCycleException>(() => ToBuilder(edges).Build());

            Assert.Equal(cycleCount, ex.Cycles.Length);
            foreach (var cycle in ex.Cycles)
            {
                Assert.True(cycle.Length >= 2);
                Assert.Equal(cycle[0], cycle[^1]);
                Assert.Equal(cycle.Length - 1, cycle.Take(cycle.Length - 1).Distinct().Count());
                for (var i = 0; i + 1 < cycle.Length; i++)
                {
                    var from = NameIndex(cycle[i]);
                    var to = NameIndex(cycle[i + 1]);
                    Assert.Contains(edges[from], d => d.Target == to);
                }
            }

            Assert.Contains(PortGraphCycleException.Format(ex.Cycle), ex.Message, StringComparison.Ordinal);
        }, iter: 150);
    }

    [Fact]
    public void States_RandomDagsWithBadPorts_UnbuildableExactlyWhenSomethingBelowIsBadAndNotNeededWhenOnlyBadNeedIt()
    {
        Gen.Select(Shapes, Gen.Int).Sample((shape, badSeed) =>
        {
            var edges = RandomDag(shape.Nodes, shape.Seed, shape.MaxDeps);
            var random = new Random(badSeed);
            var bad = new Dictionary<int, PortNodeState>();
            var builder = new GraphBuilder();
            foreach (var (node, deps) in edges)
            {
                var roll = random.Next(12);
                if (roll == 0)
                {
                    bad[node] = PortNodeState.NotFound;
                    builder.NotFound(Name(node));
                    continue;
                }

                if (roll == 1)
                {
                    bad[node] = PortNodeState.Corrupt;
                    builder.Corrupt(Name(node));
                    continue;
                }

                builder.Port(Name(node), p =>
                {
                    if (roll == 2)
                    {
                        bad[node] = PortNodeState.Ignored;
                        p.Ignore("ignored " + node);
                    }

                    foreach (var (target, kind) in deps)
                    {
                        p.DependsOn(kind, Name(target));
                    }
                });
            }

            var graph = builder.Build();
            bool Blocked(int node) => Reachable(edges, node).Where(n => n != node).Any(bad.ContainsKey);

            // Needed: buildable, and nothing depends on it or something buildable and needed does.
            var needed = new Dictionary<int, bool>();
            bool Needed(int node)
            {
                if (!needed.TryGetValue(node, out var value))
                {
                    // A not found or corrupt port has no dependencies in the graph (the builder adds none for it).
                    var dependents = edges
                        .Where(e => e.Value.Any(d => d.Target == node) && bad.GetValueOrDefault(e.Key, PortNodeState.Ignored) == PortNodeState.Ignored)
                        .Select(e => e.Key).ToList();
                    value = !bad.ContainsKey(node) && !Blocked(node) && (dependents.Count == 0 || dependents.Any(Needed));
                    needed[node] = value;
                }

                return value;
            }

            foreach (var (node, _) in edges)
            {
                var graphNode = graph[new PortId(Name(node))];
                if (bad.TryGetValue(node, out var own))
                {
                    Assert.Equal(own, graphNode.State);
                    continue;
                }

                var blocked = Blocked(node);
                Assert.Equal(blocked ? PortNodeState.Unbuildable : Needed(node) ? PortNodeState.Buildable : PortNodeState.NotNeeded, graphNode.State);
                if (graphNode.State == PortNodeState.NotNeeded)
                {
                    Assert.StartsWith("not needed: only needed by ", graphNode.Reason, StringComparison.Ordinal);
                    Assert.All(graphNode.Dependents, e => Assert.False(e.Dependent.CanBuild));
                    continue;
                }

                if (!blocked)
                {
                    Assert.Null(graphNode.Reason);
                    continue;
                }

                // The chain of BlockedBy is made of real direct dependencies and ends at a bad port named in the reason.
                var at = graphNode;
                while (at.State == PortNodeState.Unbuildable)
                {
                    Assert.Contains(at.Dependencies, e => ReferenceEquals(e.Dependency, at.BlockedBy));
                    at = at.BlockedBy!;
                }

                Assert.Contains(at.State, (PortNodeState[])[PortNodeState.NotFound, PortNodeState.Corrupt, PortNodeState.Ignored]);
                Assert.EndsWith($"{at.Id}, which " + (at.State switch
                {
                    PortNodeState.Ignored => "is ignored: " + at.Reason,
                    PortNodeState.NotFound => "was not found: " + at.Reason,
                    _ => "is corrupt: " + at.Reason,
                }), graphNode.Reason, StringComparison.Ordinal);
            }
        }, iter: 150);
    }

    [Fact]
    public void TransitiveDependencies_RandomDags_EqualReachableSetInTopologicalOrder()
    {
        Shapes.Sample(shape =>
        {
            var edges = RandomDag(shape.Nodes, shape.Seed, shape.MaxDeps);
            var graph = ToBuilder(edges).Build();

            foreach (var (node, _) in edges)
            {
                var expected = Reachable(edges, node).Where(n => n != node).Select(n => Name(n)).Order(StringComparer.Ordinal);
                var actual = graph.GetTransitiveDependencies(graph[new PortId(Name(node))]);

                Assert.Equal(expected, actual.Select(n => n.Id.ToString()).Order(StringComparer.Ordinal));
                Assert.Equal(actual.Select(graph.TopologicalPosition).Order(), actual.Select(graph.TopologicalPosition));
            }
        }, iter: 100);
    }

    private static int NameIndex(PortId id) => int.Parse(id.Name["port".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static List<int> Reachable(Dictionary<int, List<(int Target, DependencyKind Kind)>> dag, int from)
    {
        var seen = new HashSet<int> { from };
        var pending = new Stack<int>([from]);
        while (pending.Count > 0)
        {
            foreach (var (target, _) in dag[pending.Pop()])
            {
                if (seen.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        return [.. seen.Order()];
    }

    private sealed class TableWeights(Dictionary<PortId, double> table) : IPortWeights
    {
        public double GetWeight(PortNode node) => table[node.Id];
    }
}
