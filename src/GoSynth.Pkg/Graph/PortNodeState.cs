namespace GoSynth.Pkg.Graph;

/// <summary>What the graph knows about a node before anything is built.</summary>
public enum PortNodeState
{
    /// <summary>The port can be built: its metadata is complete and every dependency is buildable or meta.</summary>
    Buildable,

    /// <summary>A meta port (<c>USES=metaport</c>): only dependencies, nothing to compile; every dependency is buildable or meta.</summary>
    Meta,

    /// <summary>The port sets <c>IGNORE</c>; <see cref="PortNode.Reason"/> is its text.</summary>
    Ignored,

    /// <summary>The port does not exist in the tree (or the scan did not reach it); <see cref="PortNode.Reason"/> says why.</summary>
    NotFound,

    /// <summary>The port's metadata could not be read; <see cref="PortNode.Reason"/> holds make's error.</summary>
    Corrupt,

    /// <summary>
    /// A dependency, directly or transitively, is ignored, not found, corrupt or unbuildable;
    /// <see cref="PortNode.Reason"/> names the chain down to the culprit.
    /// </summary>
    Unbuildable,

    /// <summary>
    /// Buildable, but in the graph only to serve nodes that will not be built (ignored, unbuildable, not found…), and
    /// not requested itself: it is not built. <see cref="PortNode.Reason"/> names who needed it.
    /// </summary>
    NotNeeded,

    /// <summary>The port was removed from the tree (its <c>MOVED</c> entry has no destination); <see cref="PortNode.Reason"/> gives the date and why.</summary>
    Removed,
}
