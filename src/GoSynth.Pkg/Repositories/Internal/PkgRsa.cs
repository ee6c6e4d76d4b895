using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// The two RSA schemes pkg(8) uses on catalogs, both over the 64-character SHA-256 hex text of the catalog member.
/// Key-file signing (<c>pkg repo … rsa:key</c>, checked with <c>PUBKEY</c>) is PKCS#1 v1.5 of a DigestInfo that
/// names SHA-1 but carries the 64 hex characters (OpenSSL's <c>RSA_sign(NID_sha1, hex, 64)</c>): OpenSSL 1.x encodes
/// it as proper DER (octet string of length 64), OpenSSL 3 glues SHA-1's fixed 20-byte prefix to the 64 characters;
/// both are accepted, and signing writes the DER form. Certificate signing (signing command, checked with
/// <c>FINGERPRINTS</c>) is standard RSASSA-PKCS1-v1_5 with SHA-256 over the hex text.
/// </summary>
internal static class PkgRsa
{
    private static readonly byte[] s_derPrefix = [0x30, 0x51, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x40];

    private static readonly byte[] s_openSsl3Prefix = [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14];

    public static bool VerifyKeySignature(RSA key, string sha256Hex, ReadOnlySpan<byte> signature)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        var k = p.Modulus!.Length;
        if (signature.Length != k)
        {
            return false;
        }

        var n = ToInteger(p.Modulus);
        var s = ToInteger(signature);
        if (s >= n)
        {
            return false;
        }

        var block = ToBytes(BigInteger.ModPow(s, ToInteger(p.Exponent!), n), k);
        var hex = Encoding.ASCII.GetBytes(sha256Hex);
        return block.AsSpan().SequenceEqual(Pad([.. s_derPrefix, .. hex], k))
            || block.AsSpan().SequenceEqual(Pad([.. s_openSsl3Prefix, .. hex], k));
    }

    public static byte[] SignWithKey(RSA key, string sha256Hex)
    {
        var p = key.ExportParameters(includePrivateParameters: true);
        var k = p.Modulus!.Length;
        var n = ToInteger(p.Modulus!);
        var e = ToInteger(p.Exponent!);
        // Blinding: sign m·r^e instead of m and divide by r afterwards, so the private operation's timing says
        // nothing about the key (BigInteger.ModPow is not constant-time).
        var (r, rInverse) = BlindingFactor(n);
        var m = ToInteger(Pad([.. s_derPrefix, .. Encoding.ASCII.GetBytes(sha256Hex)], k)) * BigInteger.ModPow(r, e, n) % n;
        // CRT: s = m^d mod n from m^dp mod p and m^dq mod q.
        var prime1 = ToInteger(p.P!);
        var prime2 = ToInteger(p.Q!);
        var m1 = BigInteger.ModPow(m, ToInteger(p.DP!), prime1);
        var m2 = BigInteger.ModPow(m, ToInteger(p.DQ!), prime2);
        var h = ToInteger(p.InverseQ!) * (m1 - m2) % prime1;
        if (h.Sign < 0)
        {
            h += prime1;
        }

        var signature = ToBytes((m2 + (h * prime2)) * rInverse % n, k);
        return VerifyKeySignature(key, sha256Hex, signature)
            ? signature
            : throw new CryptographicException("the RSA key produced a signature that does not verify; the key is damaged");
    }

    public static bool VerifyCertificateSignature(RSA key, string sha256Hex, byte[] signature) =>
        key.VerifyData(Encoding.ASCII.GetBytes(sha256Hex), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>A random r in [2, n) invertible modulo n, and its inverse (extended Euclid).</summary>
    private static (BigInteger R, BigInteger Inverse) BlindingFactor(BigInteger n)
    {
        var bytes = new byte[n.GetByteCount(isUnsigned: true) + 8];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var r = (ToInteger(bytes) % (n - 2)) + 2;
            BigInteger oldR = r, rem = n, oldS = BigInteger.One, s = BigInteger.Zero;
            while (!rem.IsZero)
            {
                var q = oldR / rem;
                (oldR, rem) = (rem, oldR - (q * rem));
                (oldS, s) = (s, oldS - (q * s));
            }

            if (oldR.IsOne)
            {
                return (r, ((oldS % n) + n) % n);
            }
        }
    }

    private static byte[] Pad(byte[] digestInfo, int k)
    {
        if (digestInfo.Length + 11 > k)
        {
            throw new CryptographicException($"an RSA key of {k * 8} bits is too small for pkg's signature");
        }

        var block = new byte[k];
        block[1] = 0x01;
        block.AsSpan(2, k - digestInfo.Length - 3).Fill(0xFF);
        digestInfo.CopyTo(block, k - digestInfo.Length);
        return block;
    }

    private static BigInteger ToInteger(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static byte[] ToBytes(BigInteger value, int length)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > length)
        {
            throw new CryptographicException("RSA result is longer than the modulus");
        }

        var result = new byte[length];
        bytes.CopyTo(result, length - bytes.Length);
        return result;
    }
}
