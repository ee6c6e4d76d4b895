using System.Text;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Repositories;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

public sealed class RepositoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_RealCatalog_ReadsAllEntries()
    {
        var catalog = await RepositoryCatalog.ReadAsync(SampleData.RepoSample, cancellationToken: Ct);

        Assert.Equal(54, catalog.Entries.Count);
        Assert.Equal("tzst", catalog.Meta["packing_format"]);
        var odb = catalog.Entries[0];
        Assert.Equal(("libodb", "2.5.0", "libodb-2.5.0-freebsd14_x86:64.pkg", 291435L), (odb.Manifest.Name, odb.Manifest.Version, odb.Path, odb.PackageSize));
        Assert.Equal("62ce02307150615db1dc096c5b1102776f32a5951c54f671a0fa43764e68c060", odb.Sum);
        Assert.Equal(200, catalog.Entries.Sum(e => e.Manifest.Dependencies.Count));
    }

    [Fact]
    public async Task CatalogJson_RealCatalogLines_ReEmittedByteForByte()
    {
        var dir = SampleData.RepoSample;
        var site = await ExtractAsync(Path.Combine(dir, "packagesite.pkg"), "packagesite.yaml");
        var data = await ExtractAsync(Path.Combine(dir, "data.pkg"), "data");
        var entries = RepositoryCatalog.ParseLines(site, "packagesite.pkg", "packagesite.yaml");

        var lines = entries.Select(e => Encoding.UTF8.GetString(RepositoryBuilder.ToCatalogJson(e))).ToList();

        Assert.Equal(Encoding.UTF8.GetString(site), string.Concat(lines.Select(l => l + "\n")));
        Assert.Equal(Encoding.UTF8.GetString(data), "{\"groups\":[],\"expired_packages\":[],\"packages\":[" + string.Join(',', lines) + "]}");
    }

    [Fact]
    public async Task RebuildAsync_RealPackages_WritesCatalogLikePkgRepo()
    {
        using var dir = new TempDirectory();
        var all = Directory.CreateDirectory(dir.Combine("All")).FullName;
        foreach (var p in new[] { SampleData.Indexinfo, SampleData.Gcc, SampleData.Csrutil })
        {
            File.Copy(p, Path.Combine(all, Path.GetFileName(p)));
        }

        Directory.CreateDirectory(dir.Combine("Latest"));
        File.Copy(SampleData.Gcc, dir.Combine("Latest", "gcc.pkg"));
        Directory.CreateDirectory(dir.Combine(".building"));
        File.Copy(SampleData.Gcc, dir.Combine(".building", "gcc.pkg"));

        var result = await RepositoryBuilder.RebuildAsync(dir.Path, new RepositoryOptions { CompressionLevel = 3 }, Ct);

        Assert.Equal(["All/csrutil-26.8_1.pkg", "All/gcc-10_4.pkg", "All/indexinfo-0.3.1.pkg"], result.Entries.Select(e => e.Path));
        Assert.Empty(result.Failures);
        Assert.Equal(File.ReadAllBytes(Path.Combine(SampleData.RepoSample, "meta.conf")), File.ReadAllBytes(dir.Combine("meta.conf")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(SampleData.RepoSample, "meta")), File.ReadAllBytes(dir.Combine("meta")));
        var site = Encoding.UTF8.GetString(await ExtractAsync(dir.Combine("packagesite.pkg"), "packagesite.yaml"));
        var lines = site.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("{\"name\":\"indexinfo\",\"origin\":\"print/indexinfo\",\"version\":\"0.3.1\",", lines[2], StringComparison.Ordinal);
        Assert.Contains($"\"prefix\":\"/usr/local\",\"sum\":\"{SampleData.IndexinfoSha}\",\"flatsize\":13383,\"path\":\"All/indexinfo-0.3.1.pkg\",\"repopath\":\"All/indexinfo-0.3.1.pkg\",\"licenselogic\":\"single\",\"licenses\":[\"BSD2CLAUSE\"],\"pkgsize\":5844,\"desc\":",
            lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("\"files\"", site, StringComparison.Ordinal);
        var catalog = await RepositoryCatalog.ReadAsync(dir.Path, cancellationToken: Ct);
        Assert.Equal(result.Entries.Select(e => (e.Manifest.Name, e.Sum)), catalog.Entries.Select(e => (e.Manifest.Name, e.Sum)));
        Assert.Equal(SampleData.GccSha, catalog.Entries.Single(e => e.Manifest.Name == "gcc").Sum);
    }

    [Fact]
    public async Task RebuildAsync_SameInputs_IsByteIdenticalAndToolsReadIt()
    {
        using var dir = new TempDirectory();
        var all = Directory.CreateDirectory(dir.Combine("All")).FullName;
        File.Copy(SampleData.Indexinfo, Path.Combine(all, "indexinfo-0.3.1.pkg"));
        File.Copy(SampleData.Csrutil, Path.Combine(all, "csrutil-26.8_1.pkg"));

        await RepositoryBuilder.RebuildAsync(dir.Path, new RepositoryOptions { CompressionLevel = 3, MaxParallelism = 2 }, Ct);
        var first = new[] { "packagesite.pkg", "data.pkg", "meta.conf" }.Select(f => SampleData.Sha256(dir.Combine(f))).ToList();
        await RepositoryBuilder.RebuildAsync(dir.Path, new RepositoryOptions { CompressionLevel = 3, MaxParallelism = 1 }, Ct);
        var second = new[] { "packagesite.pkg", "data.pkg", "meta.conf" }.Select(f => SampleData.Sha256(dir.Combine(f))).ToList();

        Assert.Equal(first, second);
        if (ToolRunner.Exists("tar") && ToolRunner.Exists("zstd"))
        {
            var listing = ToolRunner.Run("tar", "--zstd", "-tvf", dir.Combine("data.pkg"));
            Assert.Matches(@"^-rw-r--r-- root/wheel +\d+ \d{4}-\d\d-\d\d \d\d:\d\d data\n$", listing);
            var data = ToolRunner.Run("tar", "--zstd", "-xOf", dir.Combine("data.pkg"), "data");
            Assert.StartsWith("{\"groups\":[],\"expired_packages\":[],\"packages\":[{\"name\":\"csrutil\"", data, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RebuildAsync_CorruptPackage_IsReportedAndLeftOut()
    {
        using var dir = new TempDirectory();
        var all = Directory.CreateDirectory(dir.Combine("All")).FullName;
        File.Copy(SampleData.Gcc, Path.Combine(all, "gcc-10_4.pkg"));
        File.WriteAllText(Path.Combine(all, "broken-1.0.pkg"), "garbage garbage garbage");

        var result = await RepositoryBuilder.RebuildAsync(dir.Path, new RepositoryOptions { CompressionLevel = 1 }, Ct);

        Assert.Equal("All/gcc-10_4.pkg", Assert.Single(result.Entries).Path);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("All/broken-1.0.pkg", failure.Key);
        Assert.Contains("broken-1.0.pkg", failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_SoundThenDamagedRepository_ReportsEachProblem()
    {
        using var dir = new TempDirectory();
        var all = Directory.CreateDirectory(dir.Combine("All")).FullName;
        File.Copy(SampleData.Indexinfo, Path.Combine(all, "indexinfo-0.3.1.pkg"));
        File.Copy(SampleData.Gcc, Path.Combine(all, "gcc-10_4.pkg"));
        File.Copy(SampleData.Csrutil, Path.Combine(all, "csrutil-26.8_1.pkg"));
        await RepositoryBuilder.RebuildAsync(dir.Path, new RepositoryOptions { CompressionLevel = 1 }, Ct);

        var sound = await RepositoryVerifier.VerifyAsync(dir.Path, cancellationToken: Ct);
        Assert.True(sound.IsValid, string.Join("; ", sound.Problems));
        Assert.Equal(3, sound.Checked);

        File.Delete(Path.Combine(all, "gcc-10_4.pkg"));
        File.AppendAllText(Path.Combine(all, "csrutil-26.8_1.pkg"), "x");
        File.Copy(SampleData.Gcc, Path.Combine(all, "gcc-10_5.pkg"));
        var damaged = await RepositoryVerifier.VerifyAsync(dir.Path, cancellationToken: Ct);

        Assert.Equal(
            [(VerificationProblemKind.SumMismatch, "All/csrutil-26.8_1.pkg"), (VerificationProblemKind.Missing, "All/gcc-10_4.pkg"), (VerificationProblemKind.Extra, "All/gcc-10_5.pkg")],
            damaged.Problems.Select(p => (p.Kind, p.Path)));
    }

    [Fact]
    public async Task VerifyAsync_NoCatalog_ReportsCatalogUnreadable()
    {
        using var dir = new TempDirectory();

        var report = await RepositoryVerifier.VerifyAsync(dir.Path, cancellationToken: Ct);

        Assert.Equal(VerificationProblemKind.CatalogUnreadable, Assert.Single(report.Problems).Kind);
    }

    [Fact]
    public void Find_PackagesNobodyProduces_AreObsolete()
    {
        using var dir = new TempDirectory();
        var all = Directory.CreateDirectory(dir.Combine("All")).FullName;
        foreach (var name in new[] { "a-1.0.pkg", "a-0.9.pkg", "b-2.pkg", "c-3.txz", "notes.txt" })
        {
            File.WriteAllText(Path.Combine(all, name), "");
        }

        var obsolete = ObsoletePackages.Find(dir.Path, ["a-1.0.pkg", "/somewhere/All/b-2.pkg"]);

        Assert.Equal(["a-0.9.pkg", "c-3.txz"], obsolete);
        Assert.Equal(["a-0.9.pkg"], ObsoletePackages.Find(dir.Path, ["a-1.0.pkg", "b-2.pkg"], acceptLegacyExtensions: false));
    }

    private static async Task<byte[]> ExtractAsync(string archive, string member)
    {
        var contents = await GoSynth.Pkg.Repositories.Internal.CatalogArchive.ReadMemberAsync(archive, member, Ct);
        return contents;
    }
}
