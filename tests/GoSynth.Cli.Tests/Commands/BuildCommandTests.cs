using System.CommandLine;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Running;
using GoSynth.BuildDb;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;
using static GoSynth.Cli.Tests.Support.CliRun;

namespace GoSynth.Cli.Tests.Commands;

/// <summary><c>gosynth build</c> on a real scan of samples/ports with a fake executor that writes real packages.</summary>
public sealed class BuildCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Status_AfterABuild_ShowsWhatABuildWouldDo_UpToDateFromTheMetadataCache()
    {
        Assert.SkipUnless(HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };

        var before = await RunAsync(Host(executor), "-C", etc, "status", "misc/hello");
        Assert.True(before.Exit == 0, before.Error);
        Assert.Matches(@"\* misc/hello\s+2\.12\s+build\s+new port", before.Output);
        Assert.Contains("Total packages that would be built: 4/4", before.Output, StringComparison.Ordinal);

        var build = await RunAsync(Host(executor), "-C", etc, "-y", "-S", "build", "misc/hello");
        Assert.True(build.Exit == 0, build.Output + build.Error);

        // As dsynth's status: a dry run of the build, so what was just built is not built again.
        var after = await RunAsync(Host(executor), "-C", etc, "status", "misc/hello");
        Assert.True(after.Exit == 0, after.Error);
        Assert.Matches(@"\* misc/hello\s+2\.12\s+up-to-date\s+up to date \(hello-2\.12\.pkg\)", after.Output);
        Assert.Contains("Totals: 4 nodes: 0 to build, 4 up to date,", after.Output, StringComparison.Ordinal);
        Assert.Contains("Total packages that would be built: 0/4", after.Output, StringComparison.Ordinal);
        // The configuration names no Directory_metacache: the default under Directory_buildbase answered without make.
        Assert.Contains("scan: 0 make queries, 4 from cache", after.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(dir.Combine("build", "metacache")));

        // A package that went missing is built again, and says so.
        File.Delete(dir.Combine("packages", "All", "hello-2.12.pkg"));
        var json = await RunAsync(Host(executor), "-C", etc, "status", "misc/hello", "--json");
        Assert.True(json.Exit == 0, json.Error);
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        var hello = document.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "misc/hello");
        Assert.Equal("build", hello.GetProperty("state").GetString());
        Assert.Equal("build", hello.GetProperty("action").GetString());
        Assert.Equal("PackageMissing", hello.GetProperty("actionKind").GetString());
        var actions = document.RootElement.GetProperty("actions");
        Assert.Equal(1, actions.GetProperty("build").GetInt32());
        Assert.Equal(3, actions.GetProperty("up-to-date").GetInt32());
    }

    [Fact]
    public async Task Build_WithYes_PrintsALinePerPortAndExitsOneWhenAPortFailed()
    {
        Assert.SkipUnless(HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All"), Failing = new HashSet<string> { "broken/badcode" } };

        var (exit, output, error) = await RunAsync(Host(executor), "-C", etc, "-y", "-S", "build", "misc/hello", "misc/badclient");

        Assert.True(exit == 1, output + error);
        Assert.Matches(@"run \d+: \d+ of \d+ ports to build, profile LiveSystem, 2 builders", output);
        Assert.Matches(@"\[0[12]\] success  ports-mgmt/pkg\s+1/", output);
        Assert.Matches(@"\[0[12]\] success  misc/hello\s+\d+/\d+  00:00:00", output);
        Assert.Matches(@"\[0[12]\] failure  broken/badcode\s+\d+/\d+  00:00:00  build: make exited with status 1", output);
        Assert.Matches(@"\[--\] skipped  misc/badclient\s+\d+/\d+  \(dependency broken/badcode failed in phase build\)", output);
        Assert.Matches(@"Built \d+, failed 1, skipped 1, .* \(run 1\)", output);
        Assert.Contains("Failed: broken/badcode in phase build: make exited with status 1", output, StringComparison.Ordinal);
        Assert.Contains("    main.c:3: error: expected ';'", output, StringComparison.Ordinal);
        Assert.Contains("Repository catalog rebuilt", output, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.Combine("packages", "packagesite.pkg")));
    }

    [Fact]
    public async Task Build_EverythingBuilt_ExitsZeroAndTheNextBuildHasNothingToDo()
    {
        Assert.SkipUnless(HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };

        var (exit, output, error) = await RunAsync(Host(executor), "-C", etc, "-y", "just-build", "misc/hello");
        Assert.True(exit == 0, output + error);
        Assert.DoesNotContain("Repository catalog", output, StringComparison.Ordinal);

        var (again, output2, error2) = await RunAsync(Host(executor, terminal: true, input: "yes\n"), "build", "misc/hello", "-C", etc);
        Assert.True(again == 0, output2 + error2);
        Assert.Contains("build misc/hello with profile LiveSystem", output2, StringComparison.Ordinal);
        Assert.Matches(@"run 2: 0 of \d+ ports to build", output2);
        Assert.Matches(@"Built 0, failed 0, skipped 0, ignored 0, up to date \d+", output2);
    }

    [Fact]
    public async Task Build_NoTerminalAndNoYes_RefusesAndBuildsNothing()
    {
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        var executor = new FakePortBuildExecutor();

        var (exit, output, error) = await RunAsync(Host(executor, terminal: false), "-C", etc, "build", "misc/hello");

        Assert.Equal(2, exit);
        Assert.Contains("not a terminal", error, StringComparison.Ordinal);
        Assert.Contains("-y", error, StringComparison.Ordinal);
        Assert.Empty(executor.Contexts);
        Assert.False(File.Exists(Path.Combine(dir.Combine("build"), "gosynth.db")), output);
    }

    [Fact]
    public async Task Build_TerminalAnswersNo_BuildsNothing()
    {
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        var executor = new FakePortBuildExecutor();

        var (exit, output, error) = await RunAsync(Host(executor, terminal: true, input: "n\n"), "-C", etc, "build");

        Assert.Equal(1, exit);
        Assert.Contains("build everything with profile LiveSystem", output, StringComparison.Ordinal);
        Assert.Contains("not confirmed", error, StringComparison.Ordinal);
        Assert.Empty(executor.Contexts);
    }

    [Fact]
    public async Task Build_ConfigurationError_ExitsThreeNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        var ini = Path.Combine(etc, "dsynth.ini");
        var lines = (await File.ReadAllLinesAsync(ini, Ct)).ToList();
        var at = lines.FindIndex(l => l.StartsWith("Number_of_builders", StringComparison.Ordinal));
        lines[at] = "Number_of_bulders=2";
        await File.WriteAllLinesAsync(ini, lines, Ct);

        var (exit, _, error) = await RunAsync(Host(new FakePortBuildExecutor()), "-C", etc, "-y", "build");

        Assert.Equal(ExitCodes.Configuration, exit);
        Assert.Contains($"{ini}:{at + 1}:", error, StringComparison.Ordinal);
        Assert.Contains("Number_of_bulders", error, StringComparison.Ordinal);
        Assert.Contains("did you mean Number_of_builders", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_AnotherBuildHoldsTheLock_ExitsFourNamingTheHolder()
    {
        Assert.SkipUnless(HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = Configure(dir);
        var executor = new FakePortBuildExecutor();
        await using var holder = await BuildDatabase.OpenAsync(Path.Combine(dir.Combine("build"), "gosynth.db"), cancellationToken: Ct);

        var (exit, output, error) = await RunAsync(Host(executor), "-C", etc, "-y", "build", "misc/hello");

        Assert.Equal(ExitCodes.AnotherBuildRunning, exit);
        Assert.Contains("is being written by", error, StringComparison.Ordinal);
        Assert.Contains(System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
        Assert.Empty(executor.Contexts);
        Assert.Equal("", output);
    }
}
