using GoSynth.Pkg.Profiles;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Profiles;

public sealed class TargetProfileTests
{
    [Fact]
    public void FreeBsd_Release142_SuppliesTheTargetVariables()
    {
        var profile = TargetProfile.FreeBsd("14.2", "aarch64", smpCpus: 8);

        Assert.Equal("freebsd-14.2-aarch64", profile.Name);
        Assert.Equal("1402000", profile.Variables["OSVERSION"]);
        Assert.Equal("14.2-RELEASE", profile.Variables["_OSRELEASE"]);
        Assert.Equal("14.2", profile.Variables["OSREL"]);
        Assert.Equal("FreeBSD", profile.Variables["OPSYS"]);
        Assert.Equal("aarch64", profile.Variables["ARCH"]);
        Assert.Equal("262144", profile.Variables["CONFIGURE_MAX_CMD_LEN"]);
        Assert.Equal("8", profile.Variables["_SMP_CPUS"]);
        Assert.True(profile.UsesMakeSysPath);
        Assert.False(profile.IsNative);
    }

    [Theory]
    [InlineData("13.0", "1300000")]
    [InlineData("15.10", "1510000")]
    public void FreeBsd_Release_GivesOsVersion(string release, string osversion) =>
        Assert.Equal(osversion, TargetProfile.FreeBsd(release).Variables["OSVERSION"]);

    [Theory]
    [InlineData("14")]
    [InlineData("14.2.1")]
    [InlineData("fourteen.2")]
    [InlineData("-1.2")]
    [InlineData("14.200")]
    public void FreeBsd_BadRelease_ThrowsNamingTheForm(string release)
    {
        var ex = Assert.Throws<ArgumentException>(() => TargetProfile.FreeBsd(release));
        Assert.Contains(release, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FreeBsd_UnknownArch_ThrowsListingTheValidOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => TargetProfile.FreeBsd("14.2", "x86_64"));
        Assert.Contains("amd64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DragonFly_Release64_UsesDsynthsVersionScheme()
    {
        var profile = TargetProfile.DragonFly("6.4");

        Assert.Equal("DragonFly", profile.Variables["OPSYS"]);
        Assert.Equal("600400", profile.Variables["DFLYVERSION"]);
        Assert.Equal("9999999", profile.Variables["OSVERSION"]);
        Assert.Equal("x86_64", profile.Variables["ARCH"]);
    }

    [Fact]
    public void Native_AddsNothing()
    {
        Assert.Empty(TargetProfile.Native.Variables);
        Assert.True(TargetProfile.Native.IsNative);
        Assert.Null(TargetProfile.Native.EnsureMakeSysPath(Path.GetTempPath()));
    }

    [Fact]
    public void EnsureMakeSysPath_WritesEveryStubOncePerContentHash()
    {
        using var dir = new TempDirectory();
        var profile = TargetProfile.FreeBsd("14.2");

        var first = profile.EnsureMakeSysPath(dir.Path)!;
        var second = profile.EnsureMakeSysPath(dir.Path)!;

        Assert.Equal(first, second);
        Assert.EndsWith("makesyspath-" + profile.MakeSysPathHash, first, StringComparison.Ordinal);
        var shipped = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "GoSynth.Pkg", "Profiles", "MakeSysPath"), "*.mk");
        Assert.Equal(7, shipped.Length);
        foreach (var file in shipped)
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(first, Path.GetFileName(file))));
        }

        Assert.Single(Directory.GetDirectories(dir.Path));
    }
}
