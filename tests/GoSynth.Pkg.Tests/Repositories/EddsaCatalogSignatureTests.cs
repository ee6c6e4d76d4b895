using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Repositories.Internal;
using GoSynth.Pkg.Tests.Packages;
using GoSynth.Testing;
using static GoSynth.Pkg.Tests.Repositories.CatalogTestData;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>
/// pkg's EdDSA-signed catalogs (<c>$PKGSIGN:eddsa$</c> / <c>$PKGSIGN:ecc$</c> + DER <c>SEQUENCE { R, S }</c> of pure
/// Ed25519 over the member's BLAKE2b-512 digest, or over its SHA-256 hex text when a command signs). OpenSSL makes the
/// keys and signatures; pkg's WEI25519 key form is derived here independently, by scalar multiplication on the short
/// Weierstrass curve from libecc's published generator, and checked against the library's Edwards map.
/// </summary>
public sealed class EddsaCatalogSignatureTests
{
    private static readonly BigInteger P = (BigInteger.One << 255) - 19;

    // libecc's WEI25519 parameters (a, b, generator), as published in its curve table.
    private static readonly BigInteger LibeccA = Hex("2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa984914a144");

    private static readonly BigInteger LibeccB = Hex("7b425ed097b425ed097b425ed097b425ed097b425ed097b4260b5e9c7710c864");

    private static readonly BigInteger LibeccGx = Hex("2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaad245a");

    private static readonly BigInteger LibeccGy = Hex("20ae19a1b8a086b4e01edd2c7748d14c923d4d7e6d7c61b229e9c5a27eced3d9");

    [Fact]
    public void Wei25519_ConstantsDerivedFromMontgomery_AreLibeccs_AndItsGeneratorIsTheEd25519BasePoint()
    {
        var generator = PkgWei25519.WeierstrassToEdwards(LibeccGx, LibeccGy);

        Assert.Equal(LibeccA, PkgWei25519.WeierstrassA);
        Assert.Equal(LibeccB, PkgWei25519.WeierstrassB);
        Assert.Equal(PkgWei25519.Mod(-486664), PkgWei25519.Alpha * PkgWei25519.Alpha % P);
        Assert.True(PkgWei25519.IsOnWeierstrassCurve(LibeccGx, LibeccGy));
        Assert.Equal(9, PkgWei25519.Mod(LibeccGx - PkgWei25519.Shift));
        Assert.NotNull(generator);
        Assert.Equal("5866666666666666666666666666666666666666666666666666666666666666", Convert.ToHexStringLower(generator.Value.Encode()));
        Assert.Equal(Be(LibeccGx, LibeccGy), PkgWei25519.ToWeierstrassBytes(PkgWei25519.BasePoint));
        Assert.True(PkgWei25519.BasePoint.Multiply(PkgWei25519.L).IsIdentity);
        Assert.False(PkgWei25519.IsOnWeierstrassCurve(LibeccGx, LibeccGy + 1));
    }

