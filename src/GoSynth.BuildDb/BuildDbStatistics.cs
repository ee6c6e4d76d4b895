namespace GoSynth.BuildDb;

/// <summary>Counts and sizes of a database.</summary>
public sealed record BuildDbStatistics
{
    /// <summary>The database file.</summary>
    public required string Path { get; init; }

    /// <summary>The file format version.</summary>
    public required int FormatVersion { get; init; }

    /// <summary>The file size in bytes (valid records only).</summary>
    public required long FileBytes { get; init; }

    /// <summary>Valid records in the file.</summary>
    public required long Records { get; init; }

    /// <summary>Runs known.</summary>
    public required int Runs { get; init; }

    /// <summary>Runs still running.</summary>
    public required int RunningRuns { get; init; }

    /// <summary>Attempts known.</summary>
    public required long Attempts { get; init; }

    /// <summary>Attempts still running.</summary>
    public required int RunningAttempts { get; init; }

    /// <summary>Distinct nodes with at least one attempt.</summary>
    public required int Nodes { get; init; }

    /// <summary>Nodes with a successful build.</summary>
    public required int NodesWithSuccess { get; init; }
}
