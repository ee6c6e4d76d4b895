using System.Collections.Immutable;
using GoSynth.Pkg.Fingerprints.Internal;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// A metadata cache file read without parsing its entries: the framework variable sets and the contexts' blocks, each
/// list most recently used first, and the fingerprint stamps by full path.
/// </summary>
internal sealed record MetadataCacheBlocks(
    IReadOnlyList<KeyValuePair<string, ImmutableSortedDictionary<string, string>>> Frameworks,
    IReadOnlyList<MetadataCacheBlock> Contexts,
    IReadOnlyList<KeyValuePair<string, FingerprintStamp>> Stamps);
