using System.Collections.Immutable;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>What a metadata cache file holds.</summary>
internal sealed record MetadataCacheContent(
    string Context,
    string FrameworkKey,
    ImmutableSortedDictionary<string, string>? Framework,
    IReadOnlyList<KeyValuePair<QueryKey, MetadataCacheEntry>> Entries);
