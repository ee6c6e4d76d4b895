using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Profiles.Internal;
using GoSynth.Pkg.Scanning.Internal;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>The target view's setup costs a fixed handful of processes, whatever the number of binds.</summary>
public sealed class TargetViewSetupTests
{
    [Fact]
    public void Build_FortyBinds_MountsThemAllWithOneMountAndMakesDirectoriesWithOneMkdir()
    {
        var binds = Enumerable.Range(0, 40).Select(i => new TargetViewScript.Bind($"/host/bin/t{i}", $"/usr/bin/t{i}", IsDirectory: i % 2 == 0)).ToList();

        var script = TargetViewScript.Build("/v", "/v.fstab", 1, binds, ["/host/bin/t0"], "/lib/ld.so", ["/usr/local"], TargetBaseSystem.For(TargetProfile.FreeBsd("14.2"))!);

        var lines = script.Split('\n');
        Assert.Equal(2, lines.Count(l => l.StartsWith("mount ", StringComparison.Ordinal))); // the tmpfs and mount -a
        Assert.Single(lines, l => l.StartsWith("mount -a --fstab", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("mkdir -p '", StringComparison.Ordinal));
        Assert.DoesNotContain("ldd", script, StringComparison.Ordinal);
        Assert.Equal(41, lines.Count(l => l.StartsWith("printf '%s %s none bind,ro 0 0\\n' ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Escape_PathWithSpaceTabAndBackslash_IsOneFstabField()
    {
        Assert.Equal("/a\\040b\\011c\\134d", TargetViewScript.Escape("/a b\tc\\d"));
    }

    [Fact]
    public void ElfInterpreter_HostShell_IsAnExistingLoaderAndATextFileHasNone()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("reads a Linux host's ELF shell");
        }

        using var work = new TempDirectory();
        var text = work.Combine("script");
        File.WriteAllText(text, "#!/bin/sh\n");

        var loader = ElfInterpreter.Of("/bin/sh");

        Assert.NotNull(loader);
        Assert.True(File.Exists(loader), loader);
        Assert.StartsWith("ld", Path.GetFileName(loader), StringComparison.Ordinal);
        Assert.Null(ElfInterpreter.Of(text));
    }
}
