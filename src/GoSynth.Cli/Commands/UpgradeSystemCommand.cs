using System.CommandLine;
using GoSynth.Cli.Build;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth upgrade-system</c>: dsynth's <c>upgrade-system</c>: builds the packages installed on this host (origins and
/// flavors from pkg's database) and rebuilds the repository catalog; the upgrade itself is <c>pkg upgrade</c>, run by the
/// user, as in dsynth. A host without a pkg database (Linux) has no installed set: exit 2.
/// </summary>
internal static class UpgradeSystemCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var command = new Command("upgrade-system", "Build the packages installed on this host (from pkg's database) and rebuild the catalog; then run pkg upgrade.");
        CliAction.Set(command, global, host, async invocation =>
        {
            var installed = InstalledPackages.Read(invocation.Host.PkgDatabase, invocation.Directive);
            var code = await BuildRunnerCli.RunAsync(invocation, BuildDirective.Settings(invocation, installed)).ConfigureAwait(false);
            if (code == ExitCodes.Success)
            {
                await invocation.WriteLineAsync("The repository is up to date; upgrade this host with: pkg upgrade").ConfigureAwait(false);
            }

            return code;
        });
        return command;
    }
}
