using System.Text.Json;
using GoSynth.Builder.Reporting.Internal;

namespace GoSynth.Builder.Reporting;

/// <summary>
/// The state of a running build as a <see cref="RunMonitor"/> sees it at one moment, and as <see cref="MonitorSink"/>
/// writes it to its monitor file (JSON, replaced whole about once a second). Another process reads it with <see cref="ReadAsync"/>; this replaces dsynth's
/// <c>monitor.dat</c>, whose layout was a raw C structure.
/// </summary>
/// <param name="FormatVersion">The file format's version (<see cref="CurrentFormatVersion"/> when written).</param>
/// <param name="RunId">The run's id in the build database.</param>
/// <param name="Profile">The configuration profile.</param>
/// <param name="Running">True while the run goes on; false in the last snapshot of a run.</param>
/// <param name="Aborted">True when the run ended interrupted.</param>
/// <param name="Started">When the run started.</param>
/// <param name="Updated">When this snapshot was taken.</param>
/// <param name="Elapsed">The run's wall time so far.</param>
/// <param name="Builders">The configured number of builders.</param>
/// <param name="WorkerLimit">The builders the throttle allows now, when it has said.</param>
/// <param name="Slots">The busy slots.</param>
/// <param name="Totals">Counts of ports by state.</param>
/// <param name="Load">The 1-minute load average, when it could be read.</param>
/// <param name="SwapUsedPercent">Swap in use in percent, when it could be read.</param>
/// <param name="MemoryAvailableBytes">Memory available for new work, when it could be read.</param>
/// <param name="Rate">Ports finished (built or failed) per hour over the run (dsynth's Pkg/hour).</param>
/// <param name="Impulse">Ports finished per hour over the last ten minutes (dsynth's Impulse).</param>
public sealed record MonitorSnapshot(
    int FormatVersion,
    long RunId,
    string Profile,
    bool Running,
    bool Aborted,
    DateTimeOffset Started,
    DateTimeOffset Updated,
    TimeSpan Elapsed,
    int Builders,
    int? WorkerLimit,
    IReadOnlyList<MonitorSlot> Slots,
    MonitorTotals Totals,
    double? Load,
    double? SwapUsedPercent,
    long? MemoryAvailableBytes,
    int Rate,
    int Impulse)
{
    /// <summary>The format version this library writes.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>How many ports <see cref="Recent"/> holds at most.</summary>
    public const int RecentKept = 100;

    /// <summary>
    /// The ports that ended most recently (built, failed, skipped, ignored, unbuildable), oldest first, at most
    /// <see cref="RecentKept"/>: the scrolling list of a monitor's screen. Empty in a file written before it existed.
    /// </summary>
    public IReadOnlyList<MonitorFinishedPort> Recent
    {
        get;
        init => field = value ?? [];
    } = [];

    /// <summary>
    /// Reads a monitor file. The writer replaces the file by a rename, so a read sees one whole snapshot even while
    /// the file is being replaced.
    /// </summary>
    /// <param name="path">The monitor file.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The snapshot, or null when there is no monitor file (no run has written one).</returns>
    /// <exception cref="InvalidDataException">The file is not a monitor snapshot (names the file and what is wrong).</exception>
    public static async Task<MonitorSnapshot?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
                await using (stream.ConfigureAwait(false))
                {
                    var snapshot = await JsonSerializer.DeserializeAsync(stream, ReportingJsonContext.Default.MonitorSnapshot, cancellationToken).ConfigureAwait(false);
                    return snapshot ?? throw new InvalidDataException($"{path}: the monitor file holds null, not a snapshot");
                }
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }
            catch (JsonException e) when (attempt >= 3)
            {
                throw new InvalidDataException($"{path}: not a monitor snapshot ({e.Message})", e);
            }
            catch (Exception e) when (e is JsonException or IOException && attempt < 3)
            {
                // A file written by something other than the rename protocol; look again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>One busy slot in a <see cref="MonitorSnapshot"/>.</summary>
/// <param name="Slot">The slot number, 0-based.</param>
/// <param name="Port">The port it builds.</param>
/// <param name="Phase">The phase it is in (empty before the first phase).</param>
/// <param name="InPhase">Time spent in the phase.</param>
/// <param name="InPort">Time spent on the port.</param>
public sealed record MonitorSlot(int Slot, string Port, string Phase, TimeSpan InPhase, TimeSpan InPort);

/// <summary>A port that ended, in <see cref="MonitorSnapshot.Recent"/>.</summary>
/// <param name="Port">The node, <c>origin@flavor</c>.</param>
/// <param name="Result"><c>success</c>, <c>failure</c>, <c>skipped</c>, <c>ignored</c> or <c>unbuildable</c>.</param>
/// <param name="Time">When it ended (or, for a port the plan left out, when the plan was published).</param>
/// <param name="Duration">How long it was built; null when it was not.</param>
/// <param name="Detail">The failed phase, the failed dependency, or why the plan left it out; null for a success.</param>
public sealed record MonitorFinishedPort(string Port, string Result, DateTimeOffset Time, TimeSpan? Duration, string? Detail);

/// <summary>Counts of ports in a <see cref="MonitorSnapshot"/>.</summary>
/// <param name="Queued">Ports queued to build in the run.</param>
/// <param name="Built">Ports built.</param>
/// <param name="Failed">Ports that failed.</param>
/// <param name="Skipped">Ports skipped because a dependency failed, was skipped or cannot be built.</param>
/// <param name="Ignored">Ports ignored (IGNORE).</param>
/// <param name="Remaining">Queued ports not finished yet (waiting or building).</param>
/// <param name="Meta">Meta ports completed.</param>
public sealed record MonitorTotals(int Queued, int Built, int Failed, int Skipped, int Ignored, int Remaining, int Meta);
