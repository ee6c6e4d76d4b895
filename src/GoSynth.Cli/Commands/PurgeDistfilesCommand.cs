using System.CommandLine;
using System.Globalization;
using GoSynth.Builder.Maintenance;
using GoSynth.Cli.Hosting;
using GoSynth.Cli.Live;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth purge-distfiles</c>: dsynth's <c>purge-distfiles</c>: scans the whole tree, lists the files of the distfiles
/// directory no port names, asks (<c>-y</c> answers), and deletes them. When a port cannot be evaluated its distfiles
/// are unknown, so nothing is deleted.
/// </summary>
internal static class PurgeDistfilesCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var command = new Command("purge-distfiles", "Delete the distfiles no port of the tree uses (asks first).");
        CliAction.Set(command, global, host, async invocation =>
        {
            var services = CliServices.Create(invocation, ConfigurationUse.Required);
            await using var disposeServices = services.ConfigureAwait(false);
            var distfiles = services.Options.DistfilesDirectory;
            var console = invocation.Global.Plain ? null : LiveTerminal.TryCreate(invocation.Output);
            var scan = await TerminalProgress.ScanAsync(console, services.Get<PortScanner>(), ScanRequest.Everything, invocation.CancellationToken).ConfigureAwait(false);
            var unevaluated = scan.Results.Where(r => r.Metadata is null && r.Status != PortQueryStatus.Removed).ToList();
            if (unevaluated.Count > 0)
            {
                await invocation.ErrorLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{unevaluated.Count} port(s) could not be evaluated (first: {unevaluated[0].Id}: {CliErrors.OneLine(unevaluated[0].Error ?? "")}), so their distfiles are unknown; nothing deleted. Fix them (gosynth status {unevaluated[0].Id}) and run purge-distfiles again."))
                    .ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var stale = DistfilePurge.FindUnreferenced(distfiles, scan.Results.Select(r => r.Metadata!).Where(m => m is not null));
            var total = Directory.EnumerateFiles(distfiles, "*", SearchOption.AllDirectories).Count();
            if (stale.Length == 0)
            {
                await invocation.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Every file of {distfiles} is used by a port ({total} files); nothing to delete.")).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (var file in stale)
            {
                await invocation.WriteLineAsync(Path.GetRelativePath(distfiles, file)).ConfigureAwait(false);
            }

            if (!await invocation.ConfirmAsync(string.Create(CultureInfo.InvariantCulture, $"Delete {stale.Length} of {total} items in {distfiles}?")).ConfigureAwait(false))
            {
                await invocation.ErrorLineAsync("not confirmed; nothing deleted").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await TerminalProgress.RunAsync(console, "Deleting distfiles", bar =>
            {
                for (var i = 0; i < stale.Length; i++)
                {
                    File.Delete(stale[i]);
                    bar.Report(new ProgressCount(i + 1, stale.Length));
                }

                return Task.FromResult(stale.Length);
            }).ConfigureAwait(false);

            await invocation.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Deleted {stale.Length} distfiles.")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
