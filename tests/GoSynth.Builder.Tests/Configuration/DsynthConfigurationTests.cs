using GoSynth.Builder.Configuration;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Configuration;

public sealed class DsynthConfigurationTests
{
    private const string Minimal = "[Global Configuration]\nprofile_selected = LiveSystem\n\n[LiveSystem]\n";

    private static BuilderOptions Read(TempDirectory dir, string ini, string? profile = null)
    {
        dir.WriteFile("dsynth.ini", ini);
        return DsynthConfiguration.Load(dir.Path, profile);
    }

    private static BuilderConfigurationException ReadFails(TempDirectory dir, string ini, string? profile = null)
    {
        dir.WriteFile("dsynth.ini", ini);
        return Assert.Throws<BuilderConfigurationException>(() => DsynthConfiguration.Load(dir.Path, profile));
    }

    [Fact]
    public void Load_EmptyProfile_EveryKeyHasDsynthsDefault()
    {
        using var dir = new TempDirectory();
        var o = Read(dir, Minimal);

        Assert.Equal("LiveSystem", o.Profile);
        Assert.Equal("/build/synth/live_packages", o.PackagesDirectory);
        Assert.Equal("/build/synth/live_packages/All", o.EffectiveRepositoryDirectory);
        Assert.Equal("/usr/dports", o.PortsDirectory);
        Assert.Equal("/build/synth/options", o.OptionsDirectory);
        Assert.Equal("/build/synth/distfiles", o.DistfilesDirectory);
        Assert.Equal("/build/synth/build", o.BuildBase);
        Assert.Equal("/build/synth/logs", o.LogsDirectory);
        Assert.Null(o.CCacheDirectory);
        Assert.Equal("/", o.SystemDirectory);
        Assert.Equal(".txz", o.PackageSuffix);
        Assert.Equal(2, o.MetaVersion);
        Assert.Equal(8, o.MaxJobsPerBuilder);
        Assert.InRange(o.NumberOfBuilders, 1, Math.Max(1, System.Environment.ProcessorCount / 2));
        Assert.True(o.TmpfsWorkdir);
        Assert.True(o.TmpfsLocalbase);
        Assert.True(o.DisplayWithNcurses);
        Assert.False(o.LeveragePrebuilt);
        Assert.False(o.CheckPlist);
        Assert.False(o.UseUsrSrc);
        Assert.Equal(0, o.NumaSetsize);
        Assert.Equal(BuilderSlotBackend.Auto, o.SlotBackend);
        Assert.Null(o.MetadataCacheDirectory);
        Assert.False(o.DisableMetadataCache);
        Assert.Equal("/build/synth/build/metacache", o.EffectiveMetadataCacheDirectory);
        Assert.Equal("/build/synth/build/gosynth.db", o.EffectiveDatabasePath);
        Assert.False(o.DisableThrottle);
        Assert.Equal(0, o.MaxJobsTotal);
        Assert.Equal(Path.Combine(dir.Path, "dsynth.ini"), o.ConfigurationFile);
    }

