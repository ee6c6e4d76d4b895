using System.Text;
using System.Text.Json.Nodes;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Repositories.Internal;
using GoSynth.Pkg.Tests.Packages;
using GoSynth.Testing;
using static GoSynth.Pkg.Tests.Repositories.CatalogTestData;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>Catalog entries are built from +COMPACT_MANIFEST as pkg repo builds them, byte for byte.</summary>
public sealed class CatalogEntryTests
{
    private static readonly string[] s_sortedLists = ["licenses", "categories", "users", "groups", "shlibs_required", "shlibs_provided", "provides", "requires"];

    [Fact]
    public async Task RebuildAsync_PackagesWithListsInTheirOwnOrder_GiveTheRealCatalogLinesByteForByte()
    {
        var real = Encoding.UTF8.GetString(await CatalogArchive.ReadMemberAsync(Path.Combine(SampleData.RepoSample, "packagesite.pkg"), "packagesite.yaml", Ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var repo = new TempDirectory();
        var reordered = 0;
        foreach (var line in real)
        {
            var node = JsonNode.Parse(line)!.AsObject();
            var repoPath = (string)node["repopath"]!;
            foreach (var key in new[] { "sum", "path", "repopath", "pkgsize" })
            {
                node.Remove(key);
            }

            // A package lists its shared libraries and licenses in its own order; pkg repo sorts them.
            foreach (var key in s_sortedLists)
            {
                if (node[key] is JsonArray array && array.Count > 1)
                {
                    var items = array.Select(i => (string)i!).Reverse().ToList();
                    array.Clear();
                    items.ForEach(i => array.Add(i));
                    reordered++;
                }
            }

            WritePackage(repo.Combine(repoPath), node.ToJsonString());
        }

        var result = await RepositoryBuilder.RebuildAsync(repo.Path, new RepositoryOptions { CompressionLevel = 1 }, Ct);

        Assert.True(reordered > 40, $"only {reordered} lists were reordered");
        Assert.Empty(result.Failures);
        var written = Encoding.UTF8.GetString(await CatalogArchive.ReadMemberAsync(repo.Combine("packagesite.pkg"), "packagesite.yaml", Ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => (string)JsonNode.Parse(l)!["name"]!);
        Assert.Equal(real.Length, written.Count);
        foreach (var line in real)
        {
            var name = (string)JsonNode.Parse(line)!["name"]!;
            var ours = result.Entries.Single(e => e.Manifest.Name == name);
            var expected = line
                .Replace($"\"sum\":\"{(string)JsonNode.Parse(line)!["sum"]!}\"", $"\"sum\":\"{ours.Sum}\"", StringComparison.Ordinal)
                .Replace($"\"pkgsize\":{(long)JsonNode.Parse(line)!["pkgsize"]!},", $"\"pkgsize\":{ours.PackageSize},", StringComparison.Ordinal);
            Assert.Equal(expected, written[name]);
        }
    }

    [Fact]
    public void ToCatalogJson_StringsAndLists_AreWrittenAsPkgWritesThem()
    {
        var manifest = new PackageManifest
        {
            Name = "odd",
            Origin = "misc/odd",
            Version = "1.0",
            Comment = "quote\" back\\ slash/ tab\t nl\n é ctl\u0001 vt\u000b",
            Abi = "FreeBSD:14:amd64",
            Arch = "freebsd:14:x86:64",
            Prefix = "/usr/local",
            FlatSize = 12,
            LicenseLogic = "dual",
            Licenses = ["MIT", "BSD2CLAUSE", "MIT"],
            Description = "  line one\nline two é\n\n",
            Dependencies = [new("zlib", "archivers/zlib", "1.3"), new("apr", "devel/apr", "1.7")],
            Categories = ["www", "devel"],
            ShlibsRequired = ["libz.so.6", "libc.so.7", "libc++.so.1"],
            Conflicts = ["odd-devel-*", "odd-old-*"],
            Options = [new("ZED", "on"), new("ALPHA", "off")],
            Annotations = [new("repository", "local"), new("FreeBSD_version", "1400097"), new("cpe", "cpe:2.3:a:x:odd")],
            Messages = [new("  hello\n", "install", MinimumVersion: "0.9", MaximumVersion: "2.0"), new("always")],
        };
        var entry = new CatalogEntry(manifest, new string('a', 64), "All/odd-1.0.pkg", "All/odd-1.0.pkg", 0);

        var json = Encoding.UTF8.GetString(RepositoryBuilder.ToCatalogJson(entry));

        Assert.Equal(
            "{\"name\":\"odd\",\"origin\":\"misc/odd\",\"version\":\"1.0\","
            + "\"comment\":\"quote\\\" back\\\\ slash/ tab\\t nl\\n é ctl\\uFFFD vt\\u000B\","
            + "\"abi\":\"FreeBSD:14:amd64\",\"arch\":\"freebsd:14:x86:64\",\"prefix\":\"/usr/local\",\"sum\":\"" + new string('a', 64) + "\","
            + "\"flatsize\":12,\"path\":\"All/odd-1.0.pkg\",\"repopath\":\"All/odd-1.0.pkg\",\"licenselogic\":\"or\",\"licenses\":[\"BSD2CLAUSE\",\"MIT\"],"
            + "\"desc\":\"line one\\nline two %c3%a9\","
            + "\"deps\":{\"zlib\":{\"origin\":\"archivers/zlib\",\"version\":\"1.3\"},\"apr\":{\"origin\":\"devel/apr\",\"version\":\"1.7\"}},"
            + "\"categories\":[\"devel\",\"www\"],\"shlibs_required\":[\"libc++.so.1\",\"libc.so.7\",\"libz.so.6\"],"
            + "\"conflicts\":[\"odd-devel-*\",\"odd-old-*\"],\"options\":{\"ZED\":\"on\",\"ALPHA\":\"off\"},"
            + "\"annotations\":{\"FreeBSD_version\":\"1400097\",\"cpe\":\"cpe:2.3:a:x:odd\"},"
            + "\"messages\":[{\"message\":\"hello\",\"type\":\"install\",\"maximum_version\":\"2.0\",\"minimum_version\":\"0.9\"},{\"message\":\"always\"}]}",
            json);
    }

    [Theory]
    [InlineData("FreeBSD:14:aarch64", null, "freebsd:14:aarch64:64")]
    [InlineData("FreeBSD:15:amd64", "freebsd:15:x86:32", "freebsd:15:x86:64")]
    [InlineData("FreeBSD:12:*", null, "freebsd:12:*")]
    [InlineData("FreeBSD:14:riscv64", null, "freebsd:14:riscv:64:hf")]
    [InlineData("dragonfly:6.4:x86:64", null, "dragonfly:6.4:x86:64")]
    public void ToCatalogJson_Arch_IsDerivedFromTheAbiAsPkgDoes(string abi, string? arch, string expected)
    {
        var entry = new CatalogEntry(new PackageManifest { Name = "a", Version = "1", Abi = abi, Arch = arch }, "", "a-1.pkg", "a-1.pkg", 1);

        var json = Encoding.UTF8.GetString(RepositoryBuilder.ToCatalogJson(entry));

        Assert.Contains($"\"abi\":\"{abi}\",\"arch\":\"{expected}\",", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadEntryAsync_PackageWithoutCompactManifest_UsesTheFullOne()
    {
        using var repo = new TempDirectory();
        WriteArchive(repo.Combine("old-1.pkg"),
            ("+MANIFEST", "{\"name\":\"old\",\"version\":\"1\",\"categories\":[\"b\",\"a\"],\"files\":{\"/x\":\"-\"}}"u8.ToArray()),
            ("/x", "x"u8.ToArray()));

        var entry = await RepositoryBuilder.ReadEntryAsync(repo.Path, "old-1.pkg", Ct);

        Assert.Equal(("old", "1"), (entry.Manifest.Name, entry.Manifest.Version));
        Assert.Contains("\"categories\":[\"a\",\"b\"]", Encoding.UTF8.GetString(RepositoryBuilder.ToCatalogJson(entry)), StringComparison.Ordinal);
    }
}
