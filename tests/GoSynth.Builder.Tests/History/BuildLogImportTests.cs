using GoSynth.Builder.History;
using GoSynth.Builder.Planning;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.History;

public sealed class BuildLogImportTests
{
    private static string PoudriereLog => Path.Combine(RepositoryPaths.TestData, "build-times", "poudriere-bulk-12.2amd64-16builders-2021-03-22.log");

    [Fact]
    public void ReadPoudriere_RealBulkLog_EveryBuildReadNothingUnparsed()
    {
        using var reader = File.OpenText(PoudriereLog);

        var result = BuildLogImport.ReadPoudriere(reader);

        Assert.Empty(result.Unparsed);
        Assert.Equal(159, result.Builds.Length);
        Assert.Equal(158, result.Builds.Count(b => b.Succeeded));
        var failed = Assert.Single(result.Builds, b => !b.Succeeded);
        Assert.Equal(("databases/ruby-bdb", "stage", TimeSpan.FromSeconds(152)), (failed.Port.ToString(), failed.FailedPhase, failed.Duration));
        var pkg = result.Builds[0];
        Assert.Equal(("ports-mgmt/pkg", "pkg-1.16.3", TimeSpan.FromSeconds(124), 26), (pkg.Port.ToString(), pkg.PackageName, pkg.Duration, pkg.Line));
        Assert.Contains(result.Builds, b => b.Port == new PortId("devel/git", "default") && b.Duration == TimeSpan.FromSeconds(490));
        Assert.Equal(TimeSpan.FromSeconds(45 * 60 + 6), result.Builds.Single(b => b.Port.Origin == "devel/cmake").Duration);
    }

    [Fact]
    public void ReadPoudriere_DamagedLines_ReportedWithLineNumberNotGuessed()
    {
        var log = "[00:03:30] [01] [00:02:04] Finished ports-mgmt/pkg | pkg-1.16.3: Success\n"
            + "[00:03:31] [02] [00:0x:04] Finished devel/a | a-1: Success\n"
            + "[00:03:32] [03] [00:00:09] Finished devel/b b-1 Success\n"
            + "garbage in the middle\n"
            + "[00:03:33] Stopping 16 builders\n";

        var result = BuildLogImport.ReadPoudriere(new StringReader(log));

        Assert.Single(result.Builds);
        Assert.Equal([2, 3, 4], result.Unparsed.Select(u => u.Line));
    }

    [Fact]
    public void ReadDsynth_ResultLines_SuccessFailureAndDamage()
    {
        var log = "[001] START   devel/gmake                                   ##idep=02 depi=10/03 dep=0.01G\n"
            + "[001] SUCCESS devel/gmake                                                 00:01:23\n"
            + "[002] FAILURE lang/rust 14                                          build 02:10:00\n"
            + "[003] SUCCESS www/firefox                                                 lots\n"
            + "[XXX] misc/foo ignored due to broken\n";

        var result = BuildLogImport.ReadDsynth(new StringReader(log));

        Assert.Equal(2, result.Builds.Length);
        Assert.Equal((new PortId("devel/gmake"), TimeSpan.FromSeconds(83), true), (result.Builds[0].Port, result.Builds[0].Duration, result.Builds[0].Succeeded));
        Assert.Equal(("build", false, TimeSpan.FromMinutes(130)), (result.Builds[1].FailedPhase, result.Builds[1].Succeeded, result.Builds[1].Duration));
        Assert.Equal(4, Assert.Single(result.Unparsed).Line);
    }

    [Fact]
    public void SeedDurations_RealLog_SuccessesBecomeExpectedDurations()
    {
        using var reader = File.OpenText(PoudriereLog);
        var history = new BuildHistorySnapshot();

        var seeded = BuildLogImport.ReadPoudriere(reader).SeedDurations(history);

        Assert.Equal(158, seeded);
        Assert.Equal(TimeSpan.FromSeconds(124), history.GetExpectedDuration(new PortId("ports-mgmt/pkg")));
        Assert.Null(history.GetExpectedDuration(new PortId("databases/ruby-bdb")));
    }
}
