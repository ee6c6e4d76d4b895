using GoSynth.Builder.Scheduling;

namespace GoSynth.Builder.Tests.Scheduling;

/// <summary>Random DAGs of ports-like shape for property tests: each node depends on a few earlier nodes.</summary>
internal static class RandomDag
{
    public static (SchedulingProblem Problem, TimeSpan[] Durations, List<(int Dependent, int Dependency)> Edges) Create(int seed, int count, int maxDeps = 4)
    {
        var random = new Random(seed);
        var edges = new List<(int, int)>();
        for (var v = 1; v < count; v++)
        {
            var deps = random.Next(maxDeps + 1);
            var chosen = new HashSet<int>();
            for (var k = 0; k < deps; k++)
            {
                var u = random.NextDouble();
                chosen.Add((int)(v * u * u));
            }

            edges.AddRange(chosen.Select(d => (v, d)));
        }

        var durations = Enumerable.Range(0, count).Select(_ => TimeSpan.FromSeconds(1 + random.Next(300))).ToArray();
        var names = Enumerable.Range(0, count).Select(i => $"cat/p{i:D4}").ToArray();
        return (SchedulingProblem.Create(names, edges, durations), durations, edges);
    }

    public static HashSet<int> Descendants(IEnumerable<int> roots, List<(int Dependent, int Dependency)> edges)
    {
        var dependents = edges.ToLookup(e => e.Dependency, e => e.Dependent);
        var seen = new HashSet<int>();
        var stack = new Stack<int>(roots);
        while (stack.Count > 0)
        {
            foreach (var d in dependents[stack.Pop()])
            {
                if (seen.Add(d))
                {
                    stack.Push(d);
                }
            }
        }

        return seen;
    }
}
