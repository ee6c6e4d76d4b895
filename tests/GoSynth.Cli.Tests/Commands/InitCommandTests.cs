using System.CommandLine;
using GoSynth.Builder.Configuration;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

public sealed class InitCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await GoSynthApp.CreateRootCommand(new CliHost()).Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Init_NewDirectory_WritesConfigurationAndDirectoriesThenRefusesToOverwrite()
    {
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");
        var root = dir.Combine("synth");

        var (exit, output, error) = await RunAsync("-C", etc, "init", "--build-root", root, "--ports-dir", RepositoryPaths.SamplePorts);

        Assert.True(exit == 0, error);
        var ini = Path.Combine(etc, "dsynth.ini");
        Assert.Contains("wrote " + ini, output, StringComparison.Ordinal);
        Assert.Contains("created " + Path.Combine(root, "build"), output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(root, "live_packages", "All")));
        var options = DsynthConfiguration.Load(etc);
        Assert.Equal(RepositoryPaths.SamplePorts, options.PortsDirectory);
        Assert.Equal(Path.Combine(root, "logs"), options.LogsDirectory);
        var before = await File.ReadAllTextAsync(ini, TestContext.Current.CancellationToken);

        var (again, _, refusal) = await RunAsync("init", "-C", etc);

        Assert.Equal(ExitCodes.Configuration, again);
        Assert.Contains(ini, refusal, StringComparison.Ordinal);
        Assert.Contains("exists already", refusal, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(ini, TestContext.Current.CancellationToken));
    }
}
