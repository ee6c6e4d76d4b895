using System.Text;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Tests.Packages;
using GoSynth.Testing;
using static GoSynth.Pkg.Tests.Repositories.CatalogTestData;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>Catalogs are streamed within limits: what an archive claims or holds never decides what is allocated.</summary>
public sealed class CatalogBombTests
{
    private const long Mib = 1 << 20;

    [Fact]
    public async Task ReadAsync_MemberClaimingOnePointFiveGigabytes_FailsTypedWithoutAllocatingIt()
    {
        using var repo = new TempDirectory();
        WriteLyingArchive(repo.Combine("data.pkg"), [], "data", 1_500_000_000, "{\"groups\":[],\"packages\":["u8.ToArray());

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<CatalogFormatException>(() => RepositoryCatalog.ReadAsync(repo.Path, cancellationToken: Ct));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(CatalogErrorKind.TooLarge, error.Kind);
        Assert.Contains("1500000000", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * Mib, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task ReadAsync_HugeEntryInsideLimitsOfTheMember_StopsAtTheEntryLimit()
    {
        using var repo = new TempDirectory();
        var bomb = new StringBuilder("{\"groups\":[],\"expired_packages\":[],\"packages\":[{\"name\":\"x\",\"version\":\"1\",\"path\":\"x.pkg\",\"desc\":\"");
        bomb.Append('A', 24 << 20).Append("\"}]}");
        WriteArchive(repo.Combine("data.pkg"), ("data", Encoding.ASCII.GetBytes(bomb.ToString())));
        bomb.Clear();
        var options = new CatalogReadOptions { MaxEntryBytes = (int)Mib };

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<CatalogFormatException>(() => RepositoryCatalog.ReadAsync(repo.Path, options, Ct));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(CatalogErrorKind.TooLarge, error.Kind);
        Assert.Contains("data packages[0]", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16 * Mib, $"allocated {allocated} bytes for a 24 MiB entry with a 1 MiB limit");
    }

    [Fact]
    public async Task ReadAsync_LongLineInPackagesite_StopsAtTheEntryLimit()
    {
        using var repo = new TempDirectory();
        var line = "{\"name\":\"x\",\"version\":\"1\",\"path\":\"x.pkg\",\"desc\":\"" + new string('B', 8 << 20) + "\"}\n";
        WriteArchive(repo.Combine("packagesite.pkg"), ("packagesite.yaml", Encoding.ASCII.GetBytes(line)));

        var error = await Assert.ThrowsAsync<CatalogFormatException>(
            () => RepositoryCatalog.ReadAsync(repo.Path, new CatalogReadOptions { MaxEntryBytes = (int)Mib }, Ct));

        Assert.Equal((CatalogErrorKind.TooLarge, "packagesite.yaml line 1"), (error.Kind, error.Location));
    }

    [Fact]
    public async Task ReadAsync_RealCatalogWithSmallBuffers_StreamsEveryEntry()
    {
        var limits = new CatalogReadOptions { MaxEntryBytes = 4200, MaxEntries = 54 };

        var catalog = await RepositoryCatalog.ReadAsync(SampleData.RepoSample, limits, Ct);
        using var copy = new TempDirectory();
        File.Copy(Path.Combine(SampleData.RepoSample, "packagesite.pkg"), copy.Combine("packagesite.pkg"));
        var site = await RepositoryCatalog.ReadAsync(copy.Path, limits, Ct);

        Assert.Equal(54, catalog.Entries.Count);
        Assert.Equal(catalog.Entries.Select(e => RepositoryBuilder.ToCatalogJson(e)), site.Entries.Select(e => RepositoryBuilder.ToCatalogJson(e)));
        await Assert.ThrowsAsync<CatalogFormatException>(() => RepositoryCatalog.ReadAsync(SampleData.RepoSample, new CatalogReadOptions { MaxEntries = 53 }, Ct));
    }

    [Fact]
    public async Task VerifyAsync_BombCatalog_ReportsCatalogUnreadable()
    {
        using var repo = new TempDirectory();
        WriteLyingArchive(repo.Combine("data.pkg"), [], "data", 2_000_000_000, new byte[4096]);

        var report = await RepositoryVerifier.VerifyAsync(repo.Path, cancellationToken: Ct);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(VerificationProblemKind.CatalogUnreadable, problem.Kind);
        Assert.Contains("more than the", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_PackageWithHugeFullManifest_ReadsOnlyTheCompactOne()
    {
        using var repo = new TempDirectory();
        Directory.CreateDirectory(repo.Combine("All"));
        var compact = "{\"name\":\"big\",\"origin\":\"misc/big\",\"version\":\"1.0\",\"flatsize\":1}"u8.ToArray();
        WriteLyingArchive(repo.Combine("All", "big-1.0.pkg"), RawMembers(("+COMPACT_MANIFEST", compact)), "+MANIFEST", 100_000_000, new byte[1024]);
        var entry = await RepositoryBuilder.ReadEntryAsync(repo.Path, "All/big-1.0.pkg", Ct);
        await WriteCatalogAsync(repo.Path, [entry]);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var report = await RepositoryVerifier.VerifyAsync(repo.Path, cancellationToken: Ct);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(report.IsValid, string.Join("; ", report.Problems));
        Assert.Equal("big", entry.Manifest.Name);
        Assert.True(allocated < 32 * Mib, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task ReadEntryAsync_CompactManifestPastTheLimit_IsTypedAndNotAllocated()
    {
        using var repo = new TempDirectory();
        WriteLyingArchive(repo.Combine("huge.pkg"), [], "+COMPACT_MANIFEST", 900_000_000, new byte[512]);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<PackageFormatException>(() => RepositoryBuilder.ReadEntryAsync(repo.Path, "huge.pkg", Ct));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(("+COMPACT_MANIFEST", PackageErrorKind.BadManifest), (error.EntryName, error.Kind));
        Assert.True(allocated < 32 * Mib, $"allocated {allocated} bytes");
    }
}