    [Fact]
    public void Load_EveryKeySet_EveryValueRead()
    {
        using var dir = new TempDirectory();
        var o = Read(dir, Minimal + """
            Operating_system = DragonFly
            Directory_packages = /b/pk
            Directory_repository = /b/pk/Repo
            Directory_portsdir = /b/ports
            Directory_options = /b/opt
            Directory_distfiles = /b/dist
            Directory_buildbase = /b/base
            Directory_logs = /b/logs
            Directory_ccache = /b/ccache
            Directory_system = /b/sys
            Package_suffix = .tzst
            Meta_version = 1
            Number_of_builders = 12
            Max_jobs_per_builder = 3
            Tmpfs_workdir = true
            Tmpfs_localbase = 1
            Display_with_ncurses = false
            leverage_prebuilt = no
            Check_plist = yes
            Use_usrsrc = TRUE
            Numa_setsize = 2
            Slot_backend = linux
            Target_release = 6.4
            Target_architecture = x86_64
            Directory_metacache = /b/cache
            Database_path = /b/history.db
            Disable_throttle = true
            Max_jobs_total = 24
            """);

        Assert.Equal("DragonFly", o.OperatingSystem);
        Assert.Equal("/b/pk", o.PackagesDirectory);
        Assert.Equal("/b/pk/Repo", o.EffectiveRepositoryDirectory);
        Assert.Equal("/b/ports", o.PortsDirectory);
        Assert.Equal("/b/opt", o.OptionsDirectory);
        Assert.Equal("/b/dist", o.DistfilesDirectory);
        Assert.Equal("/b/base", o.BuildBase);
        Assert.Equal("/b/logs", o.LogsDirectory);
        Assert.Equal("/b/ccache", o.CCacheDirectory);
        Assert.Equal("/b/sys", o.SystemDirectory);
        Assert.Equal(".tzst", o.PackageSuffix);
        Assert.Equal(1, o.MetaVersion);
        Assert.Equal(12, o.NumberOfBuilders);
        Assert.Equal(3, o.MaxJobsPerBuilder);
        Assert.False(o.DisplayWithNcurses);
        Assert.True(o.CheckPlist);
        Assert.True(o.UseUsrSrc);
        Assert.Equal(2, o.NumaSetsize);
        Assert.Equal(BuilderSlotBackend.Linux, o.SlotBackend);
        Assert.Equal("6.4", o.TargetRelease);
        Assert.Equal("x86_64", o.TargetArchitecture);
        Assert.Equal("/b/cache", o.MetadataCacheDirectory);
        Assert.Equal("/b/cache", o.EffectiveMetadataCacheDirectory);
        Assert.Equal("/b/history.db", o.EffectiveDatabasePath);
        Assert.True(o.DisableThrottle);
        Assert.Equal(24, o.MaxJobsTotal);
        Assert.Equal(8, o.EffectiveMaxBuilders);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("4096", 4096)]
    [InlineData("65536", 65536)]
    public void Load_CatalogFrameSize_Read(string value, int expected)
    {
        using var dir = new TempDirectory();
        Assert.Equal(24 * 1024, Read(dir, Minimal).CatalogFrameSize);
        Assert.Equal(expected, Read(dir, Minimal + $"Catalog_frame_size = {value}\n").CatalogFrameSize);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("-1")]
    [InlineData("999999999")]
    public void Load_CatalogFrameSize_OutOfRange_NamesTheKey(string value)
    {
        using var dir = new TempDirectory();
        var e = Assert.ThrowsAny<Exception>(() => Read(dir, Minimal + $"Catalog_frame_size = {value}\n"));
        Assert.Contains("Catalog_frame_size", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("DISABLED")]
    public void Load_MetacacheDisabled_NoCacheDirectoryInEffect(string value)
    {
        using var dir = new TempDirectory();
        var o = Read(dir, Minimal + $"Directory_metacache = {value}\n");

        Assert.True(o.DisableMetadataCache);
        Assert.Null(o.EffectiveMetadataCacheDirectory);
    }

    [Fact]
    public void Load_ZeroBuildersAndJobs_MeanDsynthsCpuDefaults()
    {
        using var dir = new TempDirectory();
        var o = Read(dir, Minimal + "Number_of_builders = 0\nMax_jobs_per_builder = 0\n");

        Assert.Equal(System.Environment.ProcessorCount / 2 + 1, o.NumberOfBuilders);
        Assert.Equal(System.Environment.ProcessorCount, o.MaxJobsPerBuilder);
    }

    [Fact]
    public void Load_ProfileKeyAndGlobalKey_ProfileWins()
    {
        using var dir = new TempDirectory();
        var o = Read(dir, "[Global Configuration]\nprofile_selected = Work\nNumber_of_builders = 2\nDirectory_logs = /g/logs\n\n[Work]\nNumber_of_builders = 5\n\n[Other]\nNumber_of_builders = 9\n");

        Assert.Equal("Work", o.Profile);
        Assert.Equal(5, o.NumberOfBuilders);
        Assert.Equal("/g/logs", o.LogsDirectory);
    }

    [Fact]
    public void Load_CallerProfile_OverridesProfileSelected()
    {
        using var dir = new TempDirectory();
        var o = Read(dir, "[Global Configuration]\nprofile_selected = Work\n[Work]\nNumber_of_builders = 5\n[Other]\nNumber_of_builders = 9\n", profile: "Other");

        Assert.Equal("Other", o.Profile);
        Assert.Equal(9, o.NumberOfBuilders);
    }

    [Fact]
    public void Load_CommentsAndTrailingComments_Ignored()
    {
        using var dir = new TempDirectory();
        var o = Read(dir, "; header\n# another\n[Global Configuration]\nprofile_selected = LiveSystem ; the usual\n[LiveSystem]\nNumber_of_builders = 3 # three\n");

        Assert.Equal(3, o.NumberOfBuilders);
    }

    [Fact]
    public void Load_MakeConf_ReadForTheSelectedProfile()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("LiveSystem-make.conf", "# comment\nWITH_DEBUG=yes\n\nDEFAULT_VERSIONS+= ssl=openssl\n");
        dir.WriteFile("Other-make.conf", "NOT_THIS=1\n");
        var o = Read(dir, Minimal);

        Assert.Equal(dir.Combine("LiveSystem-make.conf"), o.MakeConfFile);
        Assert.Equal(["WITH_DEBUG=yes", "DEFAULT_VERSIONS+= ssl=openssl"], o.MakeConf);
    }

