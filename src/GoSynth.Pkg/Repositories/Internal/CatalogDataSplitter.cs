using System.Text.Json;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Splits a streamed <c>data</c> member (<c>{"groups":[…],"expired_packages":[…],"packages":[{…},…]}</c>) into its
/// package objects with a resumable <see cref="Utf8JsonReader"/>, holding at most one object (or one token) in
/// memory, bounded by <see cref="CatalogReadOptions.MaxEntryBytes"/>. Reading stops at the end of the root object.
/// </summary>
internal static class CatalogDataSplitter
{
    private static readonly JsonReaderOptions s_options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static async Task<List<CatalogEntry>> ReadAsync(
        CatalogStreamReader.ChunkSource source, string filePath, string member, CatalogReadOptions limits, CancellationToken cancellationToken)
    {
        var scan = new Scan(filePath, member, limits);
        var buffer = new byte[Math.Min(64 * 1024, limits.MaxEntryBytes + 1)];
        int start = 0, end = 0;
        var state = new JsonReaderState(s_options);
        var eof = false;
        while (true)
        {
            start = scan.Run(buffer, start, end, eof, ref state);
            if (eof || scan.Done)
            {
                break;
            }

            var keep = scan.EntryStart >= 0 ? scan.EntryStart : start;
            if (end - keep > limits.MaxEntryBytes)
            {
                throw new CatalogFormatException(CatalogErrorKind.TooLarge, filePath, $"{member} packages[{scan.Entries.Count}]",
                    $"an entry (or a single value) is longer than the {limits.MaxEntryBytes} bytes allowed for one entry");
            }

            if (keep > 0)
            {
                buffer.AsSpan(keep, end - keep).CopyTo(buffer);
                end -= keep;
                start -= keep;
                scan.EntryStart = scan.EntryStart >= 0 ? scan.EntryStart - keep : -1;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limits.MaxEntryBytes + 1L));
            }

            var n = await source.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            eof = n == 0;
            end += n;
        }

        if (!scan.SawPackages)
        {
            throw new CatalogFormatException(CatalogErrorKind.BadEntry, filePath, member, "the catalog has no 'packages' array");
        }

        return scan.Entries;
    }

    private sealed class Scan(string filePath, string member, CatalogReadOptions limits)
    {
        private bool _nextIsPackages;
        private bool _inPackages;

        public List<CatalogEntry> Entries { get; } = [];

        public int EntryStart { get; set; } = -1;

        public bool SawPackages { get; private set; }

        public bool Done { get; private set; }

        /// <summary>Reads the complete tokens in <c>buffer[start..end]</c>; returns the index after the last one.</summary>
        public int Run(byte[] buffer, int start, int end, bool final, ref JsonReaderState state)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), final, state);
            try
            {
                while (!Done && reader.Read())
                {
                    Token(ref reader, buffer, start);
                }
            }
            catch (JsonException ex)
            {
                throw new CatalogFormatException(CatalogErrorKind.BadEntry, filePath, $"{member} packages[{Entries.Count}]",
                    $"the catalog is not JSON ({ex.Message})", ex);
            }

            state = reader.CurrentState;
            return start + (int)reader.BytesConsumed;
        }

        private void Token(ref Utf8JsonReader reader, byte[] buffer, int start)
        {
            var depth = reader.CurrentDepth;
            var type = reader.TokenType;
            if (depth == 0)
            {
                if (type is not (JsonTokenType.StartObject or JsonTokenType.EndObject))
                {
                    throw new CatalogFormatException(CatalogErrorKind.BadEntry, filePath, member, "the catalog is not a JSON object");
                }

                Done = type == JsonTokenType.EndObject;
                return;
            }

            if (depth == 1)
            {
                if (type == JsonTokenType.PropertyName)
                {
                    _nextIsPackages = reader.ValueTextEquals("packages"u8);
                }
                else if (type == JsonTokenType.StartArray && _nextIsPackages)
                {
                    _inPackages = SawPackages = true;
                }
                else if (type == JsonTokenType.EndArray)
                {
                    _inPackages = false;
                }
                else if (_nextIsPackages && type != JsonTokenType.StartArray)
                {
                    throw new CatalogFormatException(CatalogErrorKind.BadEntry, filePath, member, "'packages' is not an array");
                }

                return;
            }

            if (depth != 2 || !_inPackages)
            {
                return;
            }

            var where = $"{member} packages[{Entries.Count}]";
            if (type == JsonTokenType.StartObject)
            {
                EntryStart = start + (int)reader.TokenStartIndex;
            }
            else if (type == JsonTokenType.EndObject)
            {
                if (Entries.Count >= limits.MaxEntries)
                {
                    throw new CatalogFormatException(CatalogErrorKind.TooLarge, filePath, where, $"the catalog holds more than the {limits.MaxEntries} entries allowed");
                }

                var after = start + (int)reader.BytesConsumed;
                Entries.Add(CatalogStreamReader.ParseEntry(buffer.AsSpan(EntryStart, after - EntryStart), filePath, where));
                EntryStart = -1;
            }
            else
            {
                throw new CatalogFormatException(CatalogErrorKind.BadEntry, filePath, where, "a 'packages' item is not a JSON object");
            }
        }
    }
}
