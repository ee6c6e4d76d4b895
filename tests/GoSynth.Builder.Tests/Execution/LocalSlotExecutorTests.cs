using GoSynth.Builder.Execution;
using GoSynth.Pkg.Packages;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Execution;

/// <summary>The local slot executor on real Linux slots with real bmake: phases, events, logs, packages, failures.</summary>
[Collection(nameof(LocalSlotExecutorTests))]
public sealed class LocalSlotExecutorTests
{
    private static readonly string[] s_phases = ["fetch", "checksum", "extract", "patch", "configure", "build", "stage", "package"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BuildAsync_TrivialPort_RunsPhasesInOrderWithEventsLogAndPackage()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        await bed.AddPortAsync("misc/hello", "1.0", null, "DO_build=\t@echo compiling hello; echo 'a warning on stderr' >&2");
        var graph = new GraphBuilder().Port("misc/hello").Build();
        var executor = await bed.StartAsync();

        var outcome = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/hello"), Ct);

        Assert.True(outcome.Succeeded, outcome.Phase + ": " + outcome.Message + "\n" + File.ReadAllText(outcome.LogFile!));
        Assert.Equal("hello-1.0.pkg", outcome.PackageFile);
        Assert.Equal(s_phases, outcome.Phases.Select(p => p.Phase));
        Assert.Equal(s_phases, bed.PhaseEvents("misc/hello"));
        Assert.Equal(0, outcome.InstalledPackages);
        Assert.True(outcome.Duration >= outcome.Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration));
        Assert.Equal("hello", (await PackageReader.ReadCompactManifestAsync(bed.PackagePath("hello-1.0.pkg"), Ct)).Name);

        Assert.Equal(bed.LogPath("misc___hello"), outcome.LogFile);
        var log = File.ReadAllLines(outcome.LogFile!);
        Assert.Contains("Port:      misc/hello", log);
        Assert.Contains("Version:   1.0", log);
        Assert.Contains("Package:   hello-1.0.pkg", log);
        Assert.Contains(log, l => l.StartsWith("Slot:      SL01 (", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("Started:   ", StringComparison.Ordinal) && l.EndsWith(" UTC", StringComparison.Ordinal));
        var positions = s_phases.Select(phase => new
        {
            Banner = Array.IndexOf(log, "-- Phase: " + phase),
            Command = Array.IndexOf(log, "+ bmake -C /xports/misc/hello -DNO_DEPENDS " + phase),
            Output = Array.IndexOf(log, $"phase={phase} port=hello-1.0 flavor= jobs=3 opsys=FreeBSD nodeps=1 conf=from-profile"),
        }).ToList();
        Assert.All(positions, p => Assert.True(p.Banner >= 0 && p.Banner < p.Command && p.Command < p.Output, string.Join('\n', log)));
        Assert.Equal(positions.Select(p => p.Banner).Order(), positions.Select(p => p.Banner));
        Assert.Contains("compiling hello", log);
        Assert.Contains("a warning on stderr", log);
        Assert.Equal(s_phases.Length, log.Count(l => l.StartsWith("=> SUCCEEDED 00:00:", StringComparison.Ordinal)));
        Assert.Matches(@"^=> SUCCESS misc/hello \(hello-1\.0\.pkg\) \d\d:\d\d:\d\d$", log[^1]);
    }

    [Fact]
    public async Task BuildAsync_BuildFails_ReportsPhaseStatusAndExcerptAndStops()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        await bed.AddPortAsync("misc/broken", "2.0", null, "DO_build=\t@echo 'cc: error: something broke'; exit 3");
        var graph = new GraphBuilder().Port("misc/broken", p => p.Version("2.0")).Build();
        var executor = await bed.StartAsync();

        var outcome = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/broken"), Ct);

