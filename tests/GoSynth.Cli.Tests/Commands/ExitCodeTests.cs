using GoSynth.BuildDb;
using GoSynth.Cli.Tests.Support;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

/// <summary>The exact exit code and the one line on standard error for each kind of bad input (docs/cli.md's table).</summary>
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData("no-such-directive", "gosynth: Unrecognized command or argument 'no-such-directive'", "gosynth help")]
    [InlineData("build --no-such-option", "gosynth build: Unrecognized option '--no-such-option'", "gosynth help build")]
    [InlineData("status misc/hello --no-such-option", "gosynth status: Unrecognized option '--no-such-option'", "gosynth help status")]
    [InlineData("-M 200 build", "gosynth build: -M/--scale must be between 0.01 and 99 (got 200)", "gosynth help build")]
    [InlineData("build -s many", "gosynth build: Cannot parse argument 'many' for option '--slow-start'", "gosynth help build")]
    [InlineData("status misc/hello --target hurd", "gosynth status: Argument 'hurd' not recognized", "gosynth help status")]
    [InlineData("history", "gosynth history: Required argument missing for command: 'history'", "gosynth help history")]
    [InlineData("force", "gosynth force: Required argument missing for command: 'force'", "gosynth help force")]
    [InlineData("build -C", "gosynth build: Required argument missing for option: '-C'", "gosynth help build")]
    [InlineData("simulate --builders 0", "gosynth simulate: --builders must be at least 1", "gosynth help simulate")]
    [InlineData("", "gosynth: Required command was not provided", "gosynth help")]
    public async Task UsageError_ExitsTwoWithOneLineAndAHint(string commandLine, string message, string hint)
    {
        var (exit, output, error) = await CliRun.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("", output);
        var line = Assert.Single(CliRun.Lines(error));
        Assert.StartsWith(message, line, StringComparison.Ordinal);
        Assert.EndsWith($"See '{hint}'.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPortSpec_ExitsTwo()
    {
        var (exit, _, error) = await CliRun.RunAsync("status", "misc/hello@", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("gosynth status: ", Assert.Single(CliRun.Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingConfiguration_ExitsThreeNamingWhereItLooked()
    {
        using var dir = new TempDirectory();

        var (exit, _, error) = await CliRun.RunAsync("-C", dir.Path, "-y", "build", "misc/hello");

        Assert.Equal(ExitCodes.Configuration, exit);
        var line = Assert.Single(CliRun.Lines(error));
        Assert.Equal($"gosynth build: no dsynth.ini in {dir.Path}; write one with 'gosynth init' or name the directory that holds it.", line);
    }

    [Fact]
    public async Task MissingConfiguration_WithDebug_AddsTheDetails()
    {
        using var dir = new TempDirectory();

        var (exit, _, error) = await CliRun.RunAsync("-C", dir.Path, "-d", "configure");

        Assert.Equal(ExitCodes.Configuration, exit);
        Assert.Contains("BuilderConfigurationException", error, StringComparison.Ordinal);
        Assert.Contains("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadablePortsTree_InTheConfiguration_ExitsThree()
    {
        Assert.SkipUnless(CliRun.HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var ini = Path.Combine(etc, "dsynth.ini");
        await File.WriteAllTextAsync(ini, (await File.ReadAllTextAsync(ini, CliRun.Ct)).Replace(RepositoryPaths.SamplePorts, dir.Combine("no-ports"), StringComparison.Ordinal), CliRun.Ct);

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(new FakePortBuildExecutor()), "-C", etc, "-y", "build", "misc/hello");

        Assert.True(exit == ExitCodes.Configuration, output + error);
        Assert.Contains(dir.Combine("no-ports"), Assert.Single(CliRun.Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadablePortsTree_OnTheCommandLine_ExitsTwo()
    {
        var (exit, _, error) = await CliRun.RunAsync("status-everything", "--ports-dir", "/nonexistent/ports");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--ports-dir /nonexistent/ports: no such directory", Assert.Single(CliRun.Lines(error)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build", "misc/hello")]
    [InlineData("cleanup")]
    [InlineData("reset-db")]
    [InlineData("import-durations", "LOG")]
    public async Task AnotherBuildRunning_ExitsFour(params string[] directive)
    {
        Assert.SkipUnless(CliRun.HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var log = dir.WriteFile("00_last_results.log", "[001] SUCCESS misc/hello                                                 00:01:23\n");
        var executor = new FakePortBuildExecutor();
        await using var holder = await BuildDatabase.OpenAsync(dir.Combine("build", "gosynth.db"), cancellationToken: CliRun.Ct);

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(executor), ["-C", etc, "-y", .. directive.Select(d => d == "LOG" ? log : d)]);

        Assert.True(exit == ExitCodes.AnotherBuildRunning, output + error);
        var line = Assert.Single(CliRun.Lines(error));
        Assert.Contains("another build is running", line, StringComparison.Ordinal);
        Assert.Contains(System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.Empty(executor.Contexts);
    }

    [Fact]
    public async Task Interrupted_ExitsOneHundredThirty()
    {
        Assert.SkipUnless(CliRun.HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var error = new StringWriter();

        var exit = await GoSynthApp.InvokeAsync(
            ["-C", etc, "-y", "build", "misc/hello"], CliRun.Host(new FakePortBuildExecutor()),
            new System.CommandLine.InvocationConfiguration { Output = new StringWriter(), Error = error }, cancel.Token);

        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Equal("gosynth build: interrupted", Assert.Single(CliRun.Lines(error.ToString())));
    }

    [Theory]
    [InlineData("reset-db")]
    [InlineData("build", "misc/hello")]
    [InlineData("purge-distfiles")]
    public async Task Question_StdinNotATerminalAndNoYes_ExitsTwoWithoutWaiting(params string[] directive)
    {
        Assert.SkipUnless(CliRun.HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        Directory.CreateDirectory(dir.Combine("build"));
        await File.WriteAllTextAsync(dir.Combine("distfiles", "stray.tar.gz"), "x", CliRun.Ct);
        await using (await BuildDatabase.OpenAsync(dir.Combine("build", "gosynth.db"), cancellationToken: CliRun.Ct))
        {
        }

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(new FakePortBuildExecutor(), terminal: false), ["-C", etc, .. directive]);

        Assert.True(exit == ExitCodes.Usage, output + error);
        var line = Assert.Single(CliRun.Lines(error));
        Assert.Contains("standard input is not a terminal", line, StringComparison.Ordinal);
        Assert.Contains("pass -y", line, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.Combine("build", "gosynth.db")));
        Assert.True(File.Exists(dir.Combine("distfiles", "stray.tar.gz")));
    }
}
