using Org.BouncyCastle.Crypto.Digests;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Unkeyed BLAKE2b with a 64-byte digest (RFC 7693), the hash pkg's ECC signers sign a catalog member's bytes with.
/// .NET has no BLAKE2, so this is BouncyCastle's <see cref="Blake2bDigest"/> in the incremental shape the catalog
/// reader needs: a member is hashed while it streams by.
/// </summary>
internal sealed class Blake2b
{
    public const int DigestBytes = 64;

    private readonly Blake2bDigest _digest = new(DigestBytes * 8);

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new Blake2b();
        hash.Append(data);
        return hash.Finish();
    }

    public void Append(ReadOnlySpan<byte> data) => _digest.BlockUpdate(data);

    /// <summary>The digest of everything appended; the hash then starts over empty.</summary>
    public byte[] Finish()
    {
        var digest = new byte[DigestBytes];
        _digest.DoFinal(digest);
        return digest;
    }
}
