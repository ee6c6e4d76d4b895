namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Bounds what reading a package may expand to: the sum of its regular entries' sizes may not pass the manifest's
/// <c>flatsize</c> nor a cap, and the number of entries may not pass a cap. Each entry is checked from its tar header,
/// before any of its bytes are read, so a lying manifest or header costs nothing past the declared size.
/// </summary>
internal sealed class PayloadBudget(string file, long flatSize, long maxBytes, int maxEntries)
{
    private long _used;
    private int _entries;

    public long Used => _used;

    /// <summary>Accounts for an entry of <paramref name="length"/> bytes; throws <see cref="PackageErrorKind.TooLarge"/>
    /// when it does not fit.</summary>
    public void Take(string entry, long length)
    {
        if (++_entries > maxEntries)
        {
            throw new PackageFormatException(PackageErrorKind.TooLarge, file, entry,
                $"the archive holds more than {maxEntries} entries, the configured limit");
        }

        if (length < 0 || length > maxBytes - _used)
        {
            throw new PackageFormatException(PackageErrorKind.TooLarge, file, entry,
                $"the entry's {length} bytes would bring the payload past the configured limit of {maxBytes} bytes");
        }

        if (length > flatSize - _used)
        {
            throw new PackageFormatException(PackageErrorKind.TooLarge, file, entry,
                $"the entry's {length} bytes would bring the payload to {_used + length} bytes, more than the {flatSize} bytes (flatsize) +MANIFEST declares");
        }

        _used += length;
    }
}