    [Theory]
    [InlineData("Number_of_buidlers = 4", 5, "Number_of_buidlers", "did you mean Number_of_builders")]
    [InlineData("Number_of_builders = lots", 5, "Number_of_builders", "whole number from 0 to 1024")]
    [InlineData("Number_of_builders = 2000", 5, "Number_of_builders", "whole number from 0 to 1024")]
    [InlineData("Max_jobs_per_builder = -1", 5, "Max_jobs_per_builder", "whole number from 0 to 8192")]
    [InlineData("Check_plist = maybe", 5, "Check_plist", "use true or false")]
    [InlineData("Package_suffix = .zip", 5, "Package_suffix", ".tgz .tar .txz .tbz .tzst .pkg")]
    [InlineData("Operating_system = Linux", 5, "Operating_system", "DragonFly FreeBSD")]
    [InlineData("Directory_logs = logs", 5, "Directory_logs", "absolute path")]
    [InlineData("Slot_backend = jail", 5, "Slot_backend", "auto linux bsd host")]
    [InlineData("Target_release = fourteen", 5, "Target_release", "major.minor")]
    [InlineData("Directory_portsdir = /my ports", 5, "Directory_portsdir", "contains a space")]
    [InlineData("Tmpfs_workdir = false", 5, "Tmpfs_workdir", "not supported")]
    [InlineData("leverage_prebuilt = true", 5, "leverage_prebuilt", "not supported")]
    public void Load_BadLine_ErrorNamesFileLineKeyAndWhatIsAllowed(string line, int lineNumber, string key, string allowed)
    {
        using var dir = new TempDirectory();
        var e = ReadFails(dir, Minimal + line + "\n");

        Assert.Equal(Path.Combine(dir.Path, "dsynth.ini"), e.File);
        Assert.Equal(lineNumber, e.Line);
        Assert.Equal(key, e.Key);
        Assert.Contains(allowed, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{e.File}:{lineNumber}: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Global Configuration]\nprofile_selected = Missing\n[LiveSystem]\n", "[Missing] has no section")]
    [InlineData("[LiveSystem]\nNumber_of_builders = 2\n", "no [Global Configuration] section")]
    [InlineData("[Global Configuration]\n[LiveSystem]\nNumber_of_builders = 2\nNumber_of_builders = 3\n", "set twice")]
    [InlineData("Number_of_builders = 2\n[Global Configuration]\n", "before any section")]
    [InlineData("[Global Configuration]\n[LiveSystem]\njust some words\n", "not a 'key = value' line")]
    [InlineData("[Global Configuration]\n[LiveSystem]\n[Other]\nTypo_key = 1\n", "unknown key Typo_key in [Other]")]
    [InlineData("[Global Configuration]\n[LiveSystem]\nprofile_selected = X\n", "belongs in [Global Configuration]")]
    [InlineData("[Global Configuration]\n[LiveSystem]\nDirectory_logs =\n", "has no value")]
    [InlineData("[Global Configuration\n", "not a section header")]
    public void Load_BadFile_ErrorSaysWhatIsWrong(string ini, string expected)
    {
        using var dir = new TempDirectory();
        var e = ReadFails(dir, ini);

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(dir.Path, "dsynth.ini"), e.File);
    }

    [Fact]
    public void FindFile_SearchOrder_FirstDirectoryWithAFileWins()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        second.WriteFile("dsynth.ini", Minimal);

        Assert.Equal(Path.Combine(second.Path, "dsynth.ini"), DsynthConfiguration.FindFile(null, [first.Path, second.Path]));
        first.WriteFile("dsynth.ini", Minimal);
        Assert.Equal(Path.Combine(first.Path, "dsynth.ini"), DsynthConfiguration.FindFile(null, [first.Path, second.Path]));
    }

    [Fact]
    public void FindFile_NowhereAndCallerDirectory_ErrorListsWhereItLooked()
    {
        using var empty = new TempDirectory();

        var e = Assert.Throws<BuilderConfigurationException>(() => DsynthConfiguration.FindFile(null, ["/nonexistent/a", "/nonexistent/b"]));
        Assert.Contains("/nonexistent/a or /nonexistent/b", e.Message, StringComparison.Ordinal);
        Assert.Throws<BuilderConfigurationException>(() => DsynthConfiguration.Load(empty.Path));
        Assert.Equal(["/etc/dsynth", "/usr/local/etc/dsynth"], DsynthConfiguration.SearchDirectories);
    }

    [Fact]
    public void Load_HookKeys_SetTheHookPaths_ARelativePathIsAnError()
    {
        using var dir = new TempDirectory();
        var o = Read(dir, Minimal + "hook_run_start = /etc/dsynth/start\nHOOK_PKG_FAILURE = /etc/dsynth/failed\n");

        Assert.Equal("/etc/dsynth/start", o.HookRunStart);
        Assert.Equal("/etc/dsynth/failed", o.HookPkgFailure);
        Assert.Null(o.HookRunEnd);
        Assert.Null(o.HookPkgSuccess);
        Assert.Null(o.HookPkgIgnored);
        Assert.Null(o.HookPkgSkipped);

        var e = ReadFails(dir, Minimal + "hook_pkg_skipped = hooks/skipped\n");
        Assert.Equal("hook_pkg_skipped", e.Key);
        Assert.Contains("absolute path", e.Message, StringComparison.Ordinal);
    }
}
