using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;
using GoSynth.Pkg.Scanning.Internal;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>The tree's MOVED file: moves (and chains of them) replace a requested port, a removal is reported as such.</summary>
public sealed class MovedPortsTests
{
    private static readonly MovedPorts Moved = MovedPorts.Parse(
    [
        "# comment",
        "",
        "devel/old|devel/new|2024-01-02|Renamed",
        "devel/a|devel/b|2020-01-01|first move",
        "devel/b|devel/c|2021-01-01|second move",
        "devel/gone||2024-06-30|Has expired: unmaintained",
        "devel/x|devel/y|2022-01-01|x to y",
        "devel/y|devel/x|2023-01-01|y back to x",
        "lang/py-foo@py39|lang/py-foo@py311|2025-01-01|Python 3.9 is gone",
        "not a line",
    ]);

    private static bool Exists(string origin) => origin is "devel/new" or "devel/c" or "lang/py-foo";

    [Fact]
    public void Resolve_MovedPort_ReplacedByDestinationWithANote()
    {
        var resolution = Moved.Resolve("devel/old", null, Exists);

        Assert.Null(resolution.Final);
        Assert.Equal("devel/new", resolution.Origin);
        Assert.Equal(["devel/old moved to devel/new on 2024-01-02: Renamed"], resolution.Notes);
    }

    [Fact]
    public void Resolve_ChainOfMoves_FollowedToTheEndKeepingTheFlavor()
    {
        var resolution = Moved.Resolve("devel/a", "f", Exists);

        Assert.Null(resolution.Final);
        Assert.Equal(("devel/c", "f"), (resolution.Origin, resolution.Flavor));
        Assert.Equal(["devel/a moved to devel/b on 2020-01-01: first move", "devel/b moved to devel/c on 2021-01-01: second move"], resolution.Notes);
    }

    [Fact]
    public void Resolve_RemovedPort_IsRemovedWithDateAndReason()
    {
        var resolution = Moved.Resolve("devel/gone", null, Exists);

        var final = Assert.IsType<PortQueryResult>(resolution.Final);
        Assert.Equal(PortQueryStatus.Removed, final.Status);
        Assert.Equal(new PortId("devel/gone"), final.Id);
        Assert.Equal("devel/gone: devel/gone was removed from the ports tree on 2024-06-30: Has expired: unmaintained (MOVED).", final.Error);
    }

    [Fact]
    public void Resolve_Loop_IsNotFoundNamingTheLoop()
    {
        var resolution = Moved.Resolve("devel/x", null, Exists);

        var final = Assert.IsType<PortQueryResult>(resolution.Final);
        Assert.Equal(PortQueryStatus.NotFound, final.Status);
        Assert.Contains("devel/x -> devel/y -> devel/x", final.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExistingPortOrNoEntry_Unchanged()
    {
        var existing = Moved.Resolve("devel/new", null, Exists);
        var unknown = Moved.Resolve("devel/unknown", null, Exists);

        Assert.Equal(("devel/new", 0), (existing.Origin, existing.Notes.Length));
        Assert.Equal(("devel/unknown", 0), (unknown.Origin, unknown.Notes.Length));
        Assert.Null(unknown.Final);
    }

    [Fact]
    public void Resolve_FlavoredEntry_MovesThatFlavorOnly()
    {
        var py39 = Moved.Resolve("lang/py-foo", "py39", _ => false);
        var py310 = Moved.Resolve("lang/py-foo", "py310", _ => false);

        Assert.Equal(("lang/py-foo", "py311"), (py39.Origin, py39.Flavor));
        Assert.Single(py39.Notes);
        Assert.Empty(py310.Notes);
    }

    [Fact]
    public async Task Scan_SampleTreeMovedAndRemovedPorts_FollowedAndReported()
    {
        MiniPortsTree.RequireBmake();
        using var work = new TempDirectory();
        var scanner = new PortScanner(
            new PkgOptions
            {
                PortsDirectory = RepositoryPaths.SamplePorts,
                MakeProgram = "bmake",
                Profile = GoSynth.Pkg.Profiles.TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
                WorkDirectory = work.Combine("work"),
            },
            new GoSynth.Environment.Processes.ProcessRunner());
        var request = ScanRequest.For(new[] { "editors/textedit", "misc/greeter", "sysutils/swapinfo" }.Select(scanner.ParseSpec));

        var scan = await scanner.ScanToListAsync(request, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["editors/tedit@tty", "misc/hello", "sysutils/swapinfo"], scan.Roots.Select(r => r.ToString()));
        Assert.Equal(
            [
                "editors/textedit moved to editors/tedit on 2024-03-01: Renamed to match the program's name",
                "misc/greeter moved to misc/hello-world on 2023-05-01: Renamed upstream",
                "misc/hello-world moved to misc/hello on 2024-02-01: Merged into misc/hello",
            ],
            scan.Notes);
        var removed = Assert.Single(scan.Results, r => r.Id.Origin == "sysutils/swapinfo");
        Assert.Equal(PortQueryStatus.Removed, removed.Status);
        Assert.Contains("removed from the ports tree on 2024-06-30: Has expired", removed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(scan.Results, r => r.Id.Origin is "editors/textedit" or "misc/greeter");
        Assert.All(scan.Results.Where(r => r.Id.Origin != "sysutils/swapinfo"), r => Assert.Equal(PortQueryStatus.Found, r.Status));
    }
}
