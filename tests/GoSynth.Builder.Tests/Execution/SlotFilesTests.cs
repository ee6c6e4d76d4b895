using GoSynth.Builder.Configuration;
using GoSynth.Builder.Execution;
using GoSynth.Builder.Execution.Internal;
using GoSynth.Pkg.Profiles;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Execution;

public sealed class SlotFilesTests
{
    [Fact]
    public void BuildMakeConf_FreeBsdProfile_HasDsynthsEntriesThenTheProfileLines()
    {
        var options = new BuilderOptions { MaxJobsPerBuilder = 6, PackageSuffix = ".pkg", MakeConf = ["DEFAULT_VERSIONS+=ssl=openssl", "WITH_DEBUG=yes"] };

        var lines = SlotFiles.BuildMakeConf(options, TargetProfile.FreeBsd("14.2", "amd64")).TrimEnd('\n').Split('\n');

        Assert.StartsWith("#", lines[0], StringComparison.Ordinal);
        Assert.Equal(
            ["USE_PACKAGE_DEPENDS_ONLY=yes", "PORTSDIR=/xports", "PORT_DBDIR=/options", "PKG_DBDIR=/var/db/pkg", "PKG_CACHEDIR=/var/cache/pkg",
             "PKG_COMPRESSION_FORMAT=pkg", "UID=0", "ARCH=amd64", "OPSYS=FreeBSD", "OSVERSION=1402000", "OSREL=14.2", "_OSRELEASE=14.2-RELEASE",
             "DISTDIR=/distfiles", "WRKDIRPREFIX=/construction", "PACKAGES=/packages", "BATCH=yes", "PACKAGE_BUILDING=yes", "PKG_CREATE_VERBOSE=yes",
             "MAKE_JOBS_NUMBER=6", "DEFAULT_VERSIONS+=ssl=openssl", "WITH_DEBUG=yes"],
            lines[1..]);
    }

    [Fact]
    public void BuildMakeConf_DragonFlyWithCCache_AddsDflyVersionAndCCache()
    {
        var options = new BuilderOptions { CCacheDirectory = "/build/ccache" };

        var text = SlotFiles.BuildMakeConf(options, TargetProfile.DragonFly("6.4"));

        Assert.Contains("\nDFLYVERSION=600400\n", text, StringComparison.Ordinal);
        Assert.Contains("\nOSVERSION=9999999\n", text, StringComparison.Ordinal);
        Assert.Contains("\nWITH_CCACHE_BUILD=yes\nCCACHE_DIR=/ccache\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_LinkWhereADirectoryOrTheFileShouldBe_IsReplacedAndNothingOutsideIsTouched()
    {
        using var dir = new TempDirectory();
        var root = Directory.CreateDirectory(dir.Combine("slot")).FullName;
        var outside = Directory.CreateDirectory(dir.Combine("host-etc")).FullName;
        var victim = dir.WriteFile("host-file", "precious\n");
        File.CreateSymbolicLink(Path.Combine(root, "etc"), outside);
        Directory.CreateDirectory(Path.Combine(root, "gosynth", "mk"));
        File.CreateSymbolicLink(Path.Combine(root, "gosynth", "mk", "sys.mk"), victim);

        SlotFiles.Write(root, "/etc/make.conf", "A=1\n"u8.ToArray());
        SlotFiles.Write(root, "/gosynth/mk/sys.mk", "B=2\n"u8.ToArray());

        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Null(new DirectoryInfo(Path.Combine(root, "etc")).LinkTarget);
        Assert.Equal("A=1\n", File.ReadAllText(Path.Combine(root, "etc", "make.conf")));
        Assert.Equal("B=2\n", File.ReadAllText(Path.Combine(root, "gosynth", "mk", "sys.mk")));
    }

    [Fact]
    public void WriteInto_CrossProfile_CopiesTheScansStubsAndTheMakeConf()
    {
        using var dir = new TempDirectory();
        var root = Directory.CreateDirectory(dir.Combine("slot")).FullName;
        var profile = TargetProfile.FreeBsd("14.2");
        var files = new SlotFiles(new BuilderOptions(), profile, dir.Combine("work"));

        files.WriteInto(root);

        var stubs = profile.EnsureMakeSysPath(dir.Combine("work"))!;
        Assert.True(files.HasStubs);
        Assert.NotEmpty(Directory.EnumerateFiles(stubs));
        foreach (var stub in Directory.EnumerateFiles(stubs))
        {
            Assert.Equal(File.ReadAllBytes(stub), File.ReadAllBytes(Path.Combine(root, "gosynth", "mk", Path.GetFileName(stub))));
        }

        Assert.Equal(files.MakeConfText, File.ReadAllText(Path.Combine(root, "etc", "make.conf")));
        Assert.False(new SlotFiles(new BuilderOptions(), TargetProfile.Native, dir.Combine("work")).HasStubs);
    }

    [Fact]
    public void BuildEnvironment_CrossProfile_HasDsynthsWorkerVariablesAndTheProfiles()
    {
        var env = LocalSlotExecutor.BuildEnvironment(new BuilderOptions { MaxJobsPerBuilder = 4 }, TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2), stubs: true);

        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["PORTSDIR"] = "/xports", ["WRKDIRPREFIX"] = "/construction", ["DISTDIR"] = "/distfiles", ["PACKAGES"] = "/packages",
            ["PORT_DBDIR"] = "/options", ["LOCALBASE"] = "/usr/local", ["PREFIX"] = "/usr/local", ["MAKESYSPATH"] = "/gosynth/mk",
            ["__MAKE_CONF"] = "/etc/make.conf", ["BATCH"] = "yes", ["PACKAGE_BUILDING"] = "yes", ["MAKE_JOBS_NUMBER"] = "4",
            ["OPSYS"] = "FreeBSD", ["OSVERSION"] = "1402000", ["ARCH"] = "amd64", ["UNAME_r"] = "14.2-RELEASE", ["TERM"] = "dumb",
            ["USER"] = "root", ["HOME"] = "/root", ["LANG"] = "C", ["PATH"] = "/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin",
        })
        {
            Assert.Equal(value, env[name]);
        }

        Assert.False(LocalSlotExecutor.BuildEnvironment(new BuilderOptions(), TargetProfile.Native, stubs: false).ContainsKey("MAKESYSPATH"));
    }
}
