using System.CommandLine;
using GoSynth.Cli.Commands;

namespace GoSynth.Cli;

/// <summary>The command tree of <c>gosynth</c>. Each directive lives in <c>Commands/&lt;Verb&gt;Command.cs</c>.</summary>
internal static class GoSynthApp
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("gosynth: build a FreeBSD/DragonFly ports tree into pkg(8) packages.");
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(RebuildRepositoryCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(PackageInfoCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = CreateRootCommand();
        var parse = root.Parse(args);
        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
