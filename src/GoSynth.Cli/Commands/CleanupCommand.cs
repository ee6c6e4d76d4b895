using System.CommandLine;
using GoSynth.BuildDb;
using GoSynth.Cli.Hosting;
using GoSynth.Environment.Slots;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth cleanup</c>: dsynth's <c>cleanup</c>: tears down the slots (<c>SLnn</c> under the build base) and their
/// mounts that a killed run left behind. Refused while a build runs (exit 4): its slots are not stale.
/// </summary>
internal static class CleanupCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var command = new Command("cleanup", "Tear down the slots and mounts a killed run left under the build base.");
        CliAction.Set(command, global, host, async invocation =>
        {
            var services = CliServices.Create(invocation, ConfigurationUse.Required);
            await using var disposeServices = services.ConfigureAwait(false);
            var path = services.Options.EffectiveDatabasePath;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);

            // Holding the run lock while tearing down: no build can start meanwhile, and a running one makes this exit 4.
            var database = await services.Get<IBuildDatabaseFactory>().OpenAsync(invocation.CancellationToken).ConfigureAwait(false);
            await using (database.ConfigureAwait(false))
            {
                var results = await services.Get<SlotEnvironment>().CleanupStaleSlotsAsync(invocation.CancellationToken).ConfigureAwait(false);
                if (results.Count == 0)
                {
                    await invocation.WriteLineAsync($"No stale slot under {services.Options.BuildBase}.").ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                foreach (var result in results)
                {
                    await invocation.WriteLineAsync(result.Complete
                        ? $"Torn down {result.Root}"
                        : $"Could not fully tear down {result.Root}: {(result.RemainingMounts.Count > 0 ? "still mounted: " + string.Join(' ', result.RemainingMounts) : "directory left")}")
                        .ConfigureAwait(false);
                }

                return results.All(r => r.Complete) ? ExitCodes.Success : ExitCodes.Failure;
            }
        });
        return command;
    }
}
