using System.Security.Cryptography;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Streams a catalog archive (<c>data.pkg</c>, <c>packagesite.pkg</c>): the payload member is decompressed in chunks
/// and split into entries as it goes, so memory is bounded by the largest entry, never by the size a tar header
/// claims. Every member is checked against <see cref="CatalogReadOptions"/> before it is read; only the payload and
/// its signature members are read, and reading stops right after the payload.
/// </summary>
internal static class CatalogStreamReader
{
    /// <summary>Signature and certificate members are a few hundred bytes; anything past this is refused.</summary>
    public const int MaxSignatureBytes = 64 * 1024;

    public static async Task<CatalogArchiveContent> ReadAsync(
        string archivePath, string member, bool dataForm, CatalogReadOptions limits, CancellationToken cancellationToken)
    {
        var signatures = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var archive = await ArchiveReader.OpenFileAsync(archivePath, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            while (await archive.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var name = entry.Name.TrimStart('/');
                var isPayload = name == member;
                var isSignature = name == "signature" || name == member + ".sig" || name == member + ".pub";
                var limit = isPayload ? limits.MaxMemberBytes : isSignature ? MaxSignatureBytes : limits.MaxMemberBytes;
                if (entry.Length > limit)
                {
                    throw new CatalogFormatException(CatalogErrorKind.TooLarge, archivePath, $"member '{name}'",
                        $"the member claims {entry.Length} bytes, more than the {limit} allowed");
                }

                if (isSignature)
                {
                    signatures[name] = await archive.ReadAllAsync(entry, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!isPayload)
                {
                    continue;
                }

                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var blake2b = NeedsBlake2b(signatures) ? new Blake2b() : null;
                var source = new ChunkSource(entry.DataStream ?? Stream.Null, hash, archive, name, blake2b);
                var entries = dataForm
                    ? await CatalogDataSplitter.ReadAsync(source, archivePath, member, limits, cancellationToken).ConfigureAwait(false)
                    : await CatalogLineSplitter.ReadAsync(source, archivePath, member, limits, cancellationToken).ConfigureAwait(false);
                return new CatalogArchiveContent(entries, Convert.ToHexStringLower(hash.GetHashAndReset()), signatures, blake2b?.Finish());
            }
        }

        throw new CatalogFormatException(CatalogErrorKind.MissingMember, archivePath, $"member '{member}'", "the catalog archive has no such member");
    }

    /// <summary>Reads a v1 <c>meta.txz</c>-style archive: its <c>meta</c> member and the signature members before it,
    /// each bounded by <see cref="MaxSignatureBytes"/>.</summary>
    public static async Task<(byte[] Meta, CatalogArchiveContent Content)> ReadMetaArchiveAsync(string archivePath, CancellationToken cancellationToken)
    {
        var signatures = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var archive = await ArchiveReader.OpenFileAsync(archivePath, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            while (await archive.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var name = entry.Name.TrimStart('/');
                if (entry.Length > MaxSignatureBytes)
                {
                    throw new CatalogFormatException(CatalogErrorKind.TooLarge, archivePath, $"member '{name}'",
                        $"the member claims {entry.Length} bytes, more than the {MaxSignatureBytes} allowed in a meta archive");
                }

                if (name is "signature" or "meta.sig" or "meta.pub")
                {
                    signatures[name] = await archive.ReadAllAsync(entry, cancellationToken).ConfigureAwait(false);
                }
                else if (name == "meta")
                {
                    var meta = await archive.ReadAllAsync(entry, cancellationToken).ConfigureAwait(false);
                    return (meta, new CatalogArchiveContent([], Convert.ToHexStringLower(SHA256.HashData(meta)), signatures,
                        NeedsBlake2b(signatures) ? Blake2b.Hash(meta) : null));
                }
            }
        }

        throw new CatalogFormatException(CatalogErrorKind.MissingMember, archivePath, "member 'meta'", "the meta archive has no such member");
    }

    /// <summary>Parses one entry's bytes (a line or a <c>packages[]</c> object) into a catalog entry.</summary>
    public static CatalogEntry ParseEntry(ReadOnlySpan<byte> json, string filePath, string where)
    {
        var bad = Utf8Text.FirstInvalid(json);
        if (bad >= 0)
        {
            throw new CatalogFormatException(CatalogErrorKind.InvalidUtf8, filePath, where, $"the entry is not valid UTF-8 (bad byte 0x{json[bad]:x2} at offset {bad} of the entry)");
        }

        try
        {
            using var document = ManifestParser.OpenDocument(json.ToArray(), filePath, where);
            return RepositoryCatalog.ParseEntry(document.RootElement, filePath, where);
        }
        catch (InvalidOperationException ex)
        {
            throw new CatalogFormatException(CatalogErrorKind.InvalidUtf8, filePath, where, $"the entry holds a string that cannot be read ({ex.Message})", ex);
        }
    }

    /// <summary>Whether a key signature of an ECC type precedes the payload, so its BLAKE2b digest is needed.</summary>
    private static bool NeedsBlake2b(Dictionary<string, byte[]> signatures) =>
        signatures.TryGetValue("signature", out var signature) && CatalogSignatureVerifier.SplitHead(signature).Type != "rsa";

    /// <summary>The payload member read in chunks, hashed as it goes (and BLAKE2b-hashed when given one), with archive errors made typed.</summary>
    internal sealed class ChunkSource(Stream stream, IncrementalHash hash, ArchiveReader archive, string member, Blake2b? blake2b = null)
    {
        public long Total { get; private set; }

        public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            int n;
            try
            {
                n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ArchiveReader.IsFormatError(ex) && ex is not PackageFormatException and not CatalogFormatException)
            {
                throw archive.Wrap(ex, member);
            }

            hash.AppendData(buffer.Span[..n]);
            blake2b?.Append(buffer.Span[..n]);
            Total += n;
            return n;
        }
    }
}
