using System.Net;
using System.Net.Sockets;
using GoSynth.Cli.Tests.Support;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

/// <summary>
/// <c>init</c>, <c>serve</c>, <c>monitor</c> and <c>fetch-only</c> report their errors as every directive does: one line
/// starting with <c>gosynth &lt;directive&gt;: </c> and the exit code of docs/cli.md's table (details only with <c>-d</c>).
/// </summary>
public sealed class DirectiveErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AssertOneLine(string directive, string error)
    {
        var lines = error.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, error);
        Assert.StartsWith($"gosynth {directive}: ", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_ConfigurationExists_ExitsThreeWithOneLineNamingIt()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var ini = Path.Combine(etc, "dsynth.ini");
        var before = await File.ReadAllTextAsync(ini, Ct);

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "init", "--ports-dir", RepositoryPaths.SamplePorts);

        Assert.Equal(ExitCodes.Configuration, exit);
        Assert.Equal("", output);
        AssertOneLine("init", error);
        Assert.Contains(ini, error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(ini, Ct));
    }

    [Fact]
    public async Task Init_ConfigurationExists_WithDebug_AddsTheDetails()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);

        var (exit, _, error) = await CliRun.RunAsync("-C", etc, "-d", "init");

        Assert.Equal(ExitCodes.Configuration, exit);
        Assert.Contains("BuilderConfigurationException", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_TwoTrees_ExitsTwoAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "init", "--ports-dir", RepositoryPaths.SamplePorts, "--sample-tree", dir.Combine("sample"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("", output);
        AssertOneLine("init", error);
        Assert.Contains("--ports-dir and --sample-tree", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(etc));
        Assert.False(Directory.Exists(dir.Combine("sample")));
    }

    [Fact]
    public async Task Serve_BadListenAddress_ExitsTwoWithOneLine()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "serve", "--listen", "localhost:http");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("", output);
        AssertOneLine("serve", error);
        Assert.Contains("--listen takes address:port", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_NoConfiguration_ExitsThreeBeforeListening()
    {
        using var dir = new TempDirectory();

        var (exit, output, error) = await CliRun.RunAsync("-C", dir.Combine("nowhere"), "serve", "--listen", "127.0.0.1:0");

        Assert.Equal(ExitCodes.Configuration, exit);
        Assert.Equal("", output);
        AssertOneLine("serve", error);
        Assert.Contains(dir.Combine("nowhere"), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AddressInUse_ExitsOneWithOneLine()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, output, error) = await CliRun.RunAsync("-C", etc, "serve", "--listen", $"127.0.0.1:{port}");

        Assert.True(exit == ExitCodes.Failure, output + error);
        Assert.DoesNotContain("GoSynth serves", output, StringComparison.Ordinal);
        AssertOneLine("serve", error);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_CorruptMonitorFile_ExitsOneWithOneLine()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("monitor.json", "{ this is not a snapshot");

        var (exit, output, error) = await CliRun.RunAsync("monitor", file);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Equal("", output);
        AssertOneLine("monitor", error);
        Assert.Contains(file, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchOnly_QuestionAnsweredNo_ExitsOneAndFetchesNothing()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var executor = new FakePortBuildExecutor { RepositoryDirectory = dir.Combine("packages", "All") };

        var (exit, output, error) = await CliRun.RunAsync(CliRun.Host(executor, terminal: true, input: "n\n"), "-C", etc, "-S", "fetch-only", "misc/hello");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains($"fetch-only misc/hello with profile LiveSystem into {dir.Combine("distfiles")}? [y/N]", output, StringComparison.Ordinal);
        Assert.Equal("gosynth fetch-only: not confirmed; nothing was fetched\n", error);
        Assert.Empty(executor.Requests);
    }
}