    [Fact]
    public void OpenSslKeys_MapToWei25519AndBack_AndTheMapAgreesWithScalarMultiplicationOnTheWeierstrassCurve()
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        for (var i = 0; i < 4; i++)
        {
            var key = NewKey(dir, "k" + i);
            var expected = WeierstrassPublicKey(key.Seed);

            var mapped = PkgWei25519.ToWeierstrassBytes(PkgWei25519.Decode(key.Public)!.Value);
            var back = PkgWei25519.FromWeierstrassBytes(expected);

            Assert.Equal(expected, mapped);
            Assert.True(PkgWei25519.IsOnWeierstrassCurve(new BigInteger(expected[..32], true, true), new BigInteger(expected[32..], true, true)));
            Assert.NotNull(back);
            Assert.Equal(key.Public, back.Value.Encode());
            Assert.Equal(key.Public, PkgEddsa.ImportPublicKey(PkgPublicKey(expected)));
            Assert.Equal(key.Public, PkgEddsa.ImportPublicKey(File.ReadAllBytes(key.PublicPem)));
            Assert.Equal(key.Public, PkgEddsa.ImportPublicKey(File.ReadAllBytes(key.PublicDer)));
            Assert.Equal(PkgPublicKey(expected), PkgEddsa.ToPkgPublicKey(key.Public));
        }
    }

    [Fact]
    public void SignatureWrapping_KeepsLeadingZeroBytesAndHighBits_AsPkgDoes()
    {
        var raw = new byte[64];
        raw[2] = 0xff;
        raw[31] = 0x01;
        raw[32] = 0x80;
        raw[63] = 0x02;

        var der = PkgEddsa.WriteSignature(raw);

        // R's two leading zero bytes are dropped (30 left, top bit set so a zero goes in front: 31); S is 32 + 1.
        Assert.Equal("3044021f00ff", Convert.ToHexStringLower(der[..6]));
        Assert.Equal(0x02, der[35]);
        Assert.Equal(0x21, der[36]);
        Assert.Equal(0x00, der[37]);
        Assert.Equal(0x80, der[38]);
        Assert.Equal(raw, PkgEddsa.ReadSignature(der));
        Assert.Null(PkgEddsa.ReadSignature([.. der[..^1]]));
        Assert.Null(PkgEddsa.ReadSignature([0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01]));
    }

    [Theory]
    [InlineData("eddsa")]
    [InlineData("ecc")]
    public async Task KeySigned_ByOpenSsl_IsValidWithItsKeyInEveryForm_InvalidWithAnother_UnverifiableWithout(string signer)
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = await UnsignedRepositoryAsync(dir);
        var key = NewKey(dir, "repo");
        var other = NewKey(dir, "other");
        var pkgPub = WriteBytes(dir, "repo.wei25519.pub", PkgPublicKey(WeierstrassPublicKey(key.Seed)));
        using var ec = ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1"));
        var ecPub = dir.WriteFile("ec.pub", ec.ExportSubjectPublicKeyInfoPem());
        await SignWithOpenSslAsync(dir, repo, key, signer);

        var results = new Dictionary<string, VerificationReport>();
        foreach (var (name, path) in new[] { ("pem", key.PublicPem), ("der", key.PublicDer), ("pkg", pkgPub), ("other", other.PublicPem), ("ec", ecPub) })
        {
            results[name] = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = path }, Ct);
        }

        var none = await RepositoryVerifier.VerifyAsync(repo, cancellationToken: Ct);

        foreach (var form in new[] { "pem", "der", "pkg" })
        {
            Assert.Equal(CatalogSignatureState.Valid, results[form].Signature.State);
            Assert.True(results[form].IsValid, string.Join("; ", results[form].Problems));
            Assert.Contains("EdDSA key", results[form].Signature.Message, StringComparison.Ordinal);
        }

        Assert.Equal(CatalogSignatureState.Invalid, results["other"].Signature.State);
        Assert.Contains("does not match", results["other"].Signature.Message, StringComparison.Ordinal);
        Assert.Equal(VerificationProblemKind.SignatureInvalid, Assert.Single(results["other"].Problems).Kind);
        Assert.Equal(CatalogSignatureState.Invalid, results["ec"].Signature.State);
        Assert.Contains("not an EdDSA public key", results["ec"].Signature.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Unverifiable, none.Signature.State);
        Assert.Contains($"EdDSA ('{signer}')", none.Signature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeySigned_TamperedPayloadOrSignature_IsInvalid()
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = await UnsignedRepositoryAsync(dir);
        var key = NewKey(dir, "repo");
        await SignWithOpenSslAsync(dir, repo, key, "eddsa");
        var data = Path.Combine(repo, "data.pkg");
        var signature = await CatalogArchive.ReadMemberAsync(data, "signature", Ct);
        var payload = await CatalogArchive.ReadMemberAsync(data, "data", Ct);
        var options = new RepositoryVerifierOptions { PublicKeyPath = key.PublicPem };

        var tamperedPayload = (byte[])payload.Clone();
        tamperedPayload[tamperedPayload.AsSpan().IndexOf("\"comment\":\""u8) + 11] ^= 0x20;
        WriteArchive(data, ("signature", signature), ("data", tamperedPayload));
        var byPayload = await RepositoryVerifier.VerifyAsync(repo, options, Ct);
        var tamperedSignature = (byte[])signature.Clone();
        tamperedSignature[^3] ^= 0x01;
        WriteArchive(data, ("signature", tamperedSignature), ("data", payload));
        var bySignature = await RepositoryVerifier.VerifyAsync(repo, options, Ct);
        WriteArchive(data, ("signature", [.. "$PKGSIGN:eddsa$"u8, .. new byte[70]]), ("data", payload));
        var garbage = await RepositoryVerifier.VerifyAsync(repo, options, Ct);

        Assert.Equal(CatalogSignatureState.Invalid, byPayload.Signature.State);
        Assert.Contains("data.pkg's signature does not match", byPayload.Signature.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Invalid, bySignature.Signature.State);
        Assert.Equal(CatalogSignatureState.Invalid, garbage.Signature.State);
    }

    [Theory]
    [InlineData("eddsa:", "pem")]
    [InlineData("ecc:", "der")]
    public async Task RebuildAsync_OpenSslKey_WritesWhatOpenSslVerifies(string prefix, string keyForm)
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        var key = NewKey(dir, "repo");
        var keyFile = keyForm == "pem" ? key.Private : key.PrivateDer;

        var result = await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = prefix + keyFile }, Ct);
        var report = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = key.PublicDer }, Ct);

        Assert.Equal(CatalogSignatureState.Valid, report.Signature.State);
        Assert.Contains("EdDSA key", result.Signature, StringComparison.Ordinal);
        foreach (var (archive, member) in new[] { ("data.pkg", "data"), ("packagesite.pkg", "packagesite.yaml") })
        {
            var path = Path.Combine(repo, archive);
            Assert.Equal(["signature", member], await MemberNamesAsync(path));
            var signature = await CatalogArchive.ReadMemberAsync(path, "signature", Ct);
            var head = Encoding.ASCII.GetBytes("$PKGSIGN:" + prefix.TrimEnd(':') + "$");
            Assert.Equal(head, signature[..head.Length]);
            var raw = Unwrap(signature[head.Length..]);
            var digest = Blake2bByOpenSsl(dir, await CatalogArchive.ReadMemberAsync(path, member, Ct));
            Assert.True(OpenSslVerifies(dir, key.PublicPem, digest, raw));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    public async Task RebuildAsync_PkgsOwnExpandedKey_SignsExactlyAsOpenSslDoesWithTheSeed(int padding)
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        var key = NewKey(dir, "repo");
        var pkgKey = WriteBytes(dir, "repo.wei25519.key", PkgPrivateKey(key.Seed, padding));
        var pkgPub = WriteBytes(dir, "repo.wei25519.pub", PkgPublicKey(WeierstrassPublicKey(key.Seed)));

        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = "eddsa:" + pkgKey }, Ct);
        var report = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = pkgPub }, Ct);
        var path = Path.Combine(repo, "data.pkg");
        var raw = Unwrap((await CatalogArchive.ReadMemberAsync(path, "signature", Ct))["$PKGSIGN:eddsa$".Length..]);
        var digest = Blake2bByOpenSsl(dir, await CatalogArchive.ReadMemberAsync(path, "data", Ct));

        Assert.Equal(CatalogSignatureState.Valid, report.Signature.State);
        Assert.Equal(OpenSslSign(dir, key.Private, digest), raw);
    }

    [Fact]
    public async Task CommandSigned_Eddsa_VerifiesAgainstTheTrustedFingerprint_AndCatchesTampering()
    {
        RequireOpenSsl();
        Assert.SkipUnless(ToolRunner.Exists("bash") && ToolRunner.Exists("od"), "needs bash and od for the signing script");
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        var key = NewKey(dir, "sign");
        var cert = WriteBytes(dir, "sign.wei25519.pub", PkgPublicKey(WeierstrassPublicKey(key.Seed)));

        // A signing command as a user would write one: openssl signs the hex text, openssl asn1parse wraps R and S.
        var script = dir.WriteFile("sign.sh", """
            #!/bin/bash
            set -e
            read -r sum
            work=$(mktemp -d)
            printf '%s' "$sum" > "$work/msg"
            openssl pkeyutl -sign -inkey "$1" -rawin -in "$work/msg" -out "$work/raw"
            hex=$(od -An -tx1 -v "$work/raw" | tr -d ' \n')
            printf 'asn1=SEQUENCE:sig\n[sig]\nr=INTEGER:0x%s\ns=INTEGER:0x%s\n' "${hex:0:64}" "${hex:64:64}" > "$work/conf"
            openssl asn1parse -genconf "$work/conf" -noout -out "$work/der"
            printf 'TYPE\neddsa\nSIGNATURE\n'
            cat "$work/der"
            printf '\nCERT\n'
            cat "$2"
            printf 'END\n'
            rm -r "$work"
            """);
        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningCommand = $"bash {script} {key.Private} {cert}" }, Ct);
        var data = Path.Combine(repo, "data.pkg");
        var pub = CatalogSignatureVerifier.SplitHead(await CatalogArchive.ReadMemberAsync(data, "data.pub", Ct));
        Directory.CreateDirectory(dir.Combine("keys", "trusted"));
        File.WriteAllText(dir.Combine("keys", "trusted", "repo"), $"function: \"sha256\"\nfingerprint: \"{Convert.ToHexStringLower(SHA256.HashData(pub.Body))}\"\n");
        var options = new RepositoryVerifierOptions { FingerprintsDirectory = dir.Combine("keys") };

        var trusted = await RepositoryVerifier.VerifyAsync(repo, options, Ct);
        var members = new List<(string, byte[])>();
        foreach (var name in await MemberNamesAsync(data))
        {
            members.Add((name, await CatalogArchive.ReadMemberAsync(data, name, Ct)));
        }

        var payload = members[2].Item2;
        payload[payload.AsSpan().IndexOf("\"comment\":\""u8) + 11] ^= 0x20;
        WriteArchive(data, [.. members]);
        var tampered = await RepositoryVerifier.VerifyAsync(repo, options, Ct);

        Assert.Equal("eddsa", pub.Type);
        Assert.Equal(File.ReadAllBytes(cert), pub.Body);
        Assert.Equal(CatalogSignatureState.Valid, trusted.Signature.State);
        Assert.Contains("(EdDSA)", trusted.Signature.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Invalid, tampered.Signature.State);
        Assert.Contains("data.pkg's signature does not match", tampered.Signature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RebuildAsync_WrongOrMissingKeys_AreRefusedClearly_AndWriteNothing()
    {
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        var ecdsaPkgKey = WriteBytes(dir, "ec.key", PkgKeyDer("SECP256K1", isPublic: false, [0x04, .. new byte[32]]));
        var publicAsPrivate = WriteBytes(dir, "pub.key", PkgKeyDer("WEI25519", isPublic: true, [0x04, .. Be(LibeccGx, LibeccGy)]));
        var notClamped = WriteBytes(dir, "raw.key", PkgKeyDer("WEI25519", isPublic: false, [0x04, .. Enumerable.Repeat((byte)0xff, 64)]));

        async Task<CatalogFormatException> Refused(string spec) => await Assert.ThrowsAsync<CatalogFormatException>(
            () => RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = spec }, Ct));

        var unknown = await Refused("ed25519:" + ecdsaPkgKey);
        var missing = await Refused("eddsa:" + dir.Combine("missing.key"));
        var ecdsa = await Refused("eddsa:" + ecdsaPkgKey);
        var wrongKind = await Refused("eddsa:" + publicAsPrivate);
        var damaged = await Refused("ecc:" + notClamped);

        Assert.All(new[] { unknown, missing, ecdsa, wrongKind, damaged }, e => Assert.Equal(CatalogErrorKind.Signature, e.Kind));
        Assert.Contains("'ed25519' keys are not supported", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("missing.key", missing.Message, StringComparison.Ordinal);
        Assert.Contains("SECP256K1, an ECDSA curve", ecdsa.Message, StringComparison.Ordinal);
        Assert.Contains("a public key where a private key is needed", wrongKind.Message, StringComparison.Ordinal);
        Assert.Contains("not a clamped EdDSA scalar", damaged.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repo, "data.pkg")));
    }

    [Fact]
    public async Task KeySigned_WithASignerPkgDoesNotKnow_IsUnverifiable_AndAKeyOffTheCurveIsInvalid()
    {
        using var dir = new TempDirectory();
        var repo = await UnsignedRepositoryAsync(dir);
        var data = Path.Combine(repo, "data.pkg");
        var payload = await CatalogArchive.ReadMemberAsync(data, "data", Ct);
        var offCurve = WriteBytes(dir, "off.pub", PkgKeyDer("WEI25519", isPublic: true, [0x04, .. Be(LibeccGx, LibeccGy + 1)]));

        WriteArchive(data, ("signature", [.. "$PKGSIGN:ed25519$"u8, .. new byte[70]]), ("data", payload));
        var unknown = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = offCurve }, Ct);
        WriteArchive(data, ("signature", [.. "$PKGSIGN:eddsa$"u8, .. new byte[70]]), ("data", payload));
        var off = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = offCurve }, Ct);

        Assert.Equal(CatalogSignatureState.Unverifiable, unknown.Signature.State);
        Assert.Contains("'ed25519'", unknown.Signature.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Invalid, off.Signature.State);
        Assert.Contains("not a point of the curve", off.Signature.Message, StringComparison.Ordinal);
    }

    private sealed record OpenSslKey(string Private, string PrivateDer, string PublicPem, string PublicDer, byte[] Seed, byte[] Public);

    private static void RequireOpenSsl() =>
        Assert.SkipUnless(ToolRunner.Exists("openssl"), "needs the openssl command as an independent Ed25519 and BLAKE2b implementation");

    private static OpenSslKey NewKey(TempDirectory dir, string name)
    {
        var key = dir.Combine(name + ".key");
        ToolRunner.Run("openssl", "genpkey", "-algorithm", "ed25519", "-out", key);
        ToolRunner.Run("openssl", "pkey", "-in", key, "-outform", "DER", "-out", key + ".der");
        ToolRunner.Run("openssl", "pkey", "-in", key, "-pubout", "-out", dir.Combine(name + ".pub.pem"));
        ToolRunner.Run("openssl", "pkey", "-in", key, "-pubout", "-outform", "DER", "-out", dir.Combine(name + ".pub.der"));
        var privateDer = File.ReadAllBytes(key + ".der");
        var publicDer = File.ReadAllBytes(dir.Combine(name + ".pub.der"));
        return new(key, key + ".der", dir.Combine(name + ".pub.pem"), dir.Combine(name + ".pub.der"), privateDer[^32..], publicDer[^32..]);
    }

    /// <summary>The public key as pkg stores it, computed without the library: s·G on the short Weierstrass curve,
    /// s the clamped first half of SHA-512(seed) (RFC 8032 5.1.5), G libecc's generator.</summary>
    private static byte[] WeierstrassPublicKey(byte[] seed)
    {
        var h = SHA512.HashData(seed);
        h[0] &= 0xf8;
        h[31] &= 0x7f;
        h[31] |= 0x40;
        var s = new BigInteger(h.AsSpan(0, 32), isUnsigned: true, isBigEndian: false);
        (BigInteger X, BigInteger Y)? result = null;
        (BigInteger X, BigInteger Y)? addend = (LibeccGx, LibeccGy);
        for (; !s.IsZero; s >>= 1)
        {
            if (!s.IsEven)
            {
                result = WeierstrassAdd(result, addend);
            }

            addend = WeierstrassAdd(addend, addend);
        }

        return Be(result!.Value.X, result.Value.Y);
    }

    /// <summary>Affine chord-and-tangent addition on Y² = X³ + aX + b; <see langword="null"/> is the point at infinity.</summary>
    private static (BigInteger X, BigInteger Y)? WeierstrassAdd((BigInteger X, BigInteger Y)? p, (BigInteger X, BigInteger Y)? q)
    {
        if (p is not var (x1, y1))
        {
            return q;
        }

        if (q is not var (x2, y2))
        {
            return p;
        }

        BigInteger lambda;
        if (x1 == x2)
        {
            if (M(y1 + y2).IsZero)
            {
                return null;
            }

            lambda = M(((3 * x1 * x1) + LibeccA) * BigInteger.ModPow(2 * y1, P - 2, P));
        }
        else
        {
            lambda = M((y2 - y1) * BigInteger.ModPow(M(x2 - x1), P - 2, P));
        }

        var x3 = M((lambda * lambda) - x1 - x2);
        return (x3, M((lambda * (x1 - x3)) - y1));
    }

    private static BigInteger M(BigInteger v) => ((v % P) + P) % P;

    private static BigInteger Hex(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static byte[] Be(BigInteger x, BigInteger y)
    {
        var bytes = new byte[64];
        var xb = x.ToByteArray(isUnsigned: true, isBigEndian: true);
        var yb = y.ToByteArray(isUnsigned: true, isBigEndian: true);
        xb.CopyTo(bytes, 32 - xb.Length);
        yb.CopyTo(bytes, 64 - yb.Length);
        return bytes;
    }

    /// <summary>pkg's public key file, byte by byte as pkg's DER writer lays it out (BOOLEAN true as 0x01).</summary>
    private static byte[] PkgPublicKey(byte[] xy) => PkgKeyDer("WEI25519", isPublic: true, [0x04, .. xy]);

    /// <summary>pkg's private key file: libecc's expanded key (clamped SHA-512 of the seed), after <paramref name="padding"/> zero bytes.</summary>
    private static byte[] PkgPrivateKey(byte[] seed, int padding)
    {
        var h = SHA512.HashData(seed);
        h[0] &= 0xf8;
        h[31] &= 0x7f;
        h[31] |= 0x40;
        return PkgKeyDer("WEI25519", isPublic: false, [0x04, .. new byte[padding], .. h]);
    }

    private static byte[] PkgKeyDer(string curve, bool isPublic, byte[] key) => Tlv(0x30,
    [
        .. Tlv(0x0c, "pkg"u8.ToArray()), .. Tlv(0x02, [1]), .. Tlv(0x0c, "ecc"u8.ToArray()), .. Tlv(0x0c, Encoding.ASCII.GetBytes(curve)),
        .. Tlv(0x01, [(byte)(isPublic ? 1 : 0)]), .. Tlv(0x03, [0, .. key]),
    ]);

    private static byte[] Tlv(byte tag, byte[] content) => content.Length < 128
        ? [tag, (byte)content.Length, .. content]
        : content.Length < 256 ? [tag, 0x81, (byte)content.Length, .. content] : [tag, 0x82, (byte)(content.Length >> 8), (byte)content.Length, .. content];

    /// <summary>pkg's wrapping of a raw signature, written out by hand: each half an unsigned INTEGER.</summary>
    private static byte[] Wrap(byte[] raw)
    {
        static byte[] Integer(byte[] half)
        {
            var start = 0;
            while (start < half.Length - 1 && half[start] == 0)
            {
                start++;
            }

            var value = half[start..];
            return Tlv(0x02, (value[0] & 0x80) != 0 ? [0, .. value] : value);
        }

        return Tlv(0x30, [.. Integer(raw[..32]), .. Integer(raw[32..])]);
    }

    /// <summary>The inverse of <see cref="Wrap"/>, by hand.</summary>
    private static byte[] Unwrap(byte[] der)
    {
        Assert.Equal(0x30, der[0]);
        var raw = new byte[64];
        var offset = 2;
        for (var half = 0; half < 2; half++)
        {
            Assert.Equal(0x02, der[offset]);
            var length = der[offset + 1];
            var value = der.AsSpan(offset + 2, length);
            if (value.Length == 33)
            {
                value = value[1..];
            }

            value.CopyTo(raw.AsSpan((half * 32) + 32 - value.Length));
            offset += 2 + length;
        }

        Assert.Equal(der.Length, offset);
        return raw;
    }

    private static byte[] OpenSslSign(TempDirectory dir, string key, byte[] message)
    {
        var input = WriteBytes(dir, "to-sign", message);
        ToolRunner.Run("openssl", "pkeyutl", "-sign", "-inkey", key, "-rawin", "-in", input, "-out", dir.Combine("signed"));
        return File.ReadAllBytes(dir.Combine("signed"));
    }

    private static bool OpenSslVerifies(TempDirectory dir, string publicPem, byte[] message, byte[] raw)
    {
        var input = WriteBytes(dir, "to-verify", message);
        var sig = WriteBytes(dir, "to-verify.sig", raw);
        return ToolRunner.Run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", publicPem, "-rawin", "-in", input, "-sigfile", sig)
            .Contains("Signature Verified Successfully", StringComparison.Ordinal);
    }

    private static byte[] Blake2bByOpenSsl(TempDirectory dir, byte[] content)
    {
        var file = WriteBytes(dir, "b2-input", content);
        return Convert.FromHexString(ToolRunner.Run("openssl", "dgst", "-blake2b512", "-r", file).Split(' ')[0]);
    }

    /// <summary>Re-signs both catalog archives as <c>pkg repo … eddsa:key</c> would, with openssl hashing and signing.</summary>
    private static async Task SignWithOpenSslAsync(TempDirectory dir, string repo, OpenSslKey key, string signer)
    {
        foreach (var (archive, member) in new[] { ("data.pkg", "data"), ("packagesite.pkg", "packagesite.yaml") })
        {
            var path = Path.Combine(repo, archive);
            var payload = await CatalogArchive.ReadMemberAsync(path, member, Ct);
            var raw = OpenSslSign(dir, key.Private, Blake2bByOpenSsl(dir, payload));
            WriteArchive(path, ("signature", [.. Encoding.ASCII.GetBytes("$PKGSIGN:" + signer + "$"), .. Wrap(raw)]), (member, payload));
        }
    }

    private static string WriteBytes(TempDirectory dir, string name, byte[] data)
    {
        var path = dir.Combine(name);
        File.WriteAllBytes(path, data);
        return path;
    }

    private static async Task<string> UnsignedRepositoryAsync(TempDirectory dir)
    {
        var repo = NewRepository(dir);
        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1 }, Ct);
        return repo;
    }
}
