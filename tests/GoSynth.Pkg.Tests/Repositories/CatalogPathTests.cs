using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Tests.Packages;
using GoSynth.Testing;
using static GoSynth.Pkg.Tests.Repositories.CatalogTestData;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>A catalog entry must name a file inside the repository: verify reads nothing else.</summary>
public sealed class CatalogPathTests
{
    [Fact]
    public async Task VerifyAsync_AbsoluteRepoPath_IsReportedUnsafeAndNotRead()
    {
        using var outside = new TempDirectory();
        using var repo = new TempDirectory();
        var target = outside.Combine("gcc-10_4.pkg");
        File.Copy(SampleData.Gcc, target);
        var honest = await RepositoryBuilder.ReadEntryAsync(outside.Path, "gcc-10_4.pkg", Ct);
        await WriteCatalogAsync(repo.Path, [honest with { Path = target, RepoPath = target }]);

        var report = await RepositoryVerifier.VerifyAsync(repo.Path, cancellationToken: Ct);

        var problem = Assert.Single(report.Problems);
        Assert.Equal((VerificationProblemKind.UnsafePath, target), (problem.Kind, problem.Path));
        Assert.Contains("is absolute", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside/gcc-10_4.pkg")]
    [InlineData("All/../../outside/gcc-10_4.pkg")]
    [InlineData("All/./gcc-10_4.pkg")]
    [InlineData("All//gcc-10_4.pkg")]
    public async Task VerifyAsync_DotDotOrOddComponents_AreReportedUnsafe(string repoPath)
    {
        using var top = new TempDirectory();
        var repo = Directory.CreateDirectory(top.Combine("repo")).FullName;
        Directory.CreateDirectory(Path.Combine(repo, "All"));
        Directory.CreateDirectory(top.Combine("outside"));
        File.Copy(SampleData.Gcc, top.Combine("outside", "gcc-10_4.pkg"));
        File.Copy(SampleData.Gcc, Path.Combine(repo, "All", "gcc-10_4.pkg"));
        var honest = await RepositoryBuilder.ReadEntryAsync(repo, "All/gcc-10_4.pkg", Ct);
        await WriteCatalogAsync(repo, [honest with { Path = repoPath, RepoPath = repoPath }]);

        var report = await RepositoryVerifier.VerifyAsync(repo, cancellationToken: Ct);

        Assert.Contains(report.Problems, p => p.Kind == VerificationProblemKind.UnsafePath && p.Path == repoPath);
        Assert.False(report.IsValid);
    }

    [Fact]
    public async Task VerifyAsync_SymlinkedFileOutOfRepository_IsReportedUnsafe()
    {
        using var outside = new TempDirectory();
        using var repo = new TempDirectory();
        File.Copy(SampleData.Gcc, outside.Combine("gcc-10_4.pkg"));
        Directory.CreateDirectory(repo.Combine("All"));
        File.CreateSymbolicLink(repo.Combine("All", "gcc-10_4.pkg"), outside.Combine("gcc-10_4.pkg"));
        var entry = await RepositoryBuilder.ReadEntryAsync(repo.Path, "All/gcc-10_4.pkg", Ct);
        await WriteCatalogAsync(repo.Path, [entry]);

        var report = await RepositoryVerifier.VerifyAsync(repo.Path, cancellationToken: Ct);

        var problem = Assert.Single(report.Problems);
        Assert.Equal((VerificationProblemKind.UnsafePath, "All/gcc-10_4.pkg"), (problem.Kind, problem.Path));
        Assert.Contains("outside the repository", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_SymlinkedDirectoryOutOfRepository_IsReportedUnsafe()
    {
        using var outside = new TempDirectory();
        using var repo = new TempDirectory();
        File.Copy(SampleData.Gcc, outside.Combine("gcc-10_4.pkg"));
        Directory.CreateSymbolicLink(repo.Combine("All"), outside.Path);
        var entry = await RepositoryBuilder.ReadEntryAsync(outside.Path, "gcc-10_4.pkg", Ct) with { Path = "All/gcc-10_4.pkg", RepoPath = "All/gcc-10_4.pkg" };
        await WriteCatalogAsync(repo.Path, [entry]);

        var report = await RepositoryVerifier.VerifyAsync(repo.Path, cancellationToken: Ct);

        Assert.Equal(VerificationProblemKind.UnsafePath, Assert.Single(report.Problems).Kind);
    }

    [Fact]
    public async Task VerifyAsync_SymlinkInsideRepository_IsFollowed()
    {
        using var repo = new TempDirectory();
        Directory.CreateDirectory(repo.Combine("store"));
        File.Copy(SampleData.Gcc, repo.Combine("store", "gcc-10_4.pkg"));
        Directory.CreateSymbolicLink(repo.Combine("All"), "store");
        var entry = await RepositoryBuilder.ReadEntryAsync(repo.Path, "All/gcc-10_4.pkg", Ct);
        await WriteCatalogAsync(repo.Path, [entry with { Path = "store/gcc-10_4.pkg", RepoPath = "store/gcc-10_4.pkg" }, entry]);

        var report = await RepositoryVerifier.VerifyAsync(repo.Path, cancellationToken: Ct);

        Assert.True(report.IsValid, string.Join("; ", report.Problems));
        Assert.Equal(2, report.Checked);
    }
}
