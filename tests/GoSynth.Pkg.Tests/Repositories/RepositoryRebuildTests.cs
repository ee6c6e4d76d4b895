using System.Text;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Tests.Packages;
using GoSynth.Testing;
using static GoSynth.Pkg.Tests.Repositories.CatalogTestData;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>What a rebuild leaves out is said, stale catalog files go, bad text is a typed error.</summary>
public sealed class RepositoryRebuildTests
{
    [Fact]
    public async Task RebuildAsync_LegacyOnlyRepository_NamesEveryFileLeftOutAndWritesNothing()
    {
        using var repo = new TempDirectory();
        Directory.CreateDirectory(repo.Combine("All"));
        File.Copy(SampleData.Gcc, repo.Combine("All", "gcc-10_4.txz"));
        File.Copy(SampleData.Indexinfo, repo.Combine("All", "indexinfo-0.3.1.tbz"));
        File.WriteAllText(repo.Combine("packagesite.txz"), "old catalog");

        var result = await RepositoryBuilder.RebuildAsync(repo.Path, new RepositoryOptions { CompressionLevel = 1 }, Ct);

        Assert.False(result.CatalogWritten);
        Assert.Empty(result.Entries);
        Assert.Equal(["All/gcc-10_4.txz", "All/indexinfo-0.3.1.tbz"], result.Failures.Select(f => f.Key));
        Assert.All(result.Failures, f => Assert.Contains("accept-legacy", f.Value, StringComparison.Ordinal));
        Assert.False(File.Exists(repo.Combine("data.pkg")));
        Assert.Equal("old catalog", File.ReadAllText(repo.Combine("packagesite.txz")));
    }

    [Fact]
    public async Task RebuildAsync_MixedRepository_CataloguesPkgAndReportsLegacy()
    {
        using var repo = new TempDirectory();
        Directory.CreateDirectory(repo.Combine("All"));
        File.Copy(SampleData.Gcc, repo.Combine("All", "gcc-10_4.pkg"));
        File.Copy(SampleData.Indexinfo, repo.Combine("All", "indexinfo-0.3.1.txz"));

        var strict = await RepositoryBuilder.RebuildAsync(repo.Path, new RepositoryOptions { CompressionLevel = 1 }, Ct);
        var legacy = await RepositoryBuilder.RebuildAsync(repo.Path, new RepositoryOptions { CompressionLevel = 1, AcceptLegacyExtensions = true }, Ct);

        Assert.Equal(["All/gcc-10_4.pkg"], strict.Entries.Select(e => e.Path));
        Assert.Equal("All/indexinfo-0.3.1.txz", Assert.Single(strict.Failures).Key);
        Assert.Equal(["All/gcc-10_4.pkg", "All/indexinfo-0.3.1.txz"], legacy.Entries.Select(e => e.Path));
        Assert.Empty(legacy.Failures);
    }

    [Fact]
    public async Task RebuildAsync_InPlace_RemovesStaleCatalogFilesOfOtherFormats()
    {
        using var repo = new TempDirectory();
        Directory.CreateDirectory(repo.Combine("All"));
        File.Copy(SampleData.Gcc, repo.Combine("All", "gcc-10_4.pkg"));
        string[] stale = ["digests.txz", "filesite.txz", "meta.txz", "packagesite.txz", "packagesite.tzst"];
        foreach (var name in stale)
        {
            File.WriteAllText(repo.Combine(name), "stale");
        }

        var result = await RepositoryBuilder.RebuildAsync(repo.Path, new RepositoryOptions { CompressionLevel = 1 }, Ct);

        Assert.Equal(stale, result.RemovedFiles);
        Assert.All(stale, name => Assert.False(File.Exists(repo.Combine(name)), name));
        Assert.True(File.Exists(repo.Combine("packagesite.pkg")));
        Assert.True((await RepositoryVerifier.VerifyAsync(repo.Path, cancellationToken: Ct)).IsValid);
    }

