namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>One cached make answer: the context it was computed in, the port directory's fingerprint, and the output.</summary>
internal sealed record MetadataCacheEntry(string Context, uint Fingerprint, RawMakeOutput Output);
