using System.Collections.Immutable;
using GoSynth.Pkg.Repositories;

namespace GoSynth.Builder.Running;

/// <summary>What a run did: every node's end, the counts, and what happened to the repository.</summary>
public sealed class BuildRunResult
{
    private readonly int[] _counts;

    internal BuildRunResult(long runId, bool aborted, TimeSpan elapsed, ImmutableArray<BuildRunPort> ports)
    {
        RunId = runId;
        Aborted = aborted;
        Elapsed = elapsed;
        Ports = ports;
        _counts = new int[Enum.GetValues<BuildRunPortStatus>().Length];
        foreach (var port in ports)
        {
            _counts[(int)port.Status]++;
        }
    }

    /// <summary>The run's id in the build database.</summary>
    public long RunId { get; }

    /// <summary>True when the run was interrupted (and is closed as aborted in the build database).</summary>
    public bool Aborted { get; }

    /// <summary>Wall time of the run, from taking the lock to the end.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Every node of the plan, in build order.</summary>
    public ImmutableArray<BuildRunPort> Ports { get; }

    /// <summary>Dependency packages installed and kept in slots over the run, and the time keeping them saved.</summary>
    public DependencyReuse DependencyReuse => DependencyReuse.Sum(Ports.Select(p => (p.InstalledPackages, p.ReusedPackages, p.InstallTime)));

    /// <summary>Ports built.</summary>
    public int Built => CountOf(BuildRunPortStatus.Built);

    /// <summary>Ports whose build (or, in a fetch-only run, fetch or checksum) failed.</summary>
    public int Failed => CountOf(BuildRunPortStatus.Failed);

    /// <summary>Ports whose distfiles a fetch-only run fetched and verified.</summary>
    public int Fetched => CountOf(BuildRunPortStatus.Fetched);

    /// <summary>Ports a fetch-only run had nothing to fetch for.</summary>
    public int NothingToFetch => CountOf(BuildRunPortStatus.NothingToFetch);

    /// <summary>What the run did: build, fetch only, or test.</summary>
    public BuildRunMode Mode { get; init; }

    /// <summary>Ports skipped (a dependency failed, or as planned).</summary>
    public int Skipped => CountOf(BuildRunPortStatus.Skipped);

    /// <summary>True when the run ended without an interruption and without a failed build.</summary>
    public bool Succeeded => !Aborted && Failed == 0;

    /// <summary>
    /// Package files in the repository that no port of the tree makes now (dsynth's obsolete packages); computed only
    /// when the whole tree was scanned, else empty.
    /// </summary>
    public ImmutableArray<string> ObsoletePackages { get; init; } = [];

    /// <summary>The catalog rebuild at the end; null when it was not run (just-build, interrupted, no repository, or it failed).</summary>
    public RepositoryRebuildResult? Repository { get; init; }

    /// <summary>Why the catalog rebuild failed, when it did.</summary>
    public string? RepositoryError { get; init; }

    /// <summary>Slot directories a killed run left behind, torn down before this run.</summary>
    public ImmutableArray<string> StaleSlotsCleaned { get; init; } = [];

    /// <summary>Notes of the scan (a tree without a pkg port, a port that moved) for a person.</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>How many nodes ended with <paramref name="status"/>.</summary>
    public int CountOf(BuildRunPortStatus status) => (uint)status < (uint)_counts.Length ? _counts[(int)status] : 0;
}
