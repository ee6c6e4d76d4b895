namespace GoSynth.Pkg.Scanning;

/// <summary>How far a scan is, reported after every finished query.</summary>
/// <param name="Queried">make calls finished so far.</param>
/// <param name="Cached">Answers taken from the metadata cache instead of make.</param>
/// <param name="Pending">Queries waiting or running.</param>
/// <param name="Found">Nodes handed out with metadata.</param>
/// <param name="Failed">Nodes handed out as not found or corrupt.</param>
public readonly record struct ScanProgress(int Queried, int Cached, int Pending, int Found, int Failed);
