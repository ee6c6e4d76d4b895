using System.CommandLine;
using GoSynth.Cli.Build;
using GoSynth.Cli.Commands;

namespace GoSynth.Cli;

/// <summary>The command tree of <c>gosynth</c>. Each directive lives in <c>Commands/&lt;Verb&gt;Command.cs</c>.</summary>
internal static class GoSynthApp
{
    public static RootCommand CreateRootCommand(CliHost? host = null)
    {
        host ??= CliHost.Console;
        var root = new RootCommand("gosynth: build a FreeBSD/DragonFly ports tree into pkg(8) packages.");
        var global = new GlobalOptions();
        global.AddTo(root);
        root.Subcommands.Add(InitCommand.Create(global));
        root.Subcommands.Add(BuildCommand.Create("build", global, host));
        root.Subcommands.Add(BuildCommand.Create("just-build", global, host));
        root.Subcommands.Add(BuildCommand.Create("force", global, host));
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(RebuildRepositoryCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(PackageInfoCommand.Create());
        root.Subcommands.Add(ServeCommand.Create(global, host));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = CreateRootCommand();
        var parse = root.Parse(args);

        // Ctrl+C and SIGTERM cancel the directive's token and nothing else: a build then tears its slots down and
        // closes its run, however long that takes (System.CommandLine's own handler would end the process after 2 s).
        using var interrupt = new CancellationTokenSource();
        using var signals = new InterruptSignals(interrupt);
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupt.Token).ConfigureAwait(false);
    }
}
