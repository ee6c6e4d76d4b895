namespace GoSynth.Pkg.Repositories;

/// <summary>
/// Limits on what reading a repository catalog (or a package's compact manifest) may cost. A catalog is streamed, so
/// memory is bounded by the largest single entry and by the entries kept, never by the size an archive member claims.
/// </summary>
public sealed class CatalogReadOptions
{
    /// <summary>The largest catalog member (<c>data</c>, <c>packagesite.yaml</c>) read, in bytes, whatever its tar
    /// header claims; default 1 GiB (a full FreeBSD catalog is a few hundred MiB).</summary>
    public long MaxMemberBytes { get; set; } = 1L << 30;

    /// <summary>The largest single catalog entry (one package's JSON object or line), and the largest
    /// <c>+COMPACT_MANIFEST</c> read from a package, in bytes; default 16 MiB.</summary>
    public int MaxEntryBytes { get; set; } = 16 << 20;

    /// <summary>The most entries a catalog may hold; default 1,000,000.</summary>
    public int MaxEntries { get; set; } = 1_000_000;

    /// <summary>Checks the limits and throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (MaxMemberBytes < 1)
        {
            throw new ArgumentException("MaxMemberBytes must be at least 1", nameof(MaxMemberBytes));
        }

        if (MaxEntryBytes < 64)
        {
            throw new ArgumentException("MaxEntryBytes must be at least 64", nameof(MaxEntryBytes));
        }

        if (MaxEntries < 0)
        {
            throw new ArgumentException("MaxEntries must not be negative", nameof(MaxEntries));
        }
    }
}
