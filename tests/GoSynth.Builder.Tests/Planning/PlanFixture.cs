using GoSynth.Builder.Planning;
using GoSynth.Pkg.Fingerprints;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Planning;

/// <summary>
/// A ports tree, a repository and a history in which every port of a graph is up to date; tests change one thing.
/// </summary>
internal sealed class PlanFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public PlanFixture(PortGraph graph)
    {
        Graph = graph;
        Directory.CreateDirectory(Ports);
        Directory.CreateDirectory(Repository);
        Directory.CreateDirectory(Path.Combine(Ports, "Mk"));
        File.WriteAllText(Path.Combine(Ports, "Mk", "bsd.port.mk"), "# framework\n");
        var built = DateTimeOffset.UtcNow.AddHours(-1);
        foreach (var node in graph.Nodes.Where(n => n.State == PortNodeState.Buildable))
        {
            var dir = Path.Combine(Ports, node.Id.Origin);
            Directory.CreateDirectory(Path.Combine(dir, "files"));
            File.WriteAllText(Path.Combine(dir, "Makefile"), $"PORTNAME={node.Id.Name}\n");
            File.WriteAllText(Path.Combine(dir, "files", "patch-main.c"), "--- a\n+++ b\n");
            foreach (var file in new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                file.LastWriteTimeUtc = built.UtcDateTime.AddMinutes(-5);
            }

            File.WriteAllText(Path.Combine(Repository, node.Metadata!.PackageFile), "pkg");
            History.SetLastSuccess(node.Id, new PreviousBuild(node.Metadata.Version, node.Metadata.PackageFile, PortFingerprint.Compute(dir), built)
            {
                Options = node.Metadata.SelectedOptions,
                FrameworkFingerprint = PortFingerprint.Compute(Path.Combine(Ports, "Mk")),
                Dependencies = [.. graph.GetDirectDependencies(node).Select(d => d.Id.ToString())],
            });
        }
    }

    public PortGraph Graph { get; }

    public string Ports => _dir.Combine("ports");

    public string Repository => _dir.Combine("packages", "All");

    public BuildHistorySnapshot History { get; } = new();

    public BuildPlan Plan(params PortId[] force) =>
        BuildPlanner.Create(Graph, History, new PlanOptions { PortsDirectory = Ports, RepositoryDirectory = Repository, Force = force });

    public PreviousBuild Previous(string id) => History.GetLastSuccess(Id(id))!;

    public static PortId Id(string id) => PortId.TryParse(id, out var port) ? port.Value : throw new ArgumentException(id);

    public void Dispose() => _dir.Dispose();
}
