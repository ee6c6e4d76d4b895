using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>A generated tree evaluated by real bmake: the scan finds exactly the generator's nodes and edges.</summary>
public sealed class GeneratedTreeScanTests
{
    [Fact]
    public async Task ScanEverything_GeneratedTreeThroughBmake_FindsEveryNodeAndEdge()
    {
        MiniPortsTree.RequireBmake();
        using var dir = new TempDirectory();
        var tree = PortsTreeGenerator.Generate(dir.Combine("ports"), new PortsTreeGeneratorOptions { PortCount = 150 });
        var options = new PkgOptions
        {
            PortsDirectory = tree.Directory,
            MakeProgram = "bmake",
            Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
            WorkDirectory = dir.Combine("work"),
            CacheDirectory = dir.Combine("cache"),
        };

        var cold = await new PortScanner(options, new GoSynth.Environment.Processes.ProcessRunner()).ScanToListAsync(ScanRequest.Everything, cancellationToken: TestContext.Current.CancellationToken);
        var warm = await new PortScanner(options, new GoSynth.Environment.Processes.ProcessRunner()).ScanToListAsync(ScanRequest.Everything, cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(cold.Results, r => Assert.True(r.Status == PortQueryStatus.Found, r.Error));
        Assert.Equal(tree.Nodes.Order(StringComparer.Ordinal), cold.Results.Select(r => r.Id.ToString()).Where(id => tree.Nodes.Contains(id)));
        var edges = cold.Results
            .SelectMany(r => r.Metadata!.Dependencies.Select(d => (From: r.Id.ToString(), Kind: d.Kind.ToString().ToUpperInvariant(), To: d.Port.ToString())))
            .ToHashSet();
        foreach (var edge in tree.Edges)
        {
            Assert.Contains((edge.From, edge.Kind.ToUpperInvariant(), edge.To), edges);
        }

        Assert.Equal(0, warm.Queried);
        Assert.Equal(ResultText.Of(cold.Results), ResultText.Of(warm.Results));
    }
}
