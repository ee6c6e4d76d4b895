using System.CommandLine;
using GoSynth.BuildDb;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth reset-db</c>: dsynth's <c>reset-db</c>: deletes the build database (GoSynth's history, the counterpart of
/// dsynth's ports_crc.db) after asking (<c>-y</c> answers). The next build plans every port as never built; packages
/// are not deleted. Refused while a build holds the database (exit 4).
/// </summary>
internal static class ResetDbCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var command = new Command("reset-db", "Delete the build database (history, fingerprints, durations); packages stay.");
        CliAction.Set(command, global, host, async invocation =>
        {
            var options = CliServices.LoadConfiguration(invocation);
            var path = options.EffectiveDatabasePath;
            if (!File.Exists(path))
            {
                await invocation.WriteLineAsync($"No build database at {path}; nothing to reset.").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (!await invocation.ConfirmAsync($"Delete the build database {path} (every port's history)?").ConfigureAwait(false))
            {
                await invocation.ErrorLineAsync("not confirmed; the database is kept").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            // Opening it for writing takes the run lock: a running build refuses it (exit 4) instead of losing its file.
            var database = await BuildDatabase.OpenAsync(path, cancellationToken: invocation.CancellationToken).ConfigureAwait(false);
            await database.DisposeAsync().ConfigureAwait(false);
            File.Delete(path);
            await invocation.WriteLineAsync($"Deleted {path}; the next build plans every port as never built.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
