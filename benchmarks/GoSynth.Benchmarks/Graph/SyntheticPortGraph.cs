using System.Globalization;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Benchmarks.Graph;

/// <summary>
/// Generates a ports-like graph: each port has 0–8 dependencies (mostly 1–4), and dependency targets are drawn with a
/// heavy-tailed (Zipf-like) bias so a few ports (the gmake, pkgconf, gettext of the tree) have thousands of
/// dependents while most have a handful. Durations are drawn from real poudriere build times.
/// </summary>
internal static class SyntheticPortGraph
{
    private static readonly string[] Categories =
        ["devel", "lang", "www", "textproc", "graphics", "net", "security", "sysutils", "x11", "math", "audio", "databases"];

    public static List<PortQueryResult> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var ids = new PortId[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = new PortId($"{Categories[i % Categories.Length]}/port{i:D5}");
        }

        var results = new List<PortQueryResult>(count + 1)
        {
            PortQueryResult.Found(new PortMetadata { Id = new PortId(PortGraph.BootstrapOrigin), Version = "2.1.0", PackageFile = "pkg-2.1.0.pkg" }),
        };
        var dependencyCounts = new[] { 0, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8 };
        for (var i = 0; i < count; i++)
        {
            // Ports generated earlier are the "lower" layers; a port depends only on earlier ones, so the graph is a DAG.
            var deps = i == 0 ? 0 : dependencyCounts[random.Next(dependencyCounts.Length)];
            var dependencies = new List<PortDependency>(deps);
            for (var k = 0; k < deps; k++)
            {
                // Zipf-like: index ~ i * u^3 concentrates on the first (most depended-on) ports.
                var u = random.NextDouble();
                var target = (int)(i * u * u * u);
                var kind = (DependencyKind)random.Next(1, 7);
                dependencies.Add(new PortDependency(kind, ids[target], ids[target].Name, null, ids[target].Name + ":" + ids[target].Origin));
            }

            var ignored = random.Next(400) == 0 ? "is marked as broken" : null;
            results.Add(PortQueryResult.Found(new PortMetadata
            {
                Id = ids[i],
                Version = "1.0",
                PackageFile = ids[i].Name + "-1.0.pkg",
                Dependencies = [.. dependencies],
                IgnoreReason = ignored,
            }));
        }

        return results;
    }

    /// <summary>Expected durations: each port gets a duration of a real successful build from the bundled history.</summary>
    public static Dictionary<PortId, TimeSpan> Durations(IEnumerable<PortQueryResult> results, int seed)
    {
        var path = Path.Combine(RepositoryPaths.TestData, "build-times", "durations.tsv");
        var samples = File.ReadLines(path)
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(f => f[3] == "Finished" && f[4] == "Success")
            .Select(f => TimeSpan.FromSeconds(double.Parse(f[7], CultureInfo.InvariantCulture)))
            .ToArray();
        var random = new Random(seed);
        return results.ToDictionary(r => r.Id, _ => samples[random.Next(samples.Length)]);
    }
}
