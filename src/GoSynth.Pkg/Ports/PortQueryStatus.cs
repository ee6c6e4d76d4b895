namespace GoSynth.Pkg.Ports;

/// <summary>What the metadata query of one node found.</summary>
public enum PortQueryStatus
{
    /// <summary>make answered all 17 variables; <see cref="PortQueryResult.Metadata"/> is set.</summary>
    Found,

    /// <summary>The port directory does not exist, or make printed nothing (dsynth's "not found").</summary>
    NotFound,

    /// <summary>make failed, printed the wrong number of lines, or printed something unparsable (dsynth's "corrupt").</summary>
    Corrupt,

    /// <summary>The port was removed from the tree: its <c>MOVED</c> entry has no destination (<see cref="PortQueryResult.Error"/> gives the date and why).</summary>
    Removed,
}
