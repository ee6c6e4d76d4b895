namespace GoSynth.Pkg.Ports;

/// <summary>The outcome of querying one node: its metadata, or why there is none.</summary>
/// <param name="Id">The node queried (with its flavor made explicit when the port is flavored and it was found).</param>
/// <param name="Status">Found, not found or corrupt.</param>
/// <param name="Metadata">The metadata when <paramref name="Status"/> is <see cref="PortQueryStatus.Found"/>.</param>
/// <param name="Error">Why the node is not found or corrupt, including make's stderr; null when found.</param>
public sealed record PortQueryResult(PortId Id, PortQueryStatus Status, PortMetadata? Metadata, string? Error)
{
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
}
