using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// pkg(8)'s EdDSA signer (<c>eddsa</c>, also registered as <c>ecc</c>): pure Ed25519 (RFC 8032, SHA-512, no context),
/// computed by libecc on its Weierstrass model of the curve (<see cref="PkgWei25519"/>). A key-signed catalog signs the
/// 64-byte BLAKE2b digest of the member's bytes; a certificate (signing command) signs the member's 64-character SHA-256
/// hex text. The signature member is <c>$PKGSIGN:&lt;signer name&gt;$</c> then <c>SEQUENCE { INTEGER, INTEGER }</c>
/// wrapping the 64 raw signature bytes R ‖ S: each 32-byte half is taken as a big-endian number as it stands (leading
/// zero bytes dropped, a zero byte put in front when the top bit is set), so reading left-pads each back to 32 bytes.
/// <para>Keys are pkg's own DER: <c>SEQUENCE { UTF8String "pkg", INTEGER 1, UTF8String "ecc", UTF8String "WEI25519",
/// BOOLEAN public, BIT STRING 0x04 ‖ key }</c>. A public key is the Weierstrass point X ‖ Y (32 bytes each,
/// big-endian); pkg writes the BOOLEAN true as 0x01, which DER forbids, so keys are read with BER. A private key is
/// libecc's stored form: not the 32-byte seed but its clamped SHA-512 expansion (scalar ‖ prefix, 64 bytes,
/// zero-padded in front to libecc's largest digest size). Ed25519 keys as OpenSSL writes them (PKCS#8 / SPKI, PEM or
/// DER) are accepted as well; pkg itself reads only its own form.</para>
/// </summary>
internal static class PkgEddsa
{
    /// <summary>The name <c>pkg key -t</c> and <c>pkg repo</c> use.</summary>
    public const string Type = "eddsa";

    /// <summary>pkg's other name for the same signer.</summary>
    public const string EccType = "ecc";

    private const string Ed25519Oid = "1.3.101.112";

    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    private const int RawSignatureLength = 64;

    public static bool IsEddsa(string type) => type is Type or EccType;

    /// <summary>
    /// Reads a public key and returns its RFC 8032 encoding (32 bytes): pkg's WEI25519 key (DER, or PEM around it), or an
    /// Ed25519 SubjectPublicKeyInfo (PEM or DER). Throws <see cref="CryptographicException"/> saying what the bytes are
    /// instead when they are no usable EdDSA key.
    /// </summary>
    public static byte[] ImportPublicKey(byte[] bytes)
    {
        var der = Unpem(bytes, "PUBLIC KEY");
        try
        {
            var sequence = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            var first = sequence.PeekTag();
            if (first.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UTF8String)))
            {
                return FromPkgPublicKey(ReadPkgKey(sequence, expectPublic: true));
            }

