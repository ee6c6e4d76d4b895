using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// pkg(8)'s <c>ecdsa</c> signer: ECDSA with SHA-256, the signature DER-encoded (<c>SEQUENCE { r, s }</c>) and stored
/// after a <c>$PKGSIGN:ecdsa$</c> head. A key-signed catalog signs the 64-byte BLAKE2b digest of the member's bytes;
/// a certificate (signing command) signs the member's 64-character SHA-256 hex text. Keys are DER as pkg writes
/// them (SEC 1 private key, SubjectPublicKeyInfo public key) or PEM as OpenSSL writes them, on the curves pkg
/// accepts: secp256k1 (what <c>pkg key</c> makes), secp384r1, secp521r1 and the brainpool curves.
/// </summary>
internal static class PkgEcdsa
{
    public const string Type = "ecdsa";

    private const string Secp = "1.3.132.0.";

    private const string Brainpool = "1.3.36.3.3.2.8.1.1.";

    public static string? UnsupportedCurve(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        var oid = curve.Oid?.Value ?? string.Empty;
        var ok = oid is Secp + "10" or Secp + "34" or Secp + "35"
            || (oid.StartsWith(Brainpool, StringComparison.Ordinal) && int.TryParse(oid.AsSpan(Brainpool.Length), out var n) && n is >= 7 and <= 14);
        return ok ? null : $"the curve {curve.Oid?.FriendlyName ?? oid} is not one pkg accepts (secp256k1, secp384r1, secp521r1, brainpool)";
    }

    /// <summary>Reads a public key: PEM (any header .NET knows) or pkg's raw DER SubjectPublicKeyInfo.</summary>
    public static ECDsa ImportPublicKey(byte[] bytes)
    {
        var key = ECDsa.Create();
        try
        {
            if (IsPem(bytes))
            {
                key.ImportFromPem(Encoding.ASCII.GetString(bytes));
            }
            else
            {
                key.ImportSubjectPublicKeyInfo(bytes, out _);
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Reads a private key: PEM, pkg's own DER key (what <c>pkg key --create -t ecdsa</c> writes), or DER as
    /// SEC 1 (<c>openssl ec -outform DER</c>) or PKCS#8.</summary>
    public static ECDsa ImportPrivateKey(byte[] bytes)
    {
        var key = ECDsa.Create();
        try
        {
            if (IsPem(bytes))
            {
                key.ImportFromPem(Encoding.ASCII.GetString(bytes));
            }
            else if (ReadPkgKey(bytes) is { } parameters)
            {
                key.ImportParameters(parameters);
            }
            else
            {
                try
                {
                    key.ImportECPrivateKey(bytes, out _);
                }
                catch (CryptographicException)
                {
                    key.ImportPkcs8PrivateKey(bytes, out _);
                }
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public static bool Verify(ECDsa key, byte[] message, byte[] signature)
    {
        try
        {
            return key.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The <c>signature</c> member for a key-signed catalog member: the head and the DER signature of its BLAKE2b digest.</summary>
    public static byte[] SignMember(ECDsa key, byte[] blake2b)
    {
        var signature = key.SignData(blake2b, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Verify(key, blake2b, signature)
            ? [.. Encoding.ASCII.GetBytes(CatalogSignatureVerifier.Head + Type + "$"), .. signature]
            : throw new CryptographicException("the EC key produced a signature that does not verify; the key is damaged");
    }

    /// <summary>
    /// pkg's private key file: <c>SEQUENCE { UTF8String "pkg", INTEGER 1, UTF8String "ecc", UTF8String curve,
    /// BOOLEAN public (false), BIT STRING 0x04 ‖ scalar }</c>. <see langword="null"/> when the bytes are not in this
    /// form (then they are tried as SEC 1 and PKCS#8); a damaged key in this form is an error.
    /// </summary>
    private static ECParameters? ReadPkgKey(byte[] bytes)
    {
        try
        {
            var sequence = new AsnReader(bytes, AsnEncodingRules.DER).ReadSequence();
            if (!sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UTF8String)))
            {
                return null;
            }

            var application = sequence.ReadCharacterString(UniversalTagNumber.UTF8String);
            var version = sequence.ReadInteger();
            var signer = sequence.ReadCharacterString(UniversalTagNumber.UTF8String);
            var curveName = sequence.ReadCharacterString(UniversalTagNumber.UTF8String);
            var isPublic = sequence.ReadBoolean();
            var key = sequence.ReadBitString(out _);
            if (application != "pkg" || version != 1 || signer != "ecc" || isPublic || key.Length < 2 || key[0] != 0x04)
            {
                throw new CryptographicException($"not a pkg ECC private key (application '{application}', version {version}, signer '{signer}', public {isPublic})");
            }

            var curve = curveName.ToUpperInvariant() switch
            {
                "SECP256K1" => ECCurve.CreateFromValue(Secp + "10"),
                "SECP384R1" => ECCurve.CreateFromValue(Secp + "34"),
                "SECP521R1" or "SECP512R1" => ECCurve.CreateFromValue(Secp + "35"),
                var name when name.StartsWith("BRAINPOOLP", StringComparison.Ordinal) => ECCurve.CreateFromFriendlyName("brainpoolP" + name["BRAINPOOLP".Length..].ToLowerInvariant()),
                _ => throw new CryptographicException($"the pkg key's curve '{curveName}' is not an ECDSA curve (WEI25519 keys are EdDSA)"),
            };
            return new ECParameters { Curve = curve, D = key[1..] };
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static bool IsPem(byte[] bytes) => bytes.AsSpan().IndexOf("-----BEGIN "u8) >= 0;
}
