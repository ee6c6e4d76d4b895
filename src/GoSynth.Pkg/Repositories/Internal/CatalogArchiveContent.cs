namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>What one catalog archive held: its entries, the SHA-256 (hex) of the payload member as pkg signs it with
/// RSA or a certificate, its BLAKE2b digest as pkg's ECC signers sign it (only computed when a <c>signature</c> member
/// of a non-RSA type precedes the payload), and the signature members that preceded it (<c>signature</c>,
/// <c>&lt;member&gt;.sig</c>, <c>&lt;member&gt;.pub</c>).</summary>
internal sealed record CatalogArchiveContent(
    List<CatalogEntry> Entries, string MemberSha256, IReadOnlyDictionary<string, byte[]> SignatureMembers, byte[]? MemberBlake2b = null);
