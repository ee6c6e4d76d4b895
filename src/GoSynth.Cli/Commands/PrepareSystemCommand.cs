using System.CommandLine;
using GoSynth.Cli.Build;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth prepare-system</c>: dsynth's <c>prepare-system</c>: builds the packages installed on this host (origins
/// and flavors from pkg's database) and rebuilds the repository catalog, without upgrading anything. A host without a
/// pkg database (Linux) has no installed set: exit 2.
/// </summary>
internal static class PrepareSystemCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var command = new Command("prepare-system", "Build the packages installed on this host (from pkg's database) and rebuild the catalog, without upgrading.");
        CliAction.Set(command, global, host, invocation =>
            BuildRunnerCli.RunAsync(invocation, BuildDirective.Settings(invocation, InstalledPackages.Read(invocation.Host.PkgDatabase, invocation.Directive))));
        return command;
    }
}
