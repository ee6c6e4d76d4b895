using System.Collections.Immutable;
using GoSynth.Pkg.Fingerprints.Internal;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// What a metadata cache file holds: the framework variables under their keys and the context keys, each list most
/// recently used first, the entries (each names its context), and the fingerprint stamps by full path.
/// </summary>
internal sealed record MetadataCacheContent(
    IReadOnlyList<KeyValuePair<string, ImmutableSortedDictionary<string, string>>> Frameworks,
    IReadOnlyList<string> Contexts,
    IReadOnlyList<KeyValuePair<QueryKey, MetadataCacheEntry>> Entries,
    IReadOnlyList<KeyValuePair<string, FingerprintStamp>> Stamps);
