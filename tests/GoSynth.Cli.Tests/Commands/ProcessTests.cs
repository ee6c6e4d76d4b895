using System.Diagnostics;
using System.Text.Json;
using GoSynth.Cli.Tests.Support;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

/// <summary>gosynth as a real process (<c>dotnet gosynth.dll</c>): exit codes, standard output and error, stdin that is not a terminal.</summary>
public sealed class ProcessTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "gosynth.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CliRun.Ct);
        var error = process.StandardError.ReadToEndAsync(CliRun.Ct);
        await process.WaitForExitAsync(CliRun.Ct);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Version_Json_IsOneDocumentOnStandardOutput()
    {
        var (exit, output, error) = await RunAsync("version", "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("gosynth", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("", error);
    }

    [Fact]
    public async Task UnknownDirective_ExitsTwoWithOneLineOnStandardError()
    {
        var (exit, output, error) = await RunAsync("frobnicate");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("gosynth: Unrecognized command or argument 'frobnicate'. See 'gosynth help'.", Assert.Single(CliRun.Lines(error)));
    }

    [Fact]
    public async Task Status_NoPortsOnLinux_ExitsTwoPointingAtStatusEverything()
    {
        Assert.SkipWhen(File.Exists("/var/db/pkg/local.sqlite"), "this host has a pkg database");

        var (exit, _, error) = await RunAsync("status");

        Assert.Equal(2, exit);
        Assert.Contains("status-everything", Assert.Single(CliRun.Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_StdinNotATerminal_ExitsTwoWithoutWaiting()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);

        var (exit, output, error) = await RunAsync("-C", etc, "build", "misc/hello");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("pass -y", Assert.Single(CliRun.Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingConfiguration_ExitsThree()
    {
        using var dir = new TempDirectory();

        var (exit, _, error) = await RunAsync("build", "-y", "misc/hello", "--config-dir", dir.Path);

        Assert.Equal(3, exit);
        Assert.Single(CliRun.Lines(error));
    }

    [Fact]
    public async Task StatusEverything_Json_ScansTheSampleTree()
    {
        Assert.SkipUnless(CliRun.HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");

        var (exit, output, error) = await RunAsync("status-everything", "--json", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(23, json.RootElement.GetProperty("totals").GetProperty("nodes").GetInt32());
    }
}