            var algorithm = sequence.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var key = sequence.ReadBitString(out var unused);
            return oid switch
            {
                Ed25519Oid when unused == 0 && key.Length == 32 => CheckedEncoding(PkgWei25519.Decode(key), "the Ed25519 public key is not a point of the curve"),
                Ed25519Oid => throw new CryptographicException($"the Ed25519 public key is {key.Length} bytes, not 32"),
                EcPublicKeyOid => throw new CryptographicException("it is an ECDSA (EC) public key, not an EdDSA one"),
                _ => throw new CryptographicException($"it is a public key of algorithm {oid}, not Ed25519"),
            };
        }
        catch (AsnContentException ex)
        {
            throw new CryptographicException($"it is neither a pkg WEI25519 key nor an Ed25519 public key ({ex.Message})", ex);
        }
    }

    /// <summary>Reads a private key: pkg's WEI25519 key (what <c>pkg key --create -t eddsa</c> writes) or an Ed25519
    /// PKCS#8 key (<c>openssl genpkey -algorithm ed25519</c>, PEM or DER).</summary>
    public static PrivateKey ImportPrivateKey(byte[] bytes)
    {
        var der = Unpem(bytes, "PRIVATE KEY");
        try
        {
            var sequence = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            if (sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UTF8String)))
            {
                return FromPkgPrivateKey(ReadPkgKey(sequence, expectPublic: false));
            }

            var version = sequence.ReadInteger();
            var oid = sequence.ReadSequence().ReadObjectIdentifier();
            if (oid != Ed25519Oid)
            {
                throw new CryptographicException(oid == EcPublicKeyOid ? "it is an ECDSA (EC) private key, not an EdDSA one" : $"it is a private key of algorithm {oid}, not Ed25519");
            }

            var seed = new AsnReader(sequence.ReadOctetString(), AsnEncodingRules.BER).ReadOctetString();
            return version > 1 || seed.Length != 32
                ? throw new CryptographicException($"the Ed25519 private key is malformed (version {version}, {seed.Length}-byte seed)")
                : PrivateKey.FromSeed(seed);
        }
        catch (AsnContentException ex)
        {
            throw new CryptographicException($"it is neither a pkg WEI25519 key nor an Ed25519 PKCS#8 key ({ex.Message})", ex);
        }
    }

    /// <summary>Checks a DER-wrapped signature (as pkg writes it) of <paramref name="message"/> with an encoded public key.</summary>
    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature) =>
        ReadSignature(signature) is { } raw && Ed25519.Verify(raw, 0, publicKey, 0, message, 0, message.Length);

    /// <summary>The <c>signature</c> member for a key-signed catalog member: the head with the signer's name, and the
    /// DER-wrapped signature of the member's BLAKE2b digest.</summary>
    public static byte[] SignMember(PrivateKey key, string type, byte[] blake2b)
    {
        var raw = key.Sign(blake2b);
        var signature = WriteSignature(raw);
        return Verify(key.PublicKey, blake2b, signature)
            ? [.. Encoding.ASCII.GetBytes(CatalogSignatureVerifier.Head + type + "$"), .. signature]
            : throw new CryptographicException("the EdDSA key produced a signature that does not verify; the key is damaged");
    }

    /// <summary>pkg's <c>SEQUENCE { r, s }</c> around the raw 64 bytes: each half as an unsigned big-endian INTEGER.</summary>
    public static byte[] WriteSignature(ReadOnlySpan<byte> raw)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Significant(raw[..32]));
            writer.WriteIntegerUnsigned(Significant(raw[32..]));
        }

        return writer.Encode();
    }

    /// <summary>The bytes from the first non-zero one on (one zero byte if all are zero).</summary>
    private static ReadOnlySpan<byte> Significant(ReadOnlySpan<byte> half)
    {
        var first = half.IndexOfAnyExcept((byte)0);
        return first < 0 ? half[^1..] : half[first..];
    }

    /// <summary>The raw R ‖ S of pkg's DER-wrapped signature, or <see langword="null"/> when it is not one.</summary>
    public static byte[]? ReadSignature(byte[] der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var sequence = outer.ReadSequence();
            var raw = new byte[RawSignatureLength];
            for (var half = 0; half < 2; half++)
            {
                var value = sequence.ReadIntegerBytes().Span;
                if ((value[0] & 0x80) != 0)
                {
                    return null;
                }

                if (value.Length > 1 && value[0] == 0)
                {
                    value = value[1..];
                }

                if (value.Length > 32)
                {
                    return null;
                }

                value.CopyTo(raw.AsSpan((half * 32) + 32 - value.Length));
            }

            sequence.ThrowIfNotEmpty();
            outer.ThrowIfNotEmpty();
            return raw;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>pkg's public key file for an encoded Ed25519 public key: the WEI25519 point in pkg's DER.</summary>
    public static byte[] ToPkgPublicKey(byte[] publicKey)
    {
        var point = PkgWei25519.Decode(publicKey) ?? throw new CryptographicException("not an Ed25519 public key");
        var xy = PkgWei25519.ToWeierstrassBytes(point) ?? throw new CryptographicException("the point has no Weierstrass image");
        return WritePkgKey(isPublic: true, xy);
    }

    /// <summary>pkg's key DER: <c>SEQUENCE { "pkg", 1, "ecc", "WEI25519", public, BIT STRING 0x04 ‖ key }</c>, the
    /// BOOLEAN as pkg writes it (0x01 for true).</summary>
    public static byte[] WritePkgKey(bool isPublic, ReadOnlySpan<byte> key)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, "pkg");
            writer.WriteInteger(1);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, EccType);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, "WEI25519");
            writer.WriteEncodedValue([0x01, 0x01, (byte)(isPublic ? 1 : 0)]);
            writer.WriteBitString([0x04, .. key]);
        }

        return writer.Encode();
    }

    private static byte[] FromPkgPublicKey(byte[] xy) => xy.Length == 64
        ? CheckedEncoding(PkgWei25519.FromWeierstrassBytes(xy), "the WEI25519 public key is not a point of the curve")
        : throw new CryptographicException($"the WEI25519 public key holds {xy.Length} bytes, not the 64 of a point X ‖ Y");

    private static PrivateKey FromPkgPrivateKey(byte[] stored)
    {
        // libecc keeps the clamped SHA-512 expansion of the seed, exported big-endian into its largest digest size:
        // the last 64 bytes are the expansion byte for byte, anything before them is zero.
        if (stored.Length < 64 || stored.AsSpan(0, stored.Length - 64).IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new CryptographicException($"the WEI25519 private key holds {stored.Length} bytes, not a 64-byte expanded EdDSA key");
        }

        var expanded = stored[^64..];
        if ((expanded[0] & 7) != 0 || (expanded[31] & 0xc0) != 0x40)
        {
            throw new CryptographicException("the WEI25519 private key is not a clamped EdDSA scalar");
        }

        return PrivateKey.FromExpanded(expanded);
    }

    private static byte[] CheckedEncoding(PkgWei25519.EdwardsPoint? point, string notAPoint)
    {
        if (point is not { } p)
        {
            throw new CryptographicException(notAPoint);
        }

        // libecc refuses a public key outside the prime-order subgroup (its cofactor is 8), and so does pkg.
        if (p.IsIdentity || !p.Multiply(PkgWei25519.L).IsIdentity)
        {
            throw new CryptographicException("the public key is not in the curve's prime-order subgroup");
        }

        return p.Encode();
    }

    /// <summary>The key bytes of pkg's key DER, after checking application, version, signer, curve and kind.</summary>
    private static byte[] ReadPkgKey(AsnReader sequence, bool expectPublic)
    {
        var application = sequence.ReadCharacterString(UniversalTagNumber.UTF8String);
        var version = sequence.ReadInteger();
        var signer = sequence.ReadCharacterString(UniversalTagNumber.UTF8String);
        var curve = sequence.ReadCharacterString(UniversalTagNumber.UTF8String);
        var isPublic = sequence.ReadBoolean();
        var key = sequence.ReadBitString(out var unused);
        if (application != "pkg" || version != 1 || signer != EccType)
        {
            throw new CryptographicException($"it is not a pkg key (application '{application}', version {version}, signer '{signer}')");
        }

        if (curve != "WEI25519")
        {
            throw new CryptographicException($"it is a pkg key on {curve}, an ECDSA curve, not an EdDSA (WEI25519) key");
        }

        if (isPublic != expectPublic)
        {
            throw new CryptographicException(isPublic ? "it is a public key where a private key is needed" : "it is a private key where a public key is needed");
        }

        return unused != 0 || key.Length < 2 || key[0] != 0x04
            ? throw new CryptographicException("the pkg key's BIT STRING does not start with 0x04")
            : key[1..];
    }

    private static byte[] Unpem(byte[] bytes, string label)
    {
        if (bytes.AsSpan().IndexOf("-----BEGIN "u8) < 0)
        {
            return bytes;
        }

        var text = Encoding.ASCII.GetString(bytes);
        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw new CryptographicException("the PEM text is malformed");
        }

        var found = text[fields.Label];
        return found == label
            ? Convert.FromBase64String(text[fields.Base64Data])
            : throw new CryptographicException($"the PEM block is a '{found}', not a '{label}'");
    }

    /// <summary>An Ed25519 signing key: either a seed (signed by BouncyCastle) or only its expansion (pkg's stored
    /// form, signed by <see cref="PkgWei25519"/>'s arithmetic as RFC 8032 5.1.6 says).</summary>
    internal sealed class PrivateKey
    {
        private readonly byte[]? _seed;

        private readonly BigInteger _scalar;

        private readonly byte[] _prefix;

        private PrivateKey(byte[]? seed, byte[] expanded)
        {
            _seed = seed;
            _scalar = new BigInteger(expanded.AsSpan(0, 32), isUnsigned: true, isBigEndian: false);
            _prefix = expanded[32..];
            PublicKey = PkgWei25519.BasePoint.Multiply(_scalar).Encode();
        }

        /// <summary>The RFC 8032 encoding of the public key.</summary>
        public byte[] PublicKey { get; }

        public static PrivateKey FromSeed(byte[] seed)
        {
            var expanded = SHA512.HashData(seed);
            expanded[0] &= 0xf8;
            expanded[31] &= 0x7f;
            expanded[31] |= 0x40;
            return new PrivateKey(seed, expanded);
        }

        public static PrivateKey FromExpanded(byte[] expanded) => new(null, expanded);

        /// <summary>The 64 raw signature bytes R ‖ S of <paramref name="message"/>.</summary>
        public byte[] Sign(byte[] message)
        {
            var signature = new byte[RawSignatureLength];
            if (_seed is not null)
            {
                Ed25519.Sign(_seed, 0, message, 0, message.Length, signature, 0);
                return signature;
            }

            var r = Reduce(SHA512.HashData([.. _prefix, .. message]));
            var encodedR = PkgWei25519.BasePoint.Multiply(r).Encode();
            var k = Reduce(SHA512.HashData([.. encodedR, .. PublicKey, .. message]));
            var s = (r + (k * _scalar)) % PkgWei25519.L;
            encodedR.CopyTo(signature, 0);
            s.TryWriteBytes(signature.AsSpan(32), out _, isUnsigned: true, isBigEndian: false);
            return signature;
        }

        private static BigInteger Reduce(byte[] digest) => new BigInteger(digest, isUnsigned: true, isBigEndian: false) % PkgWei25519.L;
    }
}
