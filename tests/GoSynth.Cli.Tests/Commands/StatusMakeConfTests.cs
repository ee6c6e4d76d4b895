using System.CommandLine;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

/// <summary><c>gosynth status --make-conf FILE</c>: the profile's make.conf reaches every make query.</summary>
public sealed class StatusMakeConfTests
{
    private static bool HasBmake() => (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
        .Any(d => File.Exists(Path.Combine(d, "bmake")));

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = GoSynthApp.CreateRootCommand().Parse(args);
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Status_MakeConfSelectsAnOption_QueueGainsItsDependency()
    {
        if (!HasBmake())
        {
            Assert.Skip("bmake is not installed (eng/prereqs.sh installs it)");
        }

        using var work = new TempDirectory();
        var makeConf = work.WriteFile("LiveSystem-make.conf", "misc_hello_SET=WORDS\n");
        string[] common = ["status", "misc/hello", "--ports-dir", RepositoryPaths.SamplePorts, "--cache-dir", work.Combine("cache"), "--make", "bmake"];

        var (plainExit, plain, plainError) = await RunAsync(common);
        var (exit, output, error) = await RunAsync([.. common, "--make-conf", makeConf]);

        Assert.True(plainExit == 0, plainError);
        Assert.True(exit == 0, error);
        Assert.DoesNotContain("textproc/wordcount", plain, StringComparison.Ordinal);
        Assert.Contains("textproc/wordcount", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_MakeConfMissing_FailsNamingTheFile()
    {
        var (exit, _, error) = await RunAsync("status", "misc/hello", "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache", "--make-conf", "/nonexistent/LiveSystem-make.conf");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("/nonexistent/LiveSystem-make.conf", error, StringComparison.Ordinal);
    }
}
