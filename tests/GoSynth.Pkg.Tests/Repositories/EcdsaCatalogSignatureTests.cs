using System.Security.Cryptography;
using System.Text;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Repositories.Internal;
using GoSynth.Pkg.Tests.Packages;
using GoSynth.Testing;
using static GoSynth.Pkg.Tests.Repositories.CatalogTestData;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>
/// pkg's ECDSA-signed catalogs, with OpenSSL as the independent signer and checker: a <c>signature</c> member
/// <c>$PKGSIGN:ecdsa$</c> + DER ECDSA-SHA256 over the member's BLAKE2b-512 digest (key-signed), or over its SHA-256
/// hex text (signing command, <c>TYPE ecdsa</c>).
/// </summary>
public sealed class EcdsaCatalogSignatureTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(256)]
    [InlineData(100_003)]
    public void Blake2b_MatchesOpenSsl(int length)
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var file = WriteBytes(dir, "data", data);
        var expected = Convert.FromHexString(ToolRunner.Run("openssl", "dgst", "-blake2b512", "-r", file).Split(' ')[0]);

        var incremental = new Blake2b();
        for (var offset = 0; offset < length; offset += 77)
        {
            incremental.Append(data.AsSpan(offset, Math.Min(77, length - offset)));
        }

        Assert.Equal(expected, Blake2b.Hash(data));
        Assert.Equal(expected, incremental.Finish());
    }

    [Fact]
    public async Task KeySigned_ByOpenSsl_IsValidWithItsKeyOnly_InvalidWithAnother_UnverifiableWithout()
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = await UnsignedRepositoryAsync(dir);
        var (key, pubDer, pubPem) = NewKey(dir, "repo", "secp256k1");
        var (_, otherDer, _) = NewKey(dir, "other", "secp256k1");
        await SignWithOpenSslAsync(dir, repo, key);

        var der = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = pubDer }, Ct);
        var pem = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = pubPem }, Ct);
        var other = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = otherDer }, Ct);
        var none = await RepositoryVerifier.VerifyAsync(repo, cancellationToken: Ct);

        Assert.Equal(CatalogSignatureState.Valid, der.Signature.State);
        Assert.True(der.IsValid, string.Join("; ", der.Problems));
        Assert.Contains("ECDSA", der.Signature.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Valid, pem.Signature.State);
        Assert.Equal(CatalogSignatureState.Invalid, other.Signature.State);
        Assert.Equal(VerificationProblemKind.SignatureInvalid, Assert.Single(other.Problems).Kind);
        Assert.Equal(CatalogSignatureState.Unverifiable, none.Signature.State);
        Assert.Contains("ECDSA", none.Signature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeySigned_TamperedPayload_IsInvalid()
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = await UnsignedRepositoryAsync(dir);
        var (key, pubDer, _) = NewKey(dir, "repo", "secp256k1");
        await SignWithOpenSslAsync(dir, repo, key);
        var data = Path.Combine(repo, "data.pkg");
        var signature = await CatalogArchive.ReadMemberAsync(data, "signature", Ct);
        var payload = await CatalogArchive.ReadMemberAsync(data, "data", Ct);
        payload[payload.AsSpan().IndexOf("\"comment\":\""u8) + 11] ^= 0x20;
        WriteArchive(data, ("signature", signature), ("data", payload));

        var report = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = pubDer }, Ct);

        Assert.Equal(CatalogSignatureState.Invalid, report.Signature.State);
        Assert.Contains("data.pkg's signature does not match", report.Signature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeySigned_WithAnRsaPublicKey_IsInvalidAndSaysWhy()
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = await UnsignedRepositoryAsync(dir);
        var (key, _, _) = NewKey(dir, "repo", "secp256k1");
        await SignWithOpenSslAsync(dir, repo, key);
        using var rsa = RSA.Create(2048);
        var rsaPub = dir.WriteFile("rsa.pub", rsa.ExportSubjectPublicKeyInfoPem());

        var report = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = rsaPub }, Ct);

        Assert.Equal(CatalogSignatureState.Invalid, report.Signature.State);
        Assert.Contains("is not an EC public key", report.Signature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeySigned_OnACurvePkgDoesNotKnow_IsRefusedBothWays()
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = await UnsignedRepositoryAsync(dir);
        var (key, pubDer, _) = NewKey(dir, "p256", "prime256v1");

        var refused = await Assert.ThrowsAsync<CatalogFormatException>(
            () => RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = "ecdsa:" + key }, Ct));
        await SignWithOpenSslAsync(dir, repo, key);
        var report = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = pubDer }, Ct);

        Assert.Equal(CatalogErrorKind.Signature, refused.Kind);
        Assert.Contains("not one pkg accepts", refused.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Invalid, report.Signature.State);
        Assert.Contains("not one pkg accepts", report.Signature.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secp256k1", "der")]
    [InlineData("secp384r1", "pem")]
    [InlineData("brainpoolP256r1", "der")]
    public async Task RebuildAsync_EcdsaKey_WritesWhatOpenSslVerifies(string curve, string keyForm)
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        var (key, pubDer, pubPem) = NewKey(dir, "repo", curve);
        if (keyForm == "der")
        {
            ToolRunner.Run("openssl", "ec", "-in", key, "-outform", "DER", "-out", key + ".der");
            key += ".der";
        }

        var result = await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = "ecdsa:" + key }, Ct);
        var report = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = pubDer }, Ct);

        Assert.Equal(CatalogSignatureState.Valid, report.Signature.State);
        Assert.Contains("ECDSA key", result.Signature, StringComparison.Ordinal);
        foreach (var (archive, member) in new[] { ("data.pkg", "data"), ("packagesite.pkg", "packagesite.yaml") })
        {
            var path = Path.Combine(repo, archive);
            Assert.Equal(["signature", member], await MemberNamesAsync(path));
            var signature = await CatalogArchive.ReadMemberAsync(path, "signature", Ct);
            var head = "$PKGSIGN:ecdsa$"u8.ToArray();
            Assert.Equal(head, signature[..head.Length]);
            var sig = WriteBytes(dir, member + ".sig", signature[head.Length..]);
            var digest = WriteBytes(dir, member + ".b2", Blake2bByOpenSsl(dir, await CatalogArchive.ReadMemberAsync(path, member, Ct)));
            var verified = ToolRunner.Run("openssl", "dgst", "-sha256", "-verify", pubPem, "-signature", sig, digest);
            Assert.Contains("Verified OK", verified, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RebuildAsync_PkgsOwnKeyFormat_SignsWithThatKey()
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        var (key, pubDer, pubPem) = NewKey(dir, "repo", "secp256k1");
        using var ec = ECDsa.Create();
        ec.ImportFromPem(File.ReadAllText(key));
        var pkgKey = WriteBytes(dir, "pkg.key", PkgKey("SECP256K1", ec.ExportParameters(true).D!));
        var eddsaKey = WriteBytes(dir, "eddsa.key", PkgKey("WEI25519", new byte[32]));

        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = "ecdsa:" + pkgKey }, Ct);
        var report = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = pubDer }, Ct);
        var path = Path.Combine(repo, "data.pkg");
        var sig = WriteBytes(dir, "data.sig", (await CatalogArchive.ReadMemberAsync(path, "signature", Ct))["$PKGSIGN:ecdsa$".Length..]);
        var digest = WriteBytes(dir, "data.b2", Blake2bByOpenSsl(dir, await CatalogArchive.ReadMemberAsync(path, "data", Ct)));
        var refused = await Assert.ThrowsAsync<CatalogFormatException>(
            () => RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = "ecdsa:" + eddsaKey }, Ct));

        Assert.Equal(CatalogSignatureState.Valid, report.Signature.State);
        Assert.Contains("Verified OK", ToolRunner.Run("openssl", "dgst", "-sha256", "-verify", pubPem, "-signature", sig, digest), StringComparison.Ordinal);
        Assert.Contains("WEI25519", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1Repository_EcdsaSignedMetaAndCatalog_AreBothChecked()
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        var (key, pubDer, _) = NewKey(dir, "repo", "secp256k1");
        var entries = new List<CatalogEntry>();
        foreach (var file in new[] { "All/gcc-10_4.pkg", "All/indexinfo-0.3.1.pkg" })
        {
            entries.Add(await RepositoryBuilder.ReadEntryAsync(repo, file, Ct));
        }

        var site = entries.SelectMany(e => (byte[])[.. RepositoryBuilder.ToCatalogJson(e), (byte)'\n']).ToArray();
        var meta = "version = 1;\npacking_format = \"txz\";\nmanifests = \"packagesite.yaml\";\n"u8.ToArray();
        byte[] Sign(byte[] content)
        {
            var digest = WriteBytes(dir, "digest", Blake2bByOpenSsl(dir, content));
            ToolRunner.Run("openssl", "dgst", "-sha256", "-sign", key, "-out", dir.Combine("sig"), digest);
            return [.. "$PKGSIGN:ecdsa$"u8, .. File.ReadAllBytes(dir.Combine("sig"))];
        }

        WriteArchive(Path.Combine(repo, "packagesite.txz"), ("signature", Sign(site)), ("packagesite.yaml", site));
        WriteArchive(Path.Combine(repo, "meta.txz"), ("signature", Sign(meta)), ("meta", meta));
        var options = new RepositoryVerifierOptions { PublicKeyPath = pubDer };

        var sound = await RepositoryVerifier.VerifyAsync(repo, options, Ct);
        WriteArchive(Path.Combine(repo, "meta.txz"), ("signature", Sign(meta)), ("meta", [.. meta, (byte)'\n']));
        var tampered = await RepositoryVerifier.VerifyAsync(repo, options, Ct);

        Assert.True(sound.IsValid, string.Join("; ", sound.Problems));
        Assert.Equal(CatalogSignatureState.Valid, sound.Signature.State);
        Assert.Contains("meta.txz", sound.Signature.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Invalid, tampered.Signature.State);
        Assert.Contains("meta.txz's signature does not match", tampered.Signature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandSigned_Ecdsa_VerifiesAgainstTheTrustedFingerprint_AndCatchesTampering()
    {
        RequireOpenSsl();
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        var (key, pubDer, _) = NewKey(dir, "sign", "secp256k1");
        var script = dir.WriteFile("sign.sh",
            "#!/bin/sh\nread -r sum\nprintf 'TYPE\\necdsa\\nSIGNATURE\\n'\nprintf '%s' \"$sum\" | openssl dgst -sha256 -sign \"$1\"\n" +
            "printf '\\nCERT\\n'\ncat \"$2\"\nprintf '\\nEND\\n'\n");
        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningCommand = $"sh {script} {key} {pubDer}" }, Ct);
        var data = Path.Combine(repo, "data.pkg");
        var cert = CatalogSignatureVerifier.SplitHead(await CatalogArchive.ReadMemberAsync(data, "data.pub", Ct));
        Directory.CreateDirectory(dir.Combine("keys", "trusted"));
        File.WriteAllText(dir.Combine("keys", "trusted", "repo"), $"function: \"sha256\"\nfingerprint: \"{Convert.ToHexStringLower(SHA256.HashData(cert.Body))}\"\n");
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

        Assert.Equal("ecdsa", cert.Type);
        Assert.Equal(CatalogSignatureState.Valid, trusted.Signature.State);
        Assert.Contains("ECDSA", trusted.Signature.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Invalid, tampered.Signature.State);
        Assert.Contains("data.pkg's signature does not match", tampered.Signature.Message, StringComparison.Ordinal);
    }

    /// <summary>pkg's private key file: SEQUENCE { "pkg", 1, "ecc", curve, FALSE, BIT STRING 0x04 ‖ scalar }.</summary>
    private static byte[] PkgKey(string curve, byte[] scalar)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.UTF8String, "pkg");
            writer.WriteInteger(1);
            writer.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.UTF8String, "ecc");
            writer.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.UTF8String, curve);
            writer.WriteBoolean(false);
            writer.WriteBitString([0x04, .. scalar]);
        }

        return writer.Encode();
    }

    private static string WriteBytes(TempDirectory dir, string name, byte[] data)
    {
        var path = dir.Combine(name);
        File.WriteAllBytes(path, data);
        return path;
    }

    private static void RequireOpenSsl() =>
        Assert.SkipUnless(ToolRunner.Exists("openssl"), "needs the openssl command as an independent ECDSA and BLAKE2b implementation");

    /// <summary>A private key (PEM, made by openssl) and its public key as DER (pkg's form) and PEM.</summary>
    private static (string Key, string PublicDer, string PublicPem) NewKey(TempDirectory dir, string name, string curve)
    {
        var key = dir.Combine(name + ".key");
        ToolRunner.Run("openssl", "ecparam", "-name", curve, "-genkey", "-noout", "-out", key);
        ToolRunner.Run("openssl", "ec", "-in", key, "-pubout", "-outform", "DER", "-out", dir.Combine(name + ".pub.der"));
        ToolRunner.Run("openssl", "ec", "-in", key, "-pubout", "-out", dir.Combine(name + ".pub.pem"));
        return (key, dir.Combine(name + ".pub.der"), dir.Combine(name + ".pub.pem"));
    }

    private static byte[] Blake2bByOpenSsl(TempDirectory dir, byte[] content)
    {
        var file = WriteBytes(dir, "b2-input", content);
        return Convert.FromHexString(ToolRunner.Run("openssl", "dgst", "-blake2b512", "-r", file).Split(' ')[0]);
    }

    /// <summary>Re-signs both catalog archives as <c>pkg repo … ecdsa:key</c> would, with openssl doing the hashing and signing.</summary>
    private static async Task SignWithOpenSslAsync(TempDirectory dir, string repo, string key)
    {
        foreach (var (archive, member) in new[] { ("data.pkg", "data"), ("packagesite.pkg", "packagesite.yaml") })
        {
            var path = Path.Combine(repo, archive);
            var payload = await CatalogArchive.ReadMemberAsync(path, member, Ct);
            var digest = WriteBytes(dir, member + ".b2", Blake2bByOpenSsl(dir, payload));
            var sig = dir.Combine(member + ".sig");
            ToolRunner.Run("openssl", "dgst", "-sha256", "-sign", key, "-out", sig, digest);
            WriteArchive(path, ("signature", [.. "$PKGSIGN:ecdsa$"u8, .. File.ReadAllBytes(sig)]), (member, payload));
        }
    }

    private static async Task<string> UnsignedRepositoryAsync(TempDirectory dir)
    {
        var repo = NewRepository(dir);
        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1 }, Ct);
        return repo;
    }
}
