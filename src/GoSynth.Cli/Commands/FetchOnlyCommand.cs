using System.CommandLine;
using System.Globalization;
using GoSynth.Builder.Running;
using GoSynth.Cli.Build;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth fetch-only [ports…|everything]</c>: dsynth's <c>fetch-only</c>. Every port of the closure that has
/// distfiles gets a slot in which only its fetch and checksum phases run (<see cref="BuildRunMode.FetchOnly"/>); nothing is
/// built, packaged or recorded as built, and the catalog is not touched. Asks first, as build does (<c>-y</c>). Prints
/// a line per port, then the counts and each failure with its log excerpt. Exit 0 when every fetch succeeded, 1 when
/// one failed, 130 when interrupted.
/// </summary>
internal static class FetchOnlyCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var ports = BuildDirective.PortsArgument("Ports as category/port[@flavor]; none or 'everything' for the whole tree.");
        var command = new Command("fetch-only", "Download and verify the distfiles of the ports (and what they need) without building anything.") { ports };
        CliAction.Set(command, global, host, invocation => RunAsync(invocation, invocation.Get(ports) ?? []));
        return command;
    }

    private static async Task<int> RunAsync(CliInvocation invocation, IReadOnlyList<string> ports)
    {
        var services = CliServices.Create(invocation, ConfigurationUse.Required);
        await using var disposeServices = services.ConfigureAwait(false);
        var options = services.Options;
        var what = ports.Count == 0 ? "everything" : string.Join(' ', ports);
        if (!await invocation.ConfirmAsync($"fetch-only {what} with profile {options.Profile} into {options.DistfilesDirectory}?").ConfigureAwait(false))
        {
            await invocation.ErrorLineAsync("not confirmed; nothing was fetched").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var settings = BuildDirective.Settings(invocation, ports) with { Mode = BuildRunMode.FetchOnly };
        var display = BuildDisplay.Create(settings, invocation.Host, invocation.Output, services.Provider);
        await using var closeDisplay = display.ConfigureAwait(false);
        var result = await services.Get<BuildRunner>().RunAsync(
            new BuildRunOptions { Ports = ports, Mode = BuildRunMode.FetchOnly, Sinks = [display], ScanProgress = display },
            invocation.CancellationToken).ConfigureAwait(false);
        await display.DisposeAsync().ConfigureAwait(false);
        await BuildSummary.WriteFetchOnlyAsync(result, options.DistfilesDirectory, invocation.Output).ConfigureAwait(false);
        if (result.Aborted)
        {
            await invocation.ErrorLineAsync("interrupted; the run is closed as aborted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }

        return result.Failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
