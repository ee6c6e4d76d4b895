namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>Splits a streamed <c>packagesite.yaml</c> member into lines (one JSON object each), holding at most one
/// line, bounded by <see cref="CatalogReadOptions.MaxEntryBytes"/>.</summary>
internal static class CatalogLineSplitter
{
    public static async Task<List<CatalogEntry>> ReadAsync(
        CatalogStreamReader.ChunkSource source, string filePath, string member, CatalogReadOptions limits, CancellationToken cancellationToken)
    {
        var entries = new List<CatalogEntry>();
        var buffer = new byte[Math.Min(64 * 1024, limits.MaxEntryBytes + 1)];
        int start = 0, end = 0, line = 0;
        var eof = false;
        while (true)
        {
            int newline;
            while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
            {
                Add(entries, buffer.AsSpan(start, newline), ++line, filePath, member, limits);
                start += newline + 1;
            }

            if (eof)
            {
                if (end > start)
                {
                    Add(entries, buffer.AsSpan(start, end - start), ++line, filePath, member, limits);
                }

                return entries;
            }

            if (end - start > limits.MaxEntryBytes)
            {
                throw new CatalogFormatException(CatalogErrorKind.TooLarge, filePath, $"{member} line {line + 1}",
                    $"the line is longer than the {limits.MaxEntryBytes} bytes allowed for one entry");
            }

            if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limits.MaxEntryBytes + 1L));
            }

            var n = await source.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                eof = true;
            }

            end += n;
        }
    }

    private static void Add(List<CatalogEntry> entries, ReadOnlySpan<byte> line, int number, string filePath, string member, CatalogReadOptions limits)
    {
        if (line.Trim(" \r\t"u8).IsEmpty)
        {
            return;
        }

        var where = $"{member} line {number}";
        if (entries.Count >= limits.MaxEntries)
        {
            throw new CatalogFormatException(CatalogErrorKind.TooLarge, filePath, where, $"the catalog holds more than the {limits.MaxEntries} entries allowed");
        }

        entries.Add(CatalogStreamReader.ParseEntry(line, filePath, where));
    }
}
