using System.CommandLine;

namespace GoSynth.Cli.Tests.Commands;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Version_Invoked_PrintsNameAndVersion()
    {
        var output = new StringWriter();
        var parse = GoSynthApp.CreateRootCommand().Parse(["version"]);
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith("gosynth 0.1.0", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDirective_Invoked_ExitsNonZero()
    {
        var error = new StringWriter();
        var parse = GoSynthApp.CreateRootCommand().Parse(["no-such-directive"]);
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error }, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exit);
        Assert.Contains("no-such-directive", error.ToString(), StringComparison.Ordinal);
    }
}
