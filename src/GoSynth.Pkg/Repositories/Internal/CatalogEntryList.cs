using System.Collections;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// The entries of a rebuild, in catalog order. Packages read in this rebuild carry their entry; packages taken from
/// the catalog cache carry only their catalog line, parsed into an entry the first time it is asked for, so an
/// incremental rebuild whose caller only counts entries parses nothing.
/// </summary>
internal sealed class CatalogEntryList(IReadOnlyList<CatalogEntry?> read, IReadOnlyList<byte[]> lines, string root) : IReadOnlyList<CatalogEntry>
{
    private readonly CatalogEntry?[] _entries = [.. read];

    public int Count => _entries.Length;

    public CatalogEntry this[int index] => _entries[index] ??= CatalogStreamReader.ParseEntry(lines[index], root, $"catalog cache entry {index}");

    public IEnumerator<CatalogEntry> GetEnumerator()
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
