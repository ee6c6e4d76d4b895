using System.Collections.Immutable;
using GoSynth.Builder.Planning;

namespace GoSynth.Builder.History;

/// <summary>What an import read from a log: the builds, and the lines it could not read.</summary>
/// <param name="Builds">Every build result, in log order.</param>
/// <param name="Unparsed">Lines that look like results but could not be read.</param>
public sealed record LogImportResult(ImmutableArray<ImportedBuild> Builds, ImmutableArray<UnparsedLine> Unparsed)
{
    /// <summary>
    /// Seeds <paramref name="history"/> with expected durations: for each port, the mean of its successful builds in
    /// this log. Failures are not durations of a build and are left out.
    /// </summary>
    /// <returns>The number of ports given a duration.</returns>
    public int SeedDurations(BuildHistorySnapshot history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var count = 0;
        foreach (var port in Builds.Where(b => b.Succeeded).GroupBy(b => b.Port))
        {
            history.SetExpectedDuration(port.Key, TimeSpan.FromSeconds(port.Average(b => b.Duration.TotalSeconds)));
            count++;
        }

        return count;
    }
}
