using GoSynth.Pkg.Packages;
using GoSynth.Testing;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>As root, an install gives each path the owner and group the package names, mapped to ids through the
/// root's own etc/passwd and etc/group (never the host's), with lchown for symlinks and the mode set after the owner.</summary>
public sealed class PackageInstallerOwnershipTests : IDisposable
{
    // FreeBSD's ids: uucp is 66 and dialer 68 there; this host (Debian) has uucp as 10 and no dialer.
    private const string Passwd = "# comment\nroot:*:0:0:Charlie &:/root:/bin/sh\nuucp:*:66:66:UUCP pseudo-user:/var/spool/uucppublic:/usr/sbin/nologin\n";
    private const string Group = "wheel:*:0:root\nuucp:*:66:\ndialer:*:68:\n";
    private readonly TempDirectory _dir = new();
    private readonly string _root;

    public PackageInstallerOwnershipTests()
    {
        _root = Directory.CreateDirectory(_dir.Combine("root")).FullName;
        Directory.CreateDirectory(_root + "/etc");
        File.WriteAllText(_root + "/etc/passwd", Passwd);
        File.WriteAllText(_root + "/etc/group", Group);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task InstallAsync_AsRoot_MapsNamesThroughTheRootsOwnDatabases()
    {
        RequireRoot();
        var pkg = DialupPackage();

        await PackageInstaller.InstallAsync(pkg, _root, cancellationToken: Ct);

        Assert.Equal("66:68:755", Stat("/usr/local/libexec/uucico"));
        Assert.Equal("66:68:775", Stat("/usr/local/spool/uucp"));
        Assert.NotEqual("66", HostId("passwd", "uucp")); // the ids come from the root, not from this host
    }

    [Fact]
    public async Task InstallAsync_AsRoot_SetuidSurvivesTheChown()
    {
        RequireRoot();

        await PackageInstaller.InstallAsync(DialupPackage(), _root, cancellationToken: Ct);

        Assert.Equal("66:68:4755", Stat("/usr/local/libexec/cu"));
    }

    [Fact]
    public async Task InstallAsync_AsRoot_SymlinkGetsItsOwnOwnerAndItsTargetKeepsHis()
    {
        RequireRoot();

        await PackageInstaller.InstallAsync(DialupPackage(), _root, cancellationToken: Ct);

        Assert.Equal("../libexec/uucico", new FileInfo(_root + "/usr/local/bin/uucico").LinkTarget);
        Assert.Equal("66:68", Stat("/usr/local/bin/uucico", "%u:%g"));
        Assert.Equal("66:68:755", Stat("/usr/local/libexec/uucico"));
        Assert.Equal("0:0", Stat("/usr/local/bin/plain-link", "%u:%g"));
        Assert.Equal("0:0:644", Stat("/usr/local/share/dialup/plain"));
    }

    [Fact]
    public async Task InstallAsync_AsRoot_UnknownNameFallsBackToTheArchiveIdWithOneWarning()
    {
        RequireRoot();
        var logger = new RecordingLogger<PackageInstallerOwnershipTests>();

        await PackageInstaller.InstallAsync(DialupPackage(), _root, new PackageInstallOptions { Logger = logger }, Ct);

        Assert.Equal("4242:4343:644", Stat("/usr/local/share/dialup/ghost"));
        var warnings = logger.Messages.Where(m => m.Id == PkgEventIds.InstallOwnerUnknown).Select(m => m.Text).ToList();
        Assert.Equal(2, warnings.Count); // one per unknown name: the user and the group
        Assert.Contains(warnings, w => w.Contains("'ghostuser'", StringComparison.Ordinal) && w.Contains(_root + "/etc/passwd", StringComparison.Ordinal)
            && w.Contains("4242", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstallAsync_AsRoot_NoDatabasesInTheRoot_RootAndWheelAreZeroOthersFallBack()
    {
        RequireRoot();
        File.Delete(_root + "/etc/passwd");
        File.Delete(_root + "/etc/group");
        var logger = new RecordingLogger<PackageInstallerOwnershipTests>();

        await PackageInstaller.InstallAsync(DialupPackage(), _root, new PackageInstallOptions { Logger = logger }, Ct);

        Assert.Equal("0:0:644", Stat("/usr/local/share/dialup/plain"));
        Assert.Equal("0:0:775", Stat("/usr/local/spool/uucp")); // listed only in the manifest: no archive id, so 0
        Assert.Equal("7:8:755", Stat("/usr/local/libexec/uucico")); // the archive's ids
        Assert.DoesNotContain(logger.Messages, m => m.Text.Contains("'root'", StringComparison.Ordinal) || m.Text.Contains("'wheel'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstallAsync_AsRoot_PasswdThatIsASymlinkOutOfTheRoot_IsNotRead()
    {
        RequireRoot();
        var outside = _dir.Combine("host-passwd");
        File.WriteAllText(outside, "uucp:*:1234:1234::/:/bin/sh\n");
        File.Delete(_root + "/etc/passwd");
        File.CreateSymbolicLink(_root + "/etc/passwd", outside);

        await PackageInstaller.InstallAsync(DialupPackage(), _root, cancellationToken: Ct);

        Assert.Equal("7:68:755", Stat("/usr/local/libexec/uucico"));
    }

    private static void RequireRoot()
    {
        if (!System.Environment.IsPrivilegedProcess)
        {
            Assert.Skip("changing owners needs root; run the tests as root");
        }
    }

    /// <summary>uucico (uucp:dialer, archive ids 7:8), cu (setuid, uucp:dialer), a symlink to uucico owned uucp:dialer,
    /// a plain root file with a root symlink, a file whose names no database knows (archive ids 4242:4343), and a
    /// directory uucp:dialer 0775 listed only in the manifest.</summary>
    private string DialupPackage()
    {
        const string Link = "../libexec/uucico";
        var manifest = "{\"name\":\"dialup\",\"origin\":\"comms/dialup\",\"version\":\"1.0\",\"flatsize\":4096,\"files\":{"
            + Entry("/usr/local/libexec/uucico", RawPackage.Sum("uucico"), "uucp", "dialer", "0755") + ","
            + Entry("/usr/local/libexec/cu", RawPackage.Sum("cu"), "uucp", "dialer", "4755") + ","
            + Entry("/usr/local/bin/uucico", RawPackage.Sum(Link), "uucp", "dialer", "0755") + ","
            + Entry("/usr/local/share/dialup/plain", RawPackage.Sum("plain"), "root", "wheel", "0644") + ","
            + Entry("/usr/local/bin/plain-link", RawPackage.Sum("../share/dialup/plain"), "root", "wheel", "0755") + ","
            + Entry("/usr/local/share/dialup/ghost", RawPackage.Sum("ghost"), "ghostuser", "ghostgroup", "0644")
            + "},\"directories\":{\"/usr/local/spool/uucp/\":{\"uname\":\"uucp\",\"gname\":\"dialer\",\"perm\":\"0775\"}}}";
        var path = _dir.Combine("dialup-1.0.pkg");
        new RawPackage { Manifest = manifest }
            .File("/usr/local/libexec/uucico", "uucico", 0x1ED).Owner("/usr/local/libexec/uucico", 7, 8)
            .File("/usr/local/libexec/cu", "cu", 0x9ED).Owner("/usr/local/libexec/cu", 7, 8, "uucp", "dialer")
            .Symlink("/usr/local/bin/uucico", Link)
            .File("/usr/local/share/dialup/plain", "plain")
            .Symlink("/usr/local/bin/plain-link", "../share/dialup/plain")
            .File("/usr/local/share/dialup/ghost", "ghost").Owner("/usr/local/share/dialup/ghost", 4242, 4343, "ghostuser", "ghostgroup")
            .Write(path);
        return path;
    }

    private static string Entry(string path, string sum, string user, string group, string perm) =>
        $"\"{path}\":{{\"sum\":\"{sum}\",\"uname\":\"{user}\",\"gname\":\"{group}\",\"perm\":\"{perm}\"}}";

    private string Stat(string path, string format = "%u:%g:%a") => ToolRunner.Run("stat", "-c", format, _root + path).Trim();

    private static string HostId(string database, string name)
    {
        var line = System.IO.File.ReadLines("/etc/" + database).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return line?.Split(':')[2] ?? "(none)";
    }

}
