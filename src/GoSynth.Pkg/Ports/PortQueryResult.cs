using System.Collections.Immutable;

namespace GoSynth.Pkg.Ports;

/// <summary>The outcome of querying one node: its metadata, or why there is none.</summary>
/// <param name="Id">The node queried (with its flavor made explicit when the port is flavored and it was found).</param>
/// <param name="Status">Found, not found, corrupt or removed.</param>
/// <param name="Metadata">
/// The metadata when <paramref name="Status"/> is <see cref="PortQueryStatus.Found"/>; for a corrupt node whose answers
/// were read but whose dependencies could not be parsed, what could be read (without dependencies); else null.
/// </param>
/// <param name="Error">Why the node is not found, corrupt or removed, including make's stderr; null when found.</param>
public sealed record PortQueryResult(PortId Id, PortQueryStatus Status, PortMetadata? Metadata, string? Error)
{
    /// <summary>
    /// What make printed for a node whose answers could not all be used (a dependency that does not parse): one line
    /// per variable of <see cref="Scanning.PortScanner.QueryVariables"/>. Empty for a found node (its
    /// <see cref="Metadata"/> holds everything) and when make printed nothing usable.
    /// </summary>
    public ImmutableArray<string> MakeAnswers { get; init; } = [];

    /// <summary>A found node.</summary>
    public static PortQueryResult Found(PortMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new(metadata.Id, PortQueryStatus.Found, metadata, null);
    }

    /// <summary>A node whose port does not exist.</summary>
    public static PortQueryResult NotFound(PortId id, string error) => new(id, PortQueryStatus.NotFound, null, error);

    /// <summary>A node whose metadata could not be read.</summary>
    public static PortQueryResult Corrupt(PortId id, string error) => new(id, PortQueryStatus.Corrupt, null, error);

    /// <summary>A node whose port was removed from the tree (its <c>MOVED</c> entry has no destination).</summary>
    public static PortQueryResult Removed(PortId id, string error) => new(id, PortQueryStatus.Removed, null, error);
}
