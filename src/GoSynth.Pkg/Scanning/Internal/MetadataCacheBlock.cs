namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// One context's entries as they are on disk (<paramref name="Count"/> entries, encoded back to back), not parsed: a scan
/// uses one context, so the others stay bytes until one is used, and are written back as they were. <paramref name="Names"/>
/// are the paths its entries name (each entry's port and what else make read for it, relative to the tree), so the
/// fingerprint stamps they need are kept while the block stays unparsed.
/// </summary>
internal sealed record MetadataCacheBlock(string Context, int Count, byte[] Bytes, IReadOnlyCollection<string> Names);