    [Fact]
    public async Task RebuildAsync_PackageWithInvalidUtf8_IsLeftOutWithATypedReasonAndTheCatalogIsWritten()
    {
        using var repo = new TempDirectory();
        Directory.CreateDirectory(repo.Combine("All"));
        File.Copy(SampleData.Gcc, repo.Combine("All", "gcc-10_4.pkg"));
        var bad = Encoding.UTF8.GetBytes("{\"name\":\"bad\",\"version\":\"1\",\"comment\":\"X\"}");
        bad[Array.IndexOf(bad, (byte)'X')] = 0xFF;
        WriteArchive(repo.Combine("All", "bad-1.pkg"), ("+COMPACT_MANIFEST", bad), ("+MANIFEST", bad));

        var result = await RepositoryBuilder.RebuildAsync(repo.Path, new RepositoryOptions { CompressionLevel = 1 }, Ct);

        Assert.Equal("All/gcc-10_4.pkg", Assert.Single(result.Entries).Path);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("All/bad-1.pkg", failure.Key);
        Assert.Contains("not valid UTF-8", failure.Value, StringComparison.Ordinal);
        Assert.Contains("+COMPACT_MANIFEST", failure.Value, StringComparison.Ordinal);
        Assert.True(result.CatalogWritten);
        Assert.Single((await RepositoryCatalog.ReadAsync(repo.Path, cancellationToken: Ct)).Entries);
    }

    [Fact]
    public async Task ReadAsync_CatalogWithInvalidUtf8_ThrowsTypedAndVerifyReportsIt()
    {
        using var repo = new TempDirectory();
        var line = Encoding.UTF8.GetBytes("{\"name\":\"bad\",\"version\":\"1\",\"path\":\"bad-1.pkg\",\"comment\":\"X\"}\n");
        line[Array.IndexOf(line, (byte)'X')] = 0xC3;
        WriteArchive(repo.Combine("packagesite.pkg"), ("packagesite.yaml", line));

        var error = await Assert.ThrowsAsync<CatalogFormatException>(() => RepositoryCatalog.ReadAsync(repo.Path, cancellationToken: Ct));
        var report = await RepositoryVerifier.VerifyAsync(repo.Path, cancellationToken: Ct);

        Assert.Equal((CatalogErrorKind.InvalidUtf8, "packagesite.yaml line 1"), (error.Kind, error.Location));
        Assert.Equal(VerificationProblemKind.CatalogUnreadable, Assert.Single(report.Problems).Kind);
    }

    [Fact]
    public async Task ReadAsync_DataMemberWithInvalidUtf8_ThrowsTyped()
    {
        using var repo = new TempDirectory();
        var data = Encoding.UTF8.GetBytes("{\"groups\":[],\"packages\":[{\"name\":\"bad\",\"version\":\"1\",\"path\":\"b.pkg\",\"www\":\"X\"}]}");
        data[Array.IndexOf(data, (byte)'X')] = 0xFE;
        WriteArchive(repo.Combine("data.pkg"), ("data", data));

        var error = await Assert.ThrowsAsync<CatalogFormatException>(() => RepositoryCatalog.ReadAsync(repo.Path, cancellationToken: Ct));

        Assert.Equal((CatalogErrorKind.InvalidUtf8, "data packages[0]"), (error.Kind, error.Location));
    }

    [Fact]
    public async Task ReadAsync_DataMemberThatIsNotACatalog_ThrowsTyped()
    {
        using var repo = new TempDirectory();
        WriteArchive(repo.Combine("data.pkg"), ("data", "{\"groups\":[],\"packages\":[1,2]}"u8.ToArray()));

        var error = await Assert.ThrowsAnyAsync<IOException>(() => RepositoryCatalog.ReadAsync(repo.Path, cancellationToken: Ct));

        Assert.IsType<CatalogFormatException>(error);
        Assert.Equal(CatalogErrorKind.BadEntry, ((CatalogFormatException)error).Kind);
    }
}
