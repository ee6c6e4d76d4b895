using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Repositories.Internal;
using GoSynth.Pkg.Tests.Packages;
using GoSynth.Testing;
using static GoSynth.Pkg.Tests.Repositories.CatalogTestData;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>Key-signed and command-signed catalogs: written as pkg repo writes them, checked as pkg checks them.</summary>
public sealed class CatalogSignatureTests
{
    [Fact]
    public async Task KeySigned_VerifiesWithItsKeyOnly()
    {
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        using var rsa = Key(0);
        var key = dir.WriteFile("repo.key", rsa.ExportRSAPrivateKeyPem());
        var pub = dir.WriteFile("repo.pub", rsa.ExportSubjectPublicKeyInfoPem());
        using var other = Key(1);
        var otherPub = dir.WriteFile("other.pub", other.ExportSubjectPublicKeyInfoPem());

        var result = await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = "rsa:" + key }, Ct);
        var valid = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = pub }, Ct);
        var wrong = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = otherPub }, Ct);
        var unknown = await RepositoryVerifier.VerifyAsync(repo, cancellationToken: Ct);

        Assert.Contains(key, result.Signature, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Valid, valid.Signature.State);
        Assert.True(valid.IsValid);
        Assert.Equal(CatalogSignatureState.Invalid, wrong.Signature.State);
        Assert.Equal(VerificationProblemKind.SignatureInvalid, Assert.Single(wrong.Problems).Kind);
        Assert.Equal(CatalogSignatureState.Unverifiable, unknown.Signature.State);
        Assert.True(unknown.IsValid);
        var members = await MemberNamesAsync(Path.Combine(repo, "data.pkg"));
        Assert.Equal(["signature", "data"], members);
    }

    [Fact]
    public async Task KeySigned_SignatureIsPkgsLegacyRsaOverTheHexDigest()
    {
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        using var rsa = Key(0);
        var key = dir.WriteFile("repo.key", rsa.ExportPkcs8PrivateKeyPem());
        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = key }, Ct);

        var signature = await CatalogArchive.ReadMemberAsync(Path.Combine(repo, "data.pkg"), "signature", Ct);
        var data = await CatalogArchive.ReadMemberAsync(Path.Combine(repo, "data.pkg"), "data", Ct);
        var hex = Convert.ToHexStringLower(SHA256.HashData(data));

        // s^e mod n must be the PKCS#1 v1.5 block of DigestInfo(SHA-1 OID, OCTET STRING of the 64 hex characters).
        var p = rsa.ExportParameters(false);
        var block = BigInteger.ModPow(new BigInteger(signature, true, true), new BigInteger(p.Exponent, true, true), new BigInteger(p.Modulus, true, true))
            .ToByteArray(true, true);
        byte[] digestInfo = [0x30, 0x51, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x40, .. Encoding.ASCII.GetBytes(hex)];
        Assert.Equal(256, signature.Length);
        Assert.Equal(0x01, block[0]);
        Assert.Equal(digestInfo, block[^digestInfo.Length..]);
        Assert.All(block[1..^(digestInfo.Length + 1)], b => Assert.Equal(0xFF, b));
    }

    [Fact]
    public async Task KeySigned_OpenSslRecoversTheDigestInfoOverTheHexDigest()
    {
        Assert.SkipUnless(ToolRunner.Exists("openssl"), "needs the openssl command as an independent RSA implementation");
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        using var rsa = Key(0);
        var key = dir.WriteFile("repo.key", rsa.ExportPkcs8PrivateKeyPem());
        var pub = dir.WriteFile("repo.pub", rsa.ExportSubjectPublicKeyInfoPem());
        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = key }, Ct);
        var site = await CatalogArchive.ReadMemberAsync(Path.Combine(repo, "packagesite.pkg"), "packagesite.yaml", Ct);
        var signature = dir.Combine("signature");
        File.WriteAllBytes(signature, await CatalogArchive.ReadMemberAsync(Path.Combine(repo, "packagesite.pkg"), "signature", Ct));
        var recovered = dir.Combine("recovered");

        ToolRunner.Run("openssl", "pkeyutl", "-verifyrecover", "-pubin", "-inkey", pub, "-in", signature, "-out", recovered, "-pkeyopt", "rsa_padding_mode:pkcs1");

        byte[] expected = [0x30, 0x51, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x40,
            .. Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(site)))];
        Assert.Equal(expected, File.ReadAllBytes(recovered));
    }

    [Fact]
    public void VerifyKeySignature_OpenSsl3Encoding_IsAccepted()
    {
        using var rsa = Key(0);
        var hex = new string('c', 64);
        byte[] digestInfo = [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14, .. Encoding.ASCII.GetBytes(hex)];
        var block = new byte[256];
        block[1] = 1;
        block.AsSpan(2, 256 - digestInfo.Length - 3).Fill(0xFF);
        digestInfo.CopyTo(block, 256 - digestInfo.Length);
        var p = rsa.ExportParameters(true);
        var signature = BigInteger.ModPow(new BigInteger(block, true, true), new BigInteger(p.D, true, true), new BigInteger(p.Modulus, true, true)).ToByteArray(true, true);
        var padded = new byte[256];
        signature.CopyTo(padded, 256 - signature.Length);

        Assert.True(PkgRsa.VerifyKeySignature(rsa, hex, padded));
        Assert.False(PkgRsa.VerifyKeySignature(rsa, new string('d', 64), padded));
    }

    [Fact]
    public async Task CommandSigned_VerifiesAgainstTrustedAndRevokedFingerprints()
    {
        Assert.SkipUnless(ToolRunner.Exists("openssl"), "needs the openssl command to act as a signing command");
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        using var rsa = Key(0);
        var key = dir.WriteFile("sign.key", rsa.ExportPkcs8PrivateKeyPem());
        var cert = rsa.ExportSubjectPublicKeyInfoPem() + "\n";
        var pub = dir.WriteFile("sign.pub", cert);
        var script = dir.WriteFile("sign.sh",
            "#!/bin/sh\nread -r sum\nprintf 'SIGNATURE\\n'\nprintf '%s' \"$sum\" | openssl dgst -sha256 -sign \"$1\"\nprintf '\\nCERT\\n'\ncat \"$2\"\nprintf 'END\\n'\n");
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(cert)));
        var trust = Directory.CreateDirectory(dir.Combine("keys", "trusted")).FullName;
        Directory.CreateDirectory(dir.Combine("keys", "revoked"));

        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningCommand = $"sh {script} {key} {pub}" }, Ct);
        var untrusted = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { FingerprintsDirectory = dir.Combine("keys") }, Ct);
        File.WriteAllText(Path.Combine(trust, "repo"), $"function: \"sha256\"\nfingerprint: \"{fingerprint}\"\n");
        var trusted = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { FingerprintsDirectory = dir.Combine("keys") }, Ct);
        File.WriteAllText(dir.Combine("keys", "revoked", "repo"), $"function: \"sha256\"\nfingerprint: \"{fingerprint}\"\n");
        var revoked = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { FingerprintsDirectory = dir.Combine("keys") }, Ct);

        Assert.Equal(["data.sig", "data.pub", "data"], await MemberNamesAsync(Path.Combine(repo, "data.pkg")));
        Assert.Equal(["packagesite.yaml.sig", "packagesite.yaml.pub", "packagesite.yaml"], await MemberNamesAsync(Path.Combine(repo, "packagesite.pkg")));
        Assert.Equal(CatalogSignatureState.Invalid, untrusted.Signature.State);
        Assert.Contains("not trusted", untrusted.Signature.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Valid, trusted.Signature.State);
        Assert.True(trusted.IsValid, string.Join("; ", trusted.Problems));
        Assert.Equal(CatalogSignatureState.Invalid, revoked.Signature.State);
        Assert.Contains("revoked", revoked.Signature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandSigned_TamperedCatalog_IsInvalid()
    {
        Assert.SkipUnless(ToolRunner.Exists("openssl"), "needs the openssl command to act as a signing command");
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        using var rsa = Key(0);
        var key = dir.WriteFile("sign.key", rsa.ExportPkcs8PrivateKeyPem());
        var cert = rsa.ExportSubjectPublicKeyInfoPem() + "\n";
        var pub = dir.WriteFile("sign.pub", cert);
        var script = dir.WriteFile("sign.sh",
            "#!/bin/sh\nread -r sum\nprintf 'SIGNATURE\\n'\nprintf '%s' \"$sum\" | openssl dgst -sha256 -sign \"$1\"\nprintf '\\nCERT\\n'\ncat \"$2\"\nprintf 'END\\n'\n");
        Directory.CreateDirectory(dir.Combine("keys", "trusted"));
        File.WriteAllText(dir.Combine("keys", "trusted", "repo"), $"fingerprint: \"{Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(cert)))}\"\n");
        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningCommand = $"sh {script} {key} {pub}" }, Ct);
        var data = Path.Combine(repo, "data.pkg");
        var members = new List<(string, byte[])>();
        foreach (var name in await MemberNamesAsync(data))
        {
            members.Add((name, await CatalogArchive.ReadMemberAsync(data, name, Ct)));
        }

        var payload = members[2].Item2;
        payload[payload.AsSpan().IndexOf("\"comment\":\""u8) + 11] ^= 0x20;
        WriteArchive(data, [.. members]);
        var report = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { FingerprintsDirectory = dir.Combine("keys") }, Ct);

        Assert.Equal(CatalogSignatureState.Invalid, report.Signature.State);
        Assert.Contains("does not match", report.Signature.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("echo oops >&2; exit 3", "exited with 3: oops")]
    [InlineData("printf 'SIGNATURE\\nabc\\nEND\\n'", "no SIGNATURE or no CERT")]
    public async Task RebuildAsync_FailingSigningCommand_IsTypedAndWritesNothing(string command, string expected)
    {
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);

        var error = await Assert.ThrowsAsync<CatalogFormatException>(
            () => RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningCommand = "signing_command: " + command }, Ct));

        Assert.Equal(CatalogErrorKind.Signature, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repo, "data.pkg")));
    }

    [Fact]
    public async Task RebuildAsync_UnsignedOverSigned_RefusesUnlessAllowedThenWarns()
    {
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        using var rsa = Key(0);
        var key = dir.WriteFile("repo.key", rsa.ExportRSAPrivateKeyPem());
        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, SigningKeyPath = key }, Ct);
        var signedBytes = File.ReadAllBytes(Path.Combine(repo, "data.pkg"));

        var refused = await Assert.ThrowsAsync<CatalogFormatException>(() => RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1 }, Ct));
        var unchanged = File.ReadAllBytes(Path.Combine(repo, "data.pkg"));
        var allowed = await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1, AllowUnsigned = true }, Ct);

        Assert.Equal(CatalogErrorKind.WouldDropSignature, refused.Kind);
        Assert.Equal(signedBytes, unchanged);
        Assert.Contains(allowed.Warnings, w => w.Contains("replaced by an unsigned one", StringComparison.Ordinal));
        Assert.Null(allowed.Signature);
        Assert.Equal(["data"], await MemberNamesAsync(Path.Combine(repo, "data.pkg")));
    }

    [Fact]
    public async Task V1Repository_SignedMetaAndCatalog_AreBothChecked()
    {
        using var dir = new TempDirectory();
        var repo = NewRepository(dir);
        using var rsa = Key(0);
        var pub = dir.WriteFile("repo.pub", rsa.ExportSubjectPublicKeyInfoPem());
        var entries = new List<CatalogEntry>();
        foreach (var file in new[] { "All/gcc-10_4.pkg", "All/indexinfo-0.3.1.pkg" })
        {
            entries.Add(await RepositoryBuilder.ReadEntryAsync(repo, file, Ct));
        }

        var site = entries.SelectMany(e => (byte[])[.. RepositoryBuilder.ToCatalogJson(e), (byte)'\n']).ToArray();
        var meta = "version = 1;\npacking_format = \"txz\";\nmanifests = \"packagesite.yaml\";\n"u8.ToArray();
        byte[] Sign(byte[] content) => PkgRsa.SignWithKey(rsa, Convert.ToHexStringLower(SHA256.HashData(content)));
        WriteArchive(Path.Combine(repo, "packagesite.txz"), ("signature", Sign(site)), ("packagesite.yaml", site));
        WriteArchive(Path.Combine(repo, "meta.txz"), ("signature", Sign(meta)), ("meta", meta));
        var options = new RepositoryVerifierOptions { PublicKeyPath = pub };

        var sound = await RepositoryVerifier.VerifyAsync(repo, options, Ct);
        var tamperedMeta = "version = 1;\npacking_format = \"tzst\";\nmanifests = \"packagesite.yaml\";\n"u8.ToArray();
        WriteArchive(Path.Combine(repo, "meta.txz"), ("signature", Sign(meta)), ("meta", tamperedMeta));
        var tampered = await RepositoryVerifier.VerifyAsync(repo, options, Ct);

        Assert.True(sound.IsValid, string.Join("; ", sound.Problems));
        Assert.Equal(CatalogSignatureState.Valid, sound.Signature.State);
        Assert.Contains("meta.txz", sound.Signature.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSignatureState.Invalid, tampered.Signature.State);
        Assert.Contains("meta.txz", tampered.Signature.Message, StringComparison.Ordinal);
        Assert.Equal(VerificationProblemKind.SignatureInvalid, Assert.Single(tampered.Problems).Kind);
    }

    /// <summary>RSA keys are made once per run (generation is slow on a loaded machine); each test gets its own instance.</summary>
    private static readonly Lazy<RSAParameters[]> s_keys = new(() => Enumerable.Range(0, 2).Select(_ =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    }).ToArray());

    private static RSA Key(int index)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(s_keys.Value[index]);
        return rsa;
    }
}
