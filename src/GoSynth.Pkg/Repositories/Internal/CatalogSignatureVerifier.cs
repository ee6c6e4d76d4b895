using System.Security.Cryptography;
using System.Text;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Checks a catalog archive's signature members as pkg's client does: a <c>signature</c> member (key-signed, checked
/// with <c>PUBKEY</c>), or <c>&lt;member&gt;.sig</c> + <c>&lt;member&gt;.pub</c> (signed by a command, checked against
/// the trusted and revoked SHA-256 fingerprints of the certificate). RSA (no head), ECDSA (<c>$PKGSIGN:ecdsa$</c>) and
/// EdDSA (<c>$PKGSIGN:eddsa$</c> or <c>$PKGSIGN:ecc$</c>) are verified; signers pkg does not know are reported as
/// unverifiable.
/// </summary>
internal static class CatalogSignatureVerifier
{
    public const string Head = "$PKGSIGN:";

    public static CatalogSignatureStatus Verify(CatalogArchiveContent content, string archivePath, string member, RepositoryVerifierOptions options)
    {
        var members = content.SignatureMembers;
        var archive = Path.GetFileName(archivePath);
        if (members.TryGetValue("signature", out var keySignature))
        {
            return VerifyKeySigned(archive, keySignature, content, options.PublicKeyPath);
        }

        members.TryGetValue(member + ".sig", out var sig);
        members.TryGetValue(member + ".pub", out var cert);
        if (sig is null && cert is null)
        {
            return CatalogSignatureStatus.Unsigned;
        }

        if (sig is null || cert is null)
        {
            return new(CatalogSignatureState.Invalid, $"{archive} has {(sig is null ? member + ".pub without " + member + ".sig" : member + ".sig without " + member + ".pub")}");
        }

        return VerifyCommandSigned(archive, sig, cert, content.MemberSha256, options.FingerprintsDirectory);
    }

    /// <summary>The status of two signed archives together: invalid if either is, else unverifiable if either is,
    /// else valid if either is, else unsigned.</summary>
    public static CatalogSignatureStatus Combine(CatalogSignatureStatus first, CatalogSignatureStatus second)
    {
        foreach (var state in new[] { CatalogSignatureState.Invalid, CatalogSignatureState.Unverifiable, CatalogSignatureState.Valid })
        {
            var matching = new[] { first, second }.Where(s => s.State == state).ToList();
            if (matching.Count > 0)
            {
                return new(state, string.Join("; ", matching.Select(s => s.Message)));
            }
        }

        return CatalogSignatureStatus.Unsigned;
    }

    /// <summary>Splits off a <c>$PKGSIGN:type$</c> head; no head means RSA.</summary>
    public static (string Type, byte[] Body) SplitHead(byte[] data)
    {
        var head = Encoding.ASCII.GetBytes(Head);
        if (!data.AsSpan().StartsWith(head))
        {
            return ("rsa", data);
        }

        var end = data.AsSpan(head.Length).IndexOf((byte)'$');
        return end < 0 ? ("?", data) : (Encoding.ASCII.GetString(data, head.Length, end), data[(head.Length + end + 1)..]);
    }

    private static CatalogSignatureStatus VerifyKeySigned(string archive, byte[] member, CatalogArchiveContent content, string? publicKeyPath)
    {
        var (type, signature) = SplitHead(member);
        if (type == PkgEcdsa.Type)
        {
            return VerifyEcdsaKeySigned(archive, signature, content.MemberBlake2b, publicKeyPath);
        }

        if (PkgEddsa.IsEddsa(type))
        {
            return VerifyEddsaKeySigned(archive, type, signature, content.MemberBlake2b, publicKeyPath);
        }

        if (type != "rsa")
        {
            return new(CatalogSignatureState.Unverifiable, $"{archive} is signed with a{Unsupported(type)} key; only RSA, ECDSA and EdDSA signatures are checked");
        }

        if (publicKeyPath is null)
        {
            return new(CatalogSignatureState.Unverifiable, $"{archive} is signed with an RSA key; give its public key (pkg's PUBKEY) to check it");
        }

        using var key = RSA.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(publicKeyPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            return new(CatalogSignatureState.Unverifiable, $"the public key '{publicKeyPath}' cannot be read as an RSA key ({ex.Message})");
        }

        return PkgRsa.VerifyKeySignature(key, content.MemberSha256, signature)
            ? new(CatalogSignatureState.Valid, $"{archive} is signed with the RSA key '{publicKeyPath}'")
            : new(CatalogSignatureState.Invalid, $"{archive}'s signature does not match the catalog with the RSA key '{publicKeyPath}'");
    }

    private static CatalogSignatureStatus VerifyEcdsaKeySigned(string archive, byte[] signature, byte[]? blake2b, string? publicKeyPath)
    {
        if (publicKeyPath is null)
        {
            return new(CatalogSignatureState.Unverifiable, $"{archive} is signed with an ECDSA key; give its public key (pkg's PUBKEY) to check it");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(publicKeyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(CatalogSignatureState.Unverifiable, $"the public key '{publicKeyPath}' cannot be read ({ex.Message})");
        }

        ECDsa key;
        try
        {
            key = PkgEcdsa.ImportPublicKey(bytes);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return new(CatalogSignatureState.Invalid, $"{archive} is signed with an ECDSA key but '{publicKeyPath}' is not an EC public key ({ex.Message})");
        }

        using (key)
        {
            if (PkgEcdsa.UnsupportedCurve(key) is { } curve)
            {
                return new(CatalogSignatureState.Invalid, $"{archive} cannot be checked with '{publicKeyPath}': {curve}");
            }

            // The reader computes the digest whenever an ECC signature precedes the payload; none means a reader bug.
            var message = blake2b ?? throw new InvalidOperationException("the catalog member's BLAKE2b digest was not computed");
            return PkgEcdsa.Verify(key, message, signature)
                ? new(CatalogSignatureState.Valid, $"{archive} is signed with the ECDSA key '{publicKeyPath}'")
                : new(CatalogSignatureState.Invalid, $"{archive}'s signature does not match the catalog with the ECDSA key '{publicKeyPath}'");
        }
    }

    private static CatalogSignatureStatus VerifyEddsaKeySigned(string archive, string type, byte[] signature, byte[]? blake2b, string? publicKeyPath)
    {
        if (publicKeyPath is null)
        {
            return new(CatalogSignatureState.Unverifiable, $"{archive} is signed with an EdDSA ('{type}') key; give its public key (pkg's PUBKEY) to check it");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(publicKeyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(CatalogSignatureState.Unverifiable, $"the public key '{publicKeyPath}' cannot be read ({ex.Message})");
        }

        byte[] key;
        try
        {
            key = PkgEddsa.ImportPublicKey(bytes);
        }
        catch (CryptographicException ex)
        {
            return new(CatalogSignatureState.Invalid, $"{archive} is signed with an EdDSA key but '{publicKeyPath}' is not an EdDSA public key: {ex.Message}");
        }

        // The reader computes the digest whenever an ECC signature precedes the payload; none means a reader bug.
        var message = blake2b ?? throw new InvalidOperationException("the catalog member's BLAKE2b digest was not computed");
        return PkgEddsa.Verify(key, message, signature)
            ? new(CatalogSignatureState.Valid, $"{archive} is signed with the EdDSA key '{publicKeyPath}'")
            : new(CatalogSignatureState.Invalid, $"{archive}'s signature does not match the catalog with the EdDSA key '{publicKeyPath}'");
    }

    private static string Unsupported(string type) => $" '{type}'";

    private static CatalogSignatureStatus VerifyCommandSigned(string archive, byte[] sigMember, byte[] certMember, string sha256, string? fingerprints)
    {
        var (type, signature) = SplitHead(sigMember);
        var (_, cert) = SplitHead(certMember);
        if (type is not "rsa" and not PkgEcdsa.Type && !PkgEddsa.IsEddsa(type))
        {
            return new(CatalogSignatureState.Unverifiable, $"{archive} is signed with a{Unsupported(type)} certificate; only RSA, ECDSA and EdDSA signatures are checked");
        }

        if (fingerprints is null)
        {
            return new(CatalogSignatureState.Unverifiable, $"{archive} is signed by a certificate; give a fingerprints directory (pkg's FINGERPRINTS) to check it");
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(cert));
        if (ReadFingerprints(Path.Combine(fingerprints, "revoked")).Contains(fingerprint))
        {
            return new(CatalogSignatureState.Invalid, $"{archive} is signed by a revoked certificate (sha256 {fingerprint})");
        }

        if (!ReadFingerprints(Path.Combine(fingerprints, "trusted")).Contains(fingerprint))
        {
            return new(CatalogSignatureState.Invalid, $"{archive} is signed by a certificate that is not trusted (sha256 {fingerprint} is not in {Path.Combine(fingerprints, "trusted")})");
        }

        if (type == PkgEcdsa.Type)
        {
            return VerifyEcdsaCertificate(archive, signature, cert, sha256, fingerprint);
        }

        if (PkgEddsa.IsEddsa(type))
        {
            return VerifyEddsaCertificate(archive, signature, cert, sha256, fingerprint);
        }

        using var key = RSA.Create();
        try
        {
            key.ImportFromPem(Encoding.ASCII.GetString(cert));
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return new(CatalogSignatureState.Invalid, $"{archive}'s certificate is not an RSA public key ({ex.Message})");
        }

        return PkgRsa.VerifyCertificateSignature(key, sha256, signature)
            ? new(CatalogSignatureState.Valid, $"{archive} is signed by the trusted certificate sha256 {fingerprint}")
            : new(CatalogSignatureState.Invalid, $"{archive}'s signature does not match the catalog (certificate sha256 {fingerprint})");
    }

    private static CatalogSignatureStatus VerifyEcdsaCertificate(string archive, byte[] signature, byte[] cert, string sha256, string fingerprint)
    {
        ECDsa key;
        try
        {
            key = PkgEcdsa.ImportPublicKey(cert);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return new(CatalogSignatureState.Invalid, $"{archive}'s certificate is not an EC public key ({ex.Message})");
        }

        using (key)
        {
            if (PkgEcdsa.UnsupportedCurve(key) is { } curve)
            {
                return new(CatalogSignatureState.Invalid, $"{archive}'s certificate cannot be used: {curve}");
            }

            return PkgEcdsa.Verify(key, Encoding.ASCII.GetBytes(sha256), signature)
                ? new(CatalogSignatureState.Valid, $"{archive} is signed (ECDSA) by the trusted certificate sha256 {fingerprint}")
                : new(CatalogSignatureState.Invalid, $"{archive}'s signature does not match the catalog (ECDSA certificate sha256 {fingerprint})");
        }
    }

    private static CatalogSignatureStatus VerifyEddsaCertificate(string archive, byte[] signature, byte[] cert, string sha256, string fingerprint)
    {
        byte[] key;
        try
        {
            key = PkgEddsa.ImportPublicKey(cert);
        }
        catch (CryptographicException ex)
        {
            return new(CatalogSignatureState.Invalid, $"{archive}'s certificate is not an EdDSA public key: {ex.Message}");
        }

        return PkgEddsa.Verify(key, Encoding.ASCII.GetBytes(sha256), signature)
            ? new(CatalogSignatureState.Valid, $"{archive} is signed (EdDSA) by the trusted certificate sha256 {fingerprint}")
            : new(CatalogSignatureState.Invalid, $"{archive}'s signature does not match the catalog (EdDSA certificate sha256 {fingerprint})");
    }

    /// <summary>The SHA-256 fingerprints in a pkg fingerprints directory (<c>function: sha256</c>, <c>fingerprint: hex</c> files).</summary>
    private static HashSet<string> ReadFingerprints(string directory)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(directory))
        {
            return result;
        }

        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var info = new FileInfo(file);
            if (info.Name.StartsWith('.') || info.Length > CatalogStreamReader.MaxSignatureBytes)
            {
                continue;
            }

            var keys = MetaConf.Parse(File.ReadAllText(file));
            if (keys.GetValueOrDefault("function", "sha256").Equals("sha256", StringComparison.OrdinalIgnoreCase)
                && keys.TryGetValue("fingerprint", out var value))
            {
                result.Add(value.Trim());
            }
        }

        return result;
    }
}
