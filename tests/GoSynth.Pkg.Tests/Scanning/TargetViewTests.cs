using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Profiles.Internal;
using GoSynth.Pkg.Scanning;
using GoSynth.Pkg.Scanning.Internal;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>A FreeBSD profile on Linux evaluates the tree in the target's view: exists() and shell probes see FreeBSD's base system.</summary>
public sealed class TargetViewTests
{
    private static void RequireView(PkgOptions options)
    {
        MiniPortsTree.RequireBmake();
        if (TargetView.Unavailable(TargetBaseSystem.For(options.ResolveProfile()), options.SearchPath) is { } why)
        {
            Assert.Skip("the target view is unavailable here: " + why);
        }
    }

    private static PkgOptions SampleOptions(TempDirectory work, bool view) => new()
    {
        PortsDirectory = RepositoryPaths.SamplePorts,
        MakeProgram = "bmake",
        Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
        WorkDirectory = work.Combine("work"),
        SearchPath = "/usr/bin:/bin",
        UseTargetView = view,
    };

    private static async Task<(PortScanResult Scan, CountingProcessRunner Runner)> ScanAsync(PkgOptions options, params string[] ports)
    {
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());
        var scanner = new PortScanner(options, runner);
        var scan = await scanner.ScanToListAsync(ScanRequest.For(ports.Select(scanner.ParseSpec)), cancellationToken: TestContext.Current.CancellationToken);
        return (scan, runner);
    }

    [Fact]
    public async Task Scan_SamplePortProbingBaseNcurses_AnswersTheFreeBsdWayOnlyInTheView()
    {
        using var work = new TempDirectory();
        RequireView(SampleOptions(work, view: true));
        if (File.Exists("/usr/lib/libncursesw.so"))
        {
            Assert.Skip("this host has /usr/lib/libncursesw.so itself: both views agree");
        }

        var (inView, runner) = await ScanAsync(SampleOptions(work, view: true), "misc/termclock");
        var (onHost, _) = await ScanAsync(SampleOptions(work, view: false), "misc/termclock");

        var target = inView.Results.Single(r => r.Id.Origin == "misc/termclock").Metadata!;
        var host = onHost.Results.Single(r => r.Id.Origin == "misc/termclock").Metadata!;
        Assert.Empty(target.Dependencies);
        Assert.DoesNotContain(inView.Results, r => r.Id.Origin == "devel/ncurses");
        Assert.Contains(host.Dependencies, d => d.Kind == DependencyKind.Lib && d.Port.Origin == "devel/ncurses");
        Assert.Contains(runner.Specs, s => s.FileName == "unshare");
        Assert.All(runner.Specs.Where(s => s.FileName != "unshare"), s => Assert.Equal("bmake", s.FileName));
        Assert.Equal(3, runner.Specs.Count(s => s.FileName == "bmake" && s.MountNamespace is not null)); // the framework probe, termclock, pkg
        Assert.All(runner.Specs.Where(s => s.MountNamespace is not null), s => Assert.Equal(TargetView.SpawnThreads, s.MountNamespace!.Threads)); // as many spawns at once as on the host
    }

    [Fact]
    public async Task Scan_InTheView_ProbesSeeTheTargetBaseSystemAndNotTheHost()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        var options = tree.Options();
        options.UseTargetView = true;
        RequireView(options);
        string[] probed = ["/usr/include/sys/param.h", "/usr/lib/libcrypto.so", "/usr/lib32", "/usr/bin/groff", "/usr/bin/gcc", "/etc/os-release", "/etc/debian_version", "/home"];
        var body = "PORTNAME=probe\nPORTVERSION=1.0\n";
        for (var i = 0; i < probed.Length; i++)
        {
            body += $".if exists({probed[i]})\nDIST_SUBDIR+=\t{i}\n.endif\n";
        }

        body += "_SHELL!=\t[ -e /usr/include/iconv.h ] && echo iconv; [ -e /etc/passwd ] && echo passwd; true\nALLFILES=\t${_SHELL}\n";
        tree.AddPort("devel/probe", body);

        var (scan, _) = await ScanAsync(options, "devel/probe");

        var m = scan.Results.Single(r => r.Id.Origin == "devel/probe");
        Assert.True(m.Metadata is not null, m.Error);
        Assert.Equal("0 1 2", m.Metadata.DistSubdir);
        Assert.Equal(["iconv"], m.Metadata.AllFiles);
    }

    [Fact]
    public async Task Scan_InTheView_HostilePortsCannotWedgeTheOthers()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        var options = tree.Options();
        options.UseTargetView = true;
        options.QueryTimeout = TimeSpan.FromSeconds(3);
        RequireView(options);
        // Binary junk on stderr, a 200,000-byte answer line, a port that never ends, and an ordinary port.
        tree.AddPort("devel/junk", "_J!=\tprintf 'junk\\377\\376\\001\\n' >&2; echo\nPORTNAME=junk\nPORTVERSION!=\tawk 'BEGIN { for (i = 0; i < 200000; i++) printf \"7\"; print \"\" }'\n");
        tree.AddPort("devel/forever", "_F!=\tsleep 613\nPORTNAME=forever\nPORTVERSION=1.0\n");
        tree.AddPort("devel/fine", "PORTNAME=fine\nPORTVERSION=2.5\n");
        var started = System.Diagnostics.Stopwatch.StartNew();

        var (scan, runner) = await ScanAsync(options, "devel/junk", "devel/forever", "devel/fine");

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), started.Elapsed.ToString());
        Assert.Contains(runner.Specs, s => s.MountNamespace is not null);
        Assert.Equal("2.5", scan.Results.Single(r => r.Id.Origin == "devel/fine").Metadata?.Version);
        // The runner cuts very long lines into pieces, in the view as on the host: the answer is the host's.
        options.UseTargetView = false;
        var (onHost, _) = await ScanAsync(options, "devel/junk");
        var junk = scan.Results.Single(r => r.Id.Origin == "devel/junk");
        var hostJunk = onHost.Results.Single(r => r.Id.Origin == "devel/junk");
        Assert.Equal((hostJunk.Status, hostJunk.Error), (junk.Status, junk.Error));
        Assert.Contains("junk\uFFFD\uFFFD", junk.Error, StringComparison.Ordinal);
        var forever = scan.Results.Single(r => r.Id.Origin == "devel/forever");
        Assert.Equal(PortQueryStatus.Corrupt, forever.Status);
        Assert.Contains("time", forever.Error, StringComparison.OrdinalIgnoreCase);
        // The query's process tree was killed at its timeout. SIGKILL takes effect asynchronously: on a loaded machine
        // the killed sleep can still be listed for a moment (its command line goes when it exits), so wait for that,
        // bounded; a sleep that was never killed would stay for 613 s.
        for (var i = 0; i < 100 && ForeverSleeps().Count > 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Empty(ForeverSleeps());
    }

    private static List<string> ForeverSleeps() =>
        [.. Directory.GetDirectories("/proc").Where(d =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(d, "cmdline")) == "sleep\0613\0";
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        })];

    [Fact]
    public async Task Scan_ViewTurnedOff_RunsMakeOnTheHost()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        var options = tree.Options();
        options.UseTargetView = false;

        var (scan, runner) = await ScanAsync(options, "ports-mgmt/pkg");

        Assert.All(scan.Results, r => Assert.Equal(PortQueryStatus.Found, r.Status));
        Assert.All(runner.Specs, s => Assert.Equal("bmake", s.FileName));
    }

    [Fact]
    public void BaseSystemLists_EveryEntryNamesItsSourceAndFreeBsd14HasOne()
    {
        var list = TargetBaseSystem.For(TargetProfile.FreeBsd("14.2"));

        Assert.NotNull(list);
        Assert.NotNull(TargetBaseSystem.For(TargetProfile.FreeBsd("13.4")));
        Assert.Null(TargetBaseSystem.For(TargetProfile.Native));
        Assert.Contains(list.Entries, e => e.Path == "/usr/lib/libncursesw.so" && e.Kind == TargetBaseSystem.Kind.File);
        Assert.Contains(list.Entries, e => e.Path == "/usr/bin/groff" && e.Kind == TargetBaseSystem.Kind.Absent);
        Assert.All(TargetBaseSystem.All.SelectMany(b => b.Entries), e => Assert.False(string.IsNullOrWhiteSpace(e.Source), e.Path));
    }

    [Fact]
    public void Parse_LineWithoutSource_IsRejectedNamingTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => TargetBaseSystem.Parse("x.txt", "# os: FreeBSD\n# releases: 14\n/usr/lib/libfoo.so\tfile\n"));

        Assert.Contains("x.txt line 3", ex.Message, StringComparison.Ordinal);
    }
}
