using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Running;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GoSynth.Cli.Tests.Commands;

/// <summary>The progress counter of <c>gosynth -S build</c> counts the same ports as its total.</summary>
public sealed partial class BuildProgressTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"^\[(?:\d\d|--)\] (?:success|failure|skipped)  (?<port>\S+)\s+(?:(?<done>\d+)/(?<total>\d+))?  ")]
    private static partial Regex PortLine();

    [Fact]
    public async Task Build_FailuresSkipTheMetaPort_CounterNeverPassesItsTotalAndCountsEachQueuedPortOnce()
    {
        Assert.SkipUnless((System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(d => File.Exists(Path.Combine(d, "bmake"))),
            "bmake is not installed (eng/prereqs.sh installs it)");
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");
        DsynthConfiguration.Init(etc, new BuilderOptions
        {
            PortsDirectory = RepositoryPaths.SamplePorts,
            PackagesDirectory = dir.Combine("packages"),
            OptionsDirectory = dir.Combine("options"),
            DistfilesDirectory = dir.Combine("distfiles"),
            BuildBase = dir.Combine("build"),
            LogsDirectory = dir.Combine("logs"),
            NumberOfBuilders = 2,
            MaxJobsPerBuilder = 1,
            DisableThrottle = true,
        });
        // Both failures take the meta port down with them: it is skipped, yet it was never queued.
        var executor = new FakePortBuildExecutor
        {
            RepositoryDirectory = dir.Combine("packages", "All"),
            Failing = new HashSet<string> { "textproc/wordcount", "devel/patchkit" },
        };
        var host = new CliHost
        {
            InputIsTerminal = false,
            Input = new StringReader(""),
            ConfigureServices = s => s.AddSingleton<IPortBuildExecutorFactory>(executor),
        };
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await GoSynthApp.CreateRootCommand(host).Parse(["-C", etc, "-y", "-S", "build", "everything"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, Ct);

        Assert.True(exit == 1, output.ToString() + error);
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var toBuild = int.Parse(Regex.Match(lines[0], @"^run \d+: (\d+) of \d+ ports to build").Groups[1].Value, CultureInfo.InvariantCulture);
        var ports = lines.Select(l => PortLine().Match(l)).Where(m => m.Success).ToList();
        var counted = ports.Where(m => m.Groups["done"].Success).ToList();
        Assert.Equal(Enumerable.Range(1, toBuild), counted.Select(m => int.Parse(m.Groups["done"].Value, CultureInfo.InvariantCulture)));
        Assert.All(counted, m => Assert.Equal(toBuild, int.Parse(m.Groups["total"].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(toBuild, counted.Select(m => m.Groups["port"].Value).Distinct().Count());
        var meta = Assert.Single(ports, m => m.Groups["port"].Value == "misc/meta-samples");
        Assert.False(meta.Groups["done"].Success, meta.Value);
        Assert.Matches(@"Built \d+, failed 2, skipped 5, .*meta 0", output.ToString());
    }
}
