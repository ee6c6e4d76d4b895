using System.CommandLine;
using GoSynth.Cli.Build;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth fetch-only [ports…|everything]</c>: dsynth's <c>fetch-only</c> (download the distfiles only). The builder
/// has no fetch-only run yet, so the directive says so and exits 1 without doing anything; every build fetches what it
/// needs in its fetch phase.
/// </summary>
internal static class FetchOnlyCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var ports = BuildDirective.PortsArgument("Ports as category/port[@flavor]; none or 'everything' for the whole tree.");
        var command = new Command("fetch-only", "Download the distfiles of the ports without building them (not available yet).") { ports };
        CliAction.Set(command, global, host, invocation =>
            throw new CliException(ExitCodes.Failure, "not available yet: the builder has no fetch-only run; nothing was fetched. A build fetches each port's distfiles in its fetch phase."));
        return command;
    }
}
