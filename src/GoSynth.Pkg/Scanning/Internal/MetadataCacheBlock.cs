namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// One context's entries as they are on disk (<paramref name="Count"/> entries, encoded back to back), not parsed: a scan
/// uses one context, so the others stay bytes until one is used, and are written back as they were.
/// </summary>
internal sealed record MetadataCacheBlock(string Context, int Count, byte[] Bytes);
