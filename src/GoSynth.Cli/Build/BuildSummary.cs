using System.Globalization;
using GoSynth.Builder.Running;

namespace GoSynth.Cli.Build;

/// <summary>The lines printed after a run: the counts, the failures with their log excerpts, the catalog and obsolete packages.</summary>
internal static class BuildSummary
{
    public static async Task WriteAsync(BuildRunResult result, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c,
            $"Built {result.Built}, failed {result.Failed}, skipped {result.Skipped}, ignored {result.CountOf(BuildRunPortStatus.Ignored)}, up to date {result.CountOf(BuildRunPortStatus.UpToDate)}, meta {result.CountOf(BuildRunPortStatus.Meta)}, unbuildable {result.CountOf(BuildRunPortStatus.Unbuildable)}{Interrupted(result)} in {Clock.Format(result.Elapsed)} (run {result.RunId})"))
            .ConfigureAwait(false);
        if (result.DependencyReuse is { } reuse && reuse.Installed + reuse.Reused > 0)
        {
            await output.WriteLineAsync(string.Create(c,
                $"Dependencies: {reuse.Installed} packages installed in {reuse.InstallTime.TotalSeconds:0.0} s, {reuse.Reused} kept in their slots (about {reuse.EstimatedTimeSaved.TotalSeconds:0.0} s saved)"))
                .ConfigureAwait(false);
        }

        await FailuresAsync(result, output).ConfigureAwait(false);
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

    /// <summary>The lines after a fetch-only run: the counts, then the failures with their log excerpts.</summary>
    public static async Task WriteFetchOnlyAsync(BuildRunResult result, string distfiles, TextWriter output)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Fetched {result.Fetched}, failed {result.Failed}, nothing to fetch {result.NothingToFetch}{Interrupted(result)} in {Clock.Format(result.Elapsed)} (run {result.RunId}); distfiles in {distfiles}"))
            .ConfigureAwait(false);
        await FailuresAsync(result, output).ConfigureAwait(false);
    }

    private static string Interrupted(BuildRunResult result) => result.Aborted
        ? string.Create(CultureInfo.InvariantCulture, $", interrupted {result.CountOf(BuildRunPortStatus.Interrupted)}, not started {result.CountOf(BuildRunPortStatus.NotStarted)}")
        : "";

    /// <summary>Each failed port with its phase, reason, log excerpt and log file; then the stale slots torn down.</summary>
    private static async Task FailuresAsync(BuildRunResult result, TextWriter output)
    {
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
    }
}
