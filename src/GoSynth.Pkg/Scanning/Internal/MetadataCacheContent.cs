using System.Collections.Immutable;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// What a metadata cache file holds: the framework variables under their keys and the context keys, each list most
/// recently used first, and the entries (each names its context).
/// </summary>
internal sealed record MetadataCacheContent(
    IReadOnlyList<KeyValuePair<string, ImmutableSortedDictionary<string, string>>> Frameworks,
    IReadOnlyList<string> Contexts,
    IReadOnlyList<KeyValuePair<QueryKey, MetadataCacheEntry>> Entries);
