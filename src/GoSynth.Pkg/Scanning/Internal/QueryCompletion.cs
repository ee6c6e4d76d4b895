namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>A finished query, flowing back from a worker to the coordinator.</summary>
internal sealed record QueryCompletion(QueryKey Key, RawMakeOutput? Output, bool DirectoryMissing, bool FromCache, Exception? Failure);