        Assert.False(outcome.Succeeded);
        Assert.Equal("build", outcome.Phase);
        Assert.Matches("^make exited with status [1-9]", outcome.Message);
        Assert.Contains("cc: error: something broke", outcome.LogExcerpt, StringComparison.Ordinal);
        Assert.True(outcome.LogExcerpt!.Split('\n').Length <= 20);
        Assert.Equal(["fetch", "checksum", "extract", "patch", "configure", "build"], outcome.Phases.Select(p => p.Phase));
        Assert.Null(outcome.PackageFile);
        Assert.False(File.Exists(bed.PackagePath("broken-2.0.pkg")));
        var log = File.ReadAllLines(outcome.LogFile!);
        Assert.DoesNotContain("-- Phase: stage", log);
        Assert.StartsWith("=> FAILURE misc/broken in build: make exited with status", log[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@echo not packaging", "the package phase did not write /packages/All/pkgcheck-1.0.pkg")]
    [InlineData("@mkdir -p ${PACKAGES}/All && echo 'not a package' > ${PACKAGES}/All/${PKGFILE}", "/packages/All/pkgcheck-1.0.pkg is not a readable package")]
    [InlineData("@mkdir -p ${PACKAGES}/All && ln -sf /etc/passwd ${PACKAGES}/All/${PKGFILE}", "/packages/All/pkgcheck-1.0.pkg is a symbolic link")]
    public async Task BuildAsync_PackageMissingOrUnreadable_FailsInPackage(string packageCommand, string expected)
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        await bed.AddPortAsync("misc/pkgcheck", "1.0", null, "DO_package=\t" + packageCommand);
        var graph = new GraphBuilder().Port("misc/pkgcheck").Build();
        var executor = await bed.StartAsync();

        var outcome = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/pkgcheck"), Ct);

        Assert.False(outcome.Succeeded);
        Assert.Equal("package", outcome.Phase);
        Assert.StartsWith(expected, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_PackageOfAnotherVersionOrOldFile_FailsInPackage()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        await bed.AddPortAsync("misc/stale", "1.0", null, "DO_package=\t@echo leaving the old file");
        await bed.AddPortAsync("misc/wrongver", "1.0", null, "DO_package=\t@mkdir -p ${PACKAGES}/All && cp ${.CURDIR}/files/wrongver-1.0.pkg ${PACKAGES}/All/wrongver-1.1.pkg");
        File.Copy(bed.Combine("ports/misc/stale/files/stale-1.0.pkg"), bed.PackagePath("stale-1.0.pkg"));
        var graph = new GraphBuilder().Port("misc/stale").Port("misc/wrongver", p => p.Version("1.1")).Build();
        var executor = await bed.StartAsync();

        var stale = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/stale"), Ct);
        var wrong = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/wrongver"), Ct);

        Assert.Equal(("package", "the package phase did not write /packages/All/stale-1.0.pkg: the file there is unchanged since before this build"), (stale.Phase, stale.Message));
        Assert.Equal(("package", "/packages/All/wrongver-1.1.pkg has version 1.0, but misc/wrongver is version 1.1"), (wrong.Phase, wrong.Message));
    }

    [Fact]
    public async Task BuildAsync_FlavoredPort_PassesFlavorAndNamesLogWithIt()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        await bed.AddPortAsync("misc/flav", "1.0", "py", "FLAVORS=\tpy lua");
        var graph = new GraphBuilder().FlavoredPort("misc/flav", ["py", "lua"]).Build();
        var executor = await bed.StartAsync();

        var outcome = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/flav@py"), Ct);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(bed.LogPath("misc___flav@py"), outcome.LogFile);
        var log = File.ReadAllLines(outcome.LogFile!);
        Assert.Contains("+ bmake -C /xports/misc/flav FLAVOR=py -DNO_DEPENDS build", log);
        Assert.Contains("phase=build port=flav-1.0 flavor=py jobs=3 opsys=FreeBSD nodeps=1 conf=from-profile", log);
        Assert.Equal(["fetch", "checksum", "extract", "patch", "configure", "build", "stage", "package"], bed.PhaseEvents("misc/flav@py"));
    }

    [Fact]
    public async Task BuildAsync_CheckPlist_RunsBetweenStageAndPackage()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        bed.Options.CheckPlist = true;
        await bed.AddPortAsync("misc/plist");
        var graph = new GraphBuilder().Port("misc/plist").Build();
        var executor = await bed.StartAsync();

        var outcome = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/plist"), Ct);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(["fetch", "checksum", "extract", "patch", "configure", "build", "stage", "check-plist", "package"], outcome.Phases.Select(p => p.Phase));
    }

    [Fact]
    public async Task BuildAsync_HostileOutput_IsWrittenSafelyAndTheLogIsReplacedNextTime()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        await bed.AddPortAsync("misc/noisy", "1.0", null,
            "DO_build=\t@printf 'red \\033[31mALERT\\033[0m bell\\007 cr\\rend\\n'; head -c 40000 /dev/zero | tr '\\0' x; echo; printf '\\377\\376 bad utf8\\n'");
        var graph = new GraphBuilder().Port("misc/noisy").Build();
        var executor = await bed.StartAsync();

        var first = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/noisy"), Ct);
        var second = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/noisy"), Ct);

        Assert.True(first.Succeeded && second.Succeeded, first.Message + second.Message);
        var bytes = File.ReadAllBytes(second.LogFile!);
        Assert.DoesNotContain(bytes, b => b < 0x20 && b != '\n' && b != '\t');
        var log = File.ReadAllLines(second.LogFile!);
        Assert.Contains(@"red \x1b[31mALERT\x1b[0m bell\x07 cr\x0dend", log);
        var cut = Assert.Single(log, l => l.StartsWith("xxxx", StringComparison.Ordinal));
        Assert.EndsWith("[line cut: 23616 more characters]", cut, StringComparison.Ordinal);
        Assert.Contains(log, l => l.EndsWith(" bad utf8", StringComparison.Ordinal));
        Assert.Single(log, l => l.StartsWith("Port:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_SilentPhase_IsKilledByTheWatchdog()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        await bed.AddPortAsync("misc/hang", "1.0", null, "DO_build=\t@echo going quiet; sleep 60");
        var graph = new GraphBuilder().Port("misc/hang").Build();
        var executor = await bed.StartAsync(o => o.Watchdog["build"] = TimeSpan.FromSeconds(1));

        var outcome = await executor.BuildAsync(ExecutorTestBed.Request(graph, "misc/hang"), Ct);

        Assert.False(outcome.Succeeded);
        Assert.Equal("build", outcome.Phase);
        Assert.Equal("no output for 00:00:01: the watchdog killed make", outcome.Message);
        Assert.True(outcome.Duration < TimeSpan.FromSeconds(30), outcome.Duration.ToString());
        Assert.Contains("going quiet", outcome.LogExcerpt, StringComparison.Ordinal);
        Assert.Contains(File.ReadAllLines(outcome.LogFile!), l => l.StartsWith("=> WATCHDOG: build of misc/hang printed nothing for 00:00:01", StringComparison.Ordinal));
    }
}
