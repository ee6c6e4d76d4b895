using GoSynth.Builder.Configuration;
using GoSynth.Builder.Running;
using GoSynth.BuildDb;
using GoSynth.Cli.Tests.Support;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

/// <summary><c>fetch-only</c> and <c>test</c> through the command line, in-process.</summary>
public sealed class BuildModeCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FetchOnly_InRealSlots_FetchesTheClosuresDistfiles_BuildsNothing_AndFailsNamingTheBrokenPort()
    {
        RequireRootAndTools();
        using var dir = new TempDirectory();
        var ports = dir.Combine("ports");
        Copy(RepositoryPaths.SamplePorts, ports);
        // misc/termclock's distfile is gone from the tree's distfile site.
        File.Delete(Path.Combine(ports, "distfiles", "termclock-0.2.tar.gz"));
        var etc = Configure(dir, ports);

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(), "-C", etc, "-y", "-S", "fetch-only", "misc/hello", "misc/termclock");

        Assert.True(exit == ExitCodes.Failure, output + error);
        var distfiles = dir.Combine("distfiles");
        Assert.True(File.Exists(Path.Combine(distfiles, "hello-2.12.tar.gz")), output);
        Assert.True(File.Exists(Path.Combine(distfiles, "greet", "libgreet-1.4.2.tar.gz")), output);
        Assert.Matches(@"^Fetched [1-9][0-9]*, failed 1, nothing to fetch [0-9]+ in \d\d:\d\d:\d\d \(run 1\); distfiles in ", CliRun.Lines(output).First(l => l.StartsWith("Fetched", StringComparison.Ordinal)));
        Assert.Contains("Failed: misc/termclock in phase fetch: make exited with status 1", output, StringComparison.Ordinal);
        Assert.Contains("termclock-0.2.tar.gz was found at none of", output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(dir.Combine("packages"), "*", SearchOption.AllDirectories));
        await using var database = await BuildDatabase.OpenReadOnlyAsync(Path.Combine(dir.Combine("build"), "gosynth.db"), cancellationToken: Ct);
        Assert.Empty(database.GetRunAttempts(1));
    }

    [Fact]
    public async Task FetchOnly_HandsTheExecutorOnlyPortsWithDistfiles_InFetchOnlyMode()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "-y", "-S", "fetch-only", "misc/hello");

        Assert.True(exit == 0, output + error);
        Assert.Equal(BuildRunMode.FetchOnly, Assert.Single(executor.Contexts).Mode);
        Assert.Contains(executor.Requests, r => r.Node.Id.ToString() == "misc/hello");
        Assert.All(executor.Requests, r => Assert.NotEmpty(r.Node.Metadata!.AllFiles));
        Assert.Matches(@"Fetched [1-9][0-9]*, failed 0, nothing to fetch", output);
        Assert.DoesNotContain("Repository catalog", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchOnly_WithoutYesAndWithoutATerminal_RefusesAndFetchesNothing()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };

        var (exit, _, error) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "fetch-only", "misc/hello");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("pass -y", error, StringComparison.Ordinal);
        Assert.Empty(executor.Requests);
    }

    [Fact]
    public async Task Test_RunsTheBuilderInTestMode()
    {
        RequireBmake();
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(executor), "-C", etc, "-y", "-S", "test", "misc/hello");

        Assert.True(exit == 0, output + error);
        Assert.Equal(BuildRunMode.Test, Assert.Single(executor.Contexts).Mode);
        Assert.Contains(executor.Requests, r => r.Node.Id.ToString() == "misc/hello");
    }

    private static string Configure(TempDirectory dir, string ports)
    {
        var etc = dir.Combine("etc");
        DsynthConfiguration.Init(etc, new BuilderOptions
        {
            PortsDirectory = ports,
            PackagesDirectory = dir.Combine("packages"),
            OptionsDirectory = dir.Combine("options"),
            DistfilesDirectory = dir.Combine("distfiles"),
            BuildBase = dir.Combine("build"),
            LogsDirectory = dir.Combine("logs"),
            NumberOfBuilders = 2,
            MaxJobsPerBuilder = 1,
            DisableThrottle = true,
        });
        return etc;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static void RequireBmake() => Assert.SkipUnless(CliRun.HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");

    private static void RequireRootAndTools()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "builds run in Linux slots");
        var uid = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.SkipUnless(uid == "0", "Linux slots mount filesystems and need root; run the tests as root (CI does)");
        foreach (var tool in new[] { "/usr/bin/unshare", "/usr/bin/bmake" })
        {
            Assert.SkipUnless(File.Exists(tool), $"{tool} is missing; run eng/prereqs.sh");
        }
    }
}
