using System.Security.Cryptography;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>The real packages and catalog under tests/data, checked to be untouched before use.</summary>
internal static class SampleData
{
    public const string IndexinfoSha = "6ec54c2fe9bceabea3585326103666992e3527115067d450adbd515152561017";
    public const string GccSha = "1a991ddd35e53af1f6ad5f05e00c38927cd6916d8d45081dc20c9eed189775a1";
    public const string CsrutilSha = "5d3c075fe14084388c13ee2a06618c2a3f874e8d733d07a4f9eb8c00dcecb4d7";
    public const string MetaSha = "cd645a01b39e34e8f099da2756eb6c16cb49de8babb3a3969989e672161469a5";
    public const string PackagesiteSha = "e6cbb4c3bd9dbdb796e9c7cdf4e514fd0f695815104e2db109e7290b625ab4c2";
    public const string DataSha = "20a5210b8650cbbba475abf492450ee79d92a3105c7c6d145dd856ee97e4a860";

    public static string Indexinfo => Checked("pkg-files/indexinfo-0.3.1.pkg", IndexinfoSha);

    public static string Gcc => Checked("pkg-files/gcc-10_4.pkg", GccSha);

    public static string Csrutil => Checked("pkg-files/csrutil-26.8_1.pkg", CsrutilSha);

    public static string RepoSample
    {
        get
        {
            Checked("pkg-repo-sample/meta", MetaSha);
            Checked("pkg-repo-sample/meta.conf", MetaSha);
            Checked("pkg-repo-sample/packagesite.pkg", PackagesiteSha);
            Checked("pkg-repo-sample/data.pkg", DataSha);
            return Path.Combine(RepositoryPaths.TestData, "pkg-repo-sample");
        }
    }

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string Checked(string relative, string sha)
    {
        var path = Path.Combine(RepositoryPaths.TestData, relative);
        Assert.Equal(sha, Sha256(path));
        return path;
    }
}
