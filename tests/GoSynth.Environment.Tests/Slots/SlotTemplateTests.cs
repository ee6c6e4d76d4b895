using GoSynth.Environment.Slots;
using GoSynth.Testing;

namespace GoSynth.Environment.Tests.Slots;

public sealed class SlotTemplateTests
{
    [Fact]
    public void Create_FromAFakeLinuxSystem_CopiesTheNeededEtcFilesAndLayout()
    {
        using var sys = new TempDirectory();
        sys.WriteFile("etc/passwd", "root:x:0:0::/root:/bin/sh\n");
        sys.WriteFile("etc/resolv.conf", "nameserver 192.0.2.1\n");
        sys.WriteFile("etc/secret-app.conf", "not for builds\n");
        using var template = new TempDirectory();

        SlotTemplate.Create(template.Path, sys.Path, SlotBackend.Linux);

        Assert.Equal("root:x:0:0::/root:/bin/sh\n", File.ReadAllText(template.Combine("etc", "passwd")));
        Assert.True(File.Exists(template.Combine("etc", "resolv.conf")));
        Assert.False(File.Exists(template.Combine("etc", "secret-app.conf")));
        Assert.True(Directory.Exists(template.Combine("var", "db", "pkg")));
        Assert.Equal((UnixFileMode)Convert.ToInt32("1777", 8), File.GetUnixFileMode(template.Combine("tmp")));
        Assert.True(SlotTemplate.IsComplete(template.Path));
    }

    [Fact]
    public void Create_Linux_CopiesTheAlternativesLinksAsLinksAndNothingElseThere()
    {
        using var sys = new TempDirectory();
        sys.WriteFile("etc/alternatives/README", "not a link\n");
        File.CreateSymbolicLink(sys.Combine("etc", "alternatives", "awk"), "/usr/bin/mawk");
        using var template = new TempDirectory();

        SlotTemplate.Create(template.Path, sys.Path, SlotBackend.Linux);

        var awk = new FileInfo(template.Combine("etc", "alternatives", "awk"));
        Assert.Equal("/usr/bin/mawk", awk.LinkTarget);
        Assert.False(File.Exists(template.Combine("etc", "alternatives", "README")));
    }

    [Fact]
    public void Create_Bsd_CopiesAllOfEtcButHostKeysAndLocaltime()
    {
        using var sys = new TempDirectory();
        sys.WriteFile("etc/master.passwd", "root::0:0::0:0:Charlie &:/root:/bin/csh\n");
        sys.WriteFile("etc/ssh/ssh_host_ed25519_key", "PRIVATE");
        sys.WriteFile("etc/ssh/sshd_config", "PermitRootLogin no\n");
        sys.WriteFile("etc/localtime", "TZif");
        sys.WriteFile("var/run/ld-elf.so.hints", "hints");
        using var template = new TempDirectory();

        SlotTemplate.Create(template.Path, sys.Path, SlotBackend.FreeBsd);

        Assert.True(File.Exists(template.Combine("etc", "master.passwd")));
        Assert.True(File.Exists(template.Combine("etc", "ssh", "sshd_config")));
        Assert.False(File.Exists(template.Combine("etc", "ssh", "ssh_host_ed25519_key")));
        Assert.False(File.Exists(template.Combine("etc", "localtime")));
        Assert.Equal("hints", File.ReadAllText(template.Combine("var", "run", "ld-elf.so.hints")));
    }
}
