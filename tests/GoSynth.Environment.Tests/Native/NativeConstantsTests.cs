using System.Globalization;
using System.Text;
using GoSynth.Environment.Internal.Native;
using GoSynth.Environment.Processes;
using GoSynth.Testing;

namespace GoSynth.Environment.Tests.Native;

public sealed class NativeConstantsTests
{
    [Fact]
    public async Task Table_LinuxColumn_MatchesTheHostsHeaders()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the Linux column is checked against glibc's headers on a Linux host");
        }

        var cc = new[] { "/usr/bin/gcc", "/usr/bin/cc" }.FirstOrDefault(File.Exists);
        if (cc is null)
        {
            Assert.Skip("gcc is missing; run eng/prereqs.sh");
        }

        using var dir = new TempDirectory("gosynth-native-");
        var source = new StringBuilder("#define _GNU_SOURCE\n#include <stdio.h>\n#include <stddef.h>\n");
        foreach (var header in NativeConstants.All.Select(c => c.Header).Distinct())
        {
            source.Append(CultureInfo.InvariantCulture, $"#include <{header}>\n");
        }

        source.Append("int main(void) {\n");
        foreach (var c in NativeConstants.All.Where(c => c.Linux is not null))
        {
            source.Append(CultureInfo.InvariantCulture, $"  printf(\"%lld\\n\", (long long)({c.Name}));\n");
        }

        source.Append("  return 0;\n}\n");
        var program = dir.WriteFile("constants.c", source.ToString());
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" };
        var runner = new ProcessRunner();
        var compile = new CapturingOutputSink();
        var built = await runner.RunAsync(new ProcessSpec(cc, ["-o", dir.Combine("constants"), program]) { Environment = env }, compile, TestContext.Current.CancellationToken);
        Assert.True(built.Succeeded, compile.StandardError);
        var output = new CapturingOutputSink();
        Assert.True((await runner.RunAsync(new ProcessSpec(dir.Combine("constants"), []), output, TestContext.Current.CancellationToken)).Succeeded);

        var expected = NativeConstants.All.Where(c => c.Linux is not null).Select(c => $"{c.Name} = {c.Linux}");
        var actual = NativeConstants.All.Where(c => c.Linux is not null).Zip(output.StandardOutputLines, (c, v) => $"{c.Name} = {v}");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Table_DragonFly_DoesNotTakeFreeBsdsCloexecBit()
    {
        // FreeBSD's O_CLOEXEC (0x100000) is DragonFly's O_FAPPEND: a pipe opened with it would leak into every child.
        Assert.Equal(0x100000, NativeConstants.OCloexec.For(NativeOs.FreeBsd));
        Assert.Equal(0x20000, NativeConstants.OCloexec.For(NativeOs.DragonFly));
    }

    [Fact]
    public void Table_ValueNotTakenFromASystemsHeaders_ThrowsNamingTheHeader()
    {
        var e = Assert.Throws<PlatformNotSupportedException>(() => NativeConstants.WNoWait.For(NativeOs.DragonFly));

        Assert.Contains("WNOWAIT", e.Message, StringComparison.Ordinal);
        Assert.Contains("sys/wait.h", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_EveryEntry_NamesItsHeaderOnce()
    {
        Assert.All(NativeConstants.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Header)));
        Assert.Equal(NativeConstants.All.Count, NativeConstants.All.Select(c => c.Name).Distinct().Count());
    }
}
