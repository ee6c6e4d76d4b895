using System.Globalization;
using GoSynth.Builder.Running;

namespace GoSynth.Cli.Build;

/// <summary>The lines printed after a run: the counts, the failures with their log excerpts, the catalog and obsolete packages.</summary>
internal static class BuildSummary
{
    public static async Task WriteAsync(BuildRunResult result, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var interrupted = result.Aborted
            ? string.Create(c, $", interrupted {result.CountOf(BuildRunPortStatus.Interrupted)}, not started {result.CountOf(BuildRunPortStatus.NotStarted)}")
            : "";
        await output.WriteLineAsync(string.Create(c,
            $"Built {result.Built}, failed {result.Failed}, skipped {result.Skipped}, ignored {result.CountOf(BuildRunPortStatus.Ignored)}, up to date {result.CountOf(BuildRunPortStatus.UpToDate)}, meta {result.CountOf(BuildRunPortStatus.Meta)}, unbuildable {result.CountOf(BuildRunPortStatus.Unbuildable)}{interrupted} in {result.Elapsed:hh\\:mm\\:ss} (run {result.RunId})"))
            .ConfigureAwait(false);
        if (result.DependencyReuse is { } reuse && reuse.Installed + reuse.Reused > 0)
        {
            await output.WriteLineAsync(string.Create(c,
                $"Dependencies: {reuse.Installed} packages installed in {reuse.InstallTime.TotalSeconds:0.0} s, {reuse.Reused} kept in their slots (about {reuse.EstimatedTimeSaved.TotalSeconds:0.0} s saved)"))
                .ConfigureAwait(false);
        }

        foreach (var failed in result.Ports.Where(p => p.Status == BuildRunPortStatus.Failed))
        {
            await output.WriteLineAsync($"Failed: {failed.Port}{(failed.Phase is null ? "" : $" in phase {failed.Phase}")}: {failed.Reason}").ConfigureAwait(false);
            foreach (var line in (failed.LogExcerpt ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await output.WriteLineAsync("    " + line.TrimEnd('\r')).ConfigureAwait(false);
            }

            if (failed.LogFile is not null)
            {
                await output.WriteLineAsync("    log: " + failed.LogFile).ConfigureAwait(false);
            }
        }

        foreach (var slot in result.StaleSlotsCleaned)
        {
            await output.WriteLineAsync("Stale slot of a killed run torn down: " + slot).ConfigureAwait(false);
        }

        if (result.RepositoryError is not null)
        {
            await output.WriteLineAsync("Repository catalog not rebuilt: " + result.RepositoryError).ConfigureAwait(false);
        }
        else if (result.Repository is { } repository)
        {
            await output.WriteLineAsync(string.Create(c, $"Repository catalog rebuilt: {repository.Entries.Count} packages")
                + (repository.Failures.Count > 0 ? string.Create(c, $", {repository.Failures.Count} left out") : "")).ConfigureAwait(false);
        }

        if (result.ObsoletePackages.Length > 0)
        {
            await output.WriteLineAsync(string.Create(c, $"Obsolete packages (no port makes them; not deleted): {string.Join(' ', result.ObsoletePackages)}")).ConfigureAwait(false);
        }
    }
}
