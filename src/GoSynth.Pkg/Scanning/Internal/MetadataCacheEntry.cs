using System.Collections.Immutable;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// One cached make answer: the context it was computed in, the port directory's fingerprint, the output, and what
/// else make read (other port directories and files of the tree, with their fingerprints then).
/// </summary>
internal sealed record MetadataCacheEntry(string Context, uint Fingerprint, RawMakeOutput Output, ImmutableArray<MakefileDependency> Dependencies);
