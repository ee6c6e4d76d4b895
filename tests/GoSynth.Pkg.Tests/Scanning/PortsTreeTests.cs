using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

public sealed class PortsTreeTests
{
    [Fact]
    public void EnumerateOrigins_TreeWithFrameworkAndDotDirectories_ListsOnlyPortsWithMakefiles()
    {
        using var dir = new TempDirectory();
        foreach (var path in new[]
        {
            "devel/b/Makefile", "devel/a/Makefile", "lang/py/Makefile", "Mk/Uses/Makefile", "Templates/x/Makefile",
            "Tools/scripts/Makefile", "distfiles/foo/Makefile", "packages/All/Makefile", ".git/hooks/Makefile",
            "devel/.hidden/Makefile", "devel/nomakefile/pkg-descr", "devel/Makefile", "Makefile",
        })
        {
            dir.WriteFile(path, "");
        }

        Assert.Equal(["devel/a", "devel/b", "lang/py"], PortsTree.EnumerateOrigins(dir.Path));
    }

    [Fact]
    public void EnumerateOrigins_SampleTree_FindsItsTwentyOnePorts()
    {
        var origins = PortsTree.EnumerateOrigins(RepositoryPaths.SamplePorts);

        Assert.Equal(21, origins.Length);
        Assert.Contains("ports-mgmt/pkg", origins);
        Assert.DoesNotContain(origins, o => o.StartsWith("Mk/", StringComparison.Ordinal) || o.StartsWith("Tools/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScanEverything_FlavoredPort_EveryFlavorIsARoot()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("lang/py", "PORTNAME=py\nPORTVERSION=3.11\nFLAVORS=py311 py312\n");
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1\n");
        var scanner = new PortScanner(tree.Options(), new GoSynth.Environment.Processes.ProcessRunner());

        var scan = await scanner.ScanToListAsync(ScanRequest.Everything, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["devel/app", "lang/py@py311", "lang/py@py312", "ports-mgmt/pkg"], scan.Roots.Select(r => r.ToString()));
        Assert.Equal(scan.Roots, scan.Results.Select(r => r.Id));
    }
}
