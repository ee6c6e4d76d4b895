namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>What one catalog archive held: its entries, the SHA-256 (hex) of the payload member as pkg signs it,
/// and the signature members that preceded it (<c>signature</c>, <c>&lt;member&gt;.sig</c>, <c>&lt;member&gt;.pub</c>).</summary>
internal sealed record CatalogArchiveContent(
    List<CatalogEntry> Entries, string MemberSha256, IReadOnlyDictionary<string, byte[]> SignatureMembers);
