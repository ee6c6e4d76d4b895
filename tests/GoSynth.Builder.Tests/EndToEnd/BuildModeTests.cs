using GoSynth.Builder.Running;
using GoSynth.Builder.Tests.Execution;
using GoSynth.Builder.Tests.Running;
using GoSynth.BuildDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Tests.EndToEnd;

/// <summary>
/// dsynth's <c>fetch-only</c> and <c>test</c> runs of the bundled sample tree, for real: the scan, the local slot pool in
/// Linux slots, the build database and the logs as <c>AddGoSynthBuilder</c> composes them. Root only.
/// </summary>
public sealed class BuildModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FetchOnly_SampleTree_FetchesEveryDistfile_BuildsAndRecordsNothing_AndReportsEachBrokenFetch()
    {
        ExecutorTestBed.RequireRoot();
        using var fixture = new RunFixture();
        // devel/libgreet's distinfo no longer matches its distfile; misc/termclock's distfile is gone from its site.
        var distinfo = Path.Combine(fixture.Ports, "devel", "libgreet", "distinfo");
        await File.WriteAllTextAsync(distinfo, (await File.ReadAllTextAsync(distinfo, Ct)).Replace("= 1544", "= 0044", StringComparison.Ordinal), Ct);
        File.Delete(Path.Combine(fixture.Ports, "distfiles", "termclock-0.2.tar.gz"));
        await using var provider = Compose(fixture);
        var runner = provider.GetRequiredService<BuildRunner>();

        var result = await runner.RunAsync(new BuildRunOptions { Mode = BuildRunMode.FetchOnly }, Ct);

        Assert.False(result.Aborted);
        Assert.Equal(BuildRunMode.FetchOnly, result.Mode);
        Assert.True(result.Fetched >= 15, Describe(result));
        Assert.Equal(0, result.Built);
        Assert.Equal(0, result.Skipped);

        // The two broken ports fail in the phase that found the problem, with the framework's words in the excerpt and log.
        var libgreet = Single(result, "devel/libgreet");
        Assert.Equal((BuildRunPortStatus.Failed, "checksum"), (libgreet.Status, libgreet.Phase));
        Assert.Contains("SHA256 mismatch for greet/libgreet-1.4.2.tar.gz", libgreet.LogExcerpt, StringComparison.Ordinal);
        var termclock = Single(result, "misc/termclock");
        Assert.Equal((BuildRunPortStatus.Failed, "fetch"), (termclock.Status, termclock.Phase));
        Assert.Contains("termclock-0.2.tar.gz was found at none of", await File.ReadAllTextAsync(termclock.LogFile!, Ct), StringComparison.Ordinal);
        Assert.Equal(["devel/libgreet", "misc/termclock"], Ports(result, BuildRunPortStatus.Failed));

        // What depends on the failed port is fetched anyway: nothing waits for another port's fetch.
        Assert.Equal(BuildRunPortStatus.Fetched, Single(result, "misc/hello").Status);
        Assert.Equal(BuildRunPortStatus.Fetched, Single(result, "editors/tedit@gui").Status);

        // Every fetched port's distfiles are in the distfiles directory, with their DIST_SUBDIR, and match distinfo.
        var distfiles = fixture.Options.DistfilesDirectory;
        Assert.True(File.Exists(Path.Combine(distfiles, "wordcount-0.9.tar.gz")));
        Assert.True(File.Exists(Path.Combine(distfiles, "wordcount-data-0.9.tar.gz")));
        Assert.True(File.Exists(Path.Combine(distfiles, "hello-2.12.tar.gz")));
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(fixture.Ports, "distfiles", "pkg-2.1.0.tar.gz"), Ct),
            await File.ReadAllBytesAsync(Path.Combine(distfiles, "pkg-2.1.0.tar.gz"), Ct));
        Assert.False(File.Exists(Path.Combine(distfiles, "termclock-0.2.tar.gz")));
        Assert.Empty(Directory.EnumerateFiles(distfiles, "*.fetch.*", SearchOption.AllDirectories));

        // Ignored and meta ports have nothing to fetch; they are not failures.
        Assert.All(new[] { "misc/askname", "misc/keyvault", "sysutils/legacyd" }, p => Assert.Equal(BuildRunPortStatus.NothingToFetch, Single(result, p).Status));
        Assert.Contains("ignored", Single(result, "misc/askname").Reason, StringComparison.Ordinal);

        // Nothing was built, packaged or recorded as built; the run itself is in the history.
        Assert.Empty(Directory.EnumerateFiles(fixture.Options.PackagesDirectory, "*", SearchOption.AllDirectories));
        Assert.Null(result.Repository);
        await using (var database = await BuildDatabase.OpenReadOnlyAsync(fixture.Database, cancellationToken: Ct))
        {
            Assert.Equal(RunOutcome.Completed, database.GetRun(result.RunId)!.Outcome);
            Assert.Empty(database.GetRunAttempts(result.RunId));
            Assert.Null(database.GetLatestSuccess("misc/hello"));
        }

        // The log of a fetched port ran fetch and checksum and no other phase; no slot is left mounted.
        var hello = await File.ReadAllTextAsync(Single(result, "misc/hello").LogFile!, Ct);
        Assert.Contains("-- Phase: checksum", hello, StringComparison.Ordinal);
        Assert.DoesNotContain("-- Phase: extract", hello, StringComparison.Ordinal);
        Assert.DoesNotContain("-- Phase: install-pkgs", hello, StringComparison.Ordinal);
        Assert.Empty(SlotMounts(fixture.Options.BuildBase));

        // A build afterwards finds the distfiles there and builds as usual.
        var build = await runner.RunAsync(new BuildRunOptions { Ports = ["misc/hello"] }, Ct);
        Assert.Equal(BuildRunPortStatus.Failed, Single(build, "devel/libgreet").Status);
        Assert.Equal(BuildRunPortStatus.Skipped, Single(build, "misc/hello").Status);
    }

    [Fact]
    public async Task Test_RunsTheTestPhaseInDeveloperMode_InstallsAndRemovesThePackage_AndRebuildsWhenAskedAgain()
    {
        ExecutorTestBed.RequireRoot();
        using var fixture = new RunFixture();
        await using var provider = Compose(fixture);
        var runner = provider.GetRequiredService<BuildRunner>();

        var first = await runner.RunAsync(new BuildRunOptions { Ports = ["textproc/wordcount"], Mode = BuildRunMode.Test }, Ct);

        Assert.True(first.Succeeded, Describe(first));
        var wordcount = Single(first, "textproc/wordcount");
        Assert.Equal(BuildRunPortStatus.Built, wordcount.Status);
        var log = await File.ReadAllTextAsync(wordcount.LogFile!, Ct);
        Assert.Contains("DEVELOPER=yes", log, StringComparison.Ordinal);
        // The port's own test ran (its TEST_TARGET counts the 17 words of its data file) before check-plist and package.
        Assert.Contains("-- Phase: test", log, StringComparison.Ordinal);
        Assert.Contains("= 17", log, StringComparison.Ordinal);
        Assert.True(log.IndexOf("-- Phase: test", StringComparison.Ordinal) < log.IndexOf("-- Phase: check-plist", StringComparison.Ordinal));
        Assert.True(log.IndexOf("-- Phase: package", StringComparison.Ordinal) < log.IndexOf("-- Phase: install\n", StringComparison.Ordinal));
        Assert.Matches(@"-- Phase: deinstall\n-+\n=> Removed [1-9][0-9]* paths of wordcount-0\.9\n=> SUCCEEDED ", log);
        Assert.True(File.Exists(Path.Combine(fixture.Repository, wordcount.PackageFile!)));
        // Test mode makes no catalog.
        Assert.Null(first.Repository);
        Assert.False(File.Exists(Path.Combine(fixture.Options.PackagesDirectory, "packagesite.pkg")));

        // Asked again, the named port is rebuilt although it is up to date; its dependencies are not.
        var second = await runner.RunAsync(new BuildRunOptions { Ports = ["textproc/wordcount"], Mode = BuildRunMode.Test }, Ct);

        Assert.Equal(["textproc/wordcount"], Ports(second, BuildRunPortStatus.Built));
        Assert.Equal(BuildRunPortStatus.UpToDate, Single(second, "net/fetchit").Status);

        // A test that fails fails the port in its test phase.
        var makefile = Path.Combine(fixture.Ports, "textproc", "wordcount", "Makefile");
        var text = await File.ReadAllTextAsync(makefile, Ct);
        await File.WriteAllTextAsync(makefile, text.Replace(".include <bsd.port.mk>", "post-test:\n\ttest \"answer\" = \"wrong\"\n\n.include <bsd.port.mk>", StringComparison.Ordinal), Ct);
        var third = await runner.RunAsync(new BuildRunOptions { Ports = ["textproc/wordcount"], Mode = BuildRunMode.Test }, Ct);

        var failed = Single(third, "textproc/wordcount");
        Assert.Equal((BuildRunPortStatus.Failed, "test"), (failed.Status, failed.Phase));
        Assert.Empty(SlotMounts(fixture.Options.BuildBase));
    }

    private static ServiceProvider Compose(RunFixture fixture)
    {
        Directory.CreateDirectory(fixture.Options.DistfilesDirectory);
        Directory.CreateDirectory(fixture.Options.OptionsDirectory);
        var services = new ServiceCollection().AddGoSynthBuilder(o =>
        {
            o.PortsDirectory = fixture.Ports;
            o.PackagesDirectory = fixture.Options.PackagesDirectory;
            o.BuildBase = fixture.Options.BuildBase;
            o.LogsDirectory = fixture.Options.LogsDirectory;
            o.DistfilesDirectory = fixture.Options.DistfilesDirectory;
            o.OptionsDirectory = fixture.Options.OptionsDirectory;
            o.NumberOfBuilders = 2;
            o.MaxJobsPerBuilder = 1;
            o.DisableThrottle = true;
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    private static string Describe(BuildRunResult result) =>
        string.Join("\n", result.Ports.Select(p => $"{p.Port} {p.Status} {p.Phase} {p.Reason} {p.LogExcerpt}")) + "\n" + string.Join("\n", result.Notes);

    private static BuildRunPort Single(BuildRunResult result, string port) => result.Ports.Single(p => p.Port == port);

    private static string[] Ports(BuildRunResult result, BuildRunPortStatus status) =>
        [.. result.Ports.Where(p => p.Status == status).Select(p => p.Port).Order(StringComparer.Ordinal)];

    private static string[] SlotMounts(string buildBase) =>
        [.. File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(m => m.StartsWith(buildBase + "/", StringComparison.Ordinal))];
}
