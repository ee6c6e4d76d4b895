using System.CommandLine;
using GoSynth.Cli.Build;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth everything</c>: dsynth's <c>everything</c>: builds the whole tree, then rebuilds the repository catalog.</summary>
internal static class EverythingCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var command = new Command("everything", "Build the whole tree, then rebuild the repository catalog (the same as 'build everything').");
        CliAction.Set(command, global, host, invocation => BuildRunnerCli.RunAsync(invocation, BuildDirective.Settings(invocation, [])));
        return command;
    }
}
