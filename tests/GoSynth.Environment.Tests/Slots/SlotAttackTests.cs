using System.Collections.Immutable;
using System.Globalization;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>
/// A port build is untrusted code running as root: these run the classic attacks from inside a real Linux slot and
/// expect each to fail, with the host untouched. Needs root; skipped with the reason otherwise.
/// </summary>
[Collection(nameof(LinuxSlotTests))]
public sealed class SlotAttackTests
{
    private static readonly ImmutableDictionary<string, string> s_env =
        ImmutableDictionary<string, string>.Empty.Add("PATH", "/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin");

    [Fact]
    public async Task Attack_RemountReadOnlyPortsTreeReadWrite_FailsAndTheHostTreeIsUntouched()
    {
        await using var bed = await ReadyBedAsync(11);
        var slot = bed.Slot;

        var run = await RunAsync(slot, "mount -o remount,bind,rw /xports; echo pwned > /xports/pwned; cat /xports/pwned");

        Assert.DoesNotContain("pwned", run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(bed.Bed.Combine("ports", "pwned")), "the slot wrote into the host's ports tree");
        Assert.Equal("PORTNAME=hello\n", File.ReadAllText(bed.Bed.Combine("ports", "misc", "hello", "Makefile")));
    }

    [Fact]
    public async Task Attack_ChrootInChrootEscape_DoesNotReachTheHost()
    {
        if (!File.Exists("/usr/bin/perl"))
        {
            Assert.Skip("the chroot escape script needs perl in the slot's /usr (Debian: perl-base)");
        }

        await using var bed = await ReadyBedAsync(12);
        var secret = bed.Bed.Combine("host-secret.txt");
        File.WriteAllText(secret, "host secret\n");

        // The classic escape: chroot into a subdirectory while keeping the working directory outside it, climb up, chroot(".").
        var script = "perl -e 'mkdir \"/tmp/jail\"; chroot(\"/tmp/jail\") or die \"chroot: $!\\n\"; " +
                     "chdir(\"..\") for 1..256; chroot(\".\") or die \"chroot2: $!\\n\"; exec(\"/bin/cat\", \"" + secret + "\") or die'";
        var run = await RunAsync(bed.Slot, script);

        Assert.DoesNotContain("host secret", run.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, run.Result.ExitCode);
    }

    [Fact]
    public async Task Attack_ReadHostProcesses_SeesOnlyTheSlotsOwn()
    {
        await using var bed = await ReadyBedAsync(13);
        var self = System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

        // Directly, through a proc of its own, and (where perl is there) after the chroot escape.
        var escape = File.Exists("/usr/bin/perl")
            ? "; perl -e 'mkdir \"/tmp/jail\"; chroot(\"/tmp/jail\") or die \"chroot: $!\\n\"; chdir(\"..\") for 1..256; chroot(\".\") or die; " +
              $"exec(\"/bin/cat\", \"/proc/{self}/cmdline\") or die'"
            : string.Empty;
        var run = await RunAsync(bed.Slot, $"cat /proc/{self}/cmdline; mkdir -p /tmp/p && mount -t proc proc /tmp/p && cat /tmp/p/{self}/cmdline{escape}");
        var count = await RunAsync(bed.Slot, "ls /proc | grep -c '^[0-9]'");

        Assert.DoesNotContain("GoSynth", run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("dotnet", run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.True(int.Parse(count.Stdout.Trim(), CultureInfo.InvariantCulture) <= 3, count.Output);
    }

    [Fact]
    public async Task Attack_Mknod_IsDenied()
    {
        await using var bed = await ReadyBedAsync(14);

        var run = await RunAsync(bed.Slot, "mknod /tmp/disk b 8 0 && echo created");

        Assert.NotEqual(0, run.Result.ExitCode);
        Assert.DoesNotContain("created", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(bed.Slot.MapToHost("/tmp/disk")));
    }

    [Fact]
    public async Task Attack_WriteKernelSettingsThroughProc_IsReadOnly()
    {
        await using var bed = await ReadyBedAsync(15);

        // Writes the value already set, so a failing run changes nothing on the host either.
        var run = await RunAsync(bed.Slot, "v=$(cat /proc/sys/vm/overcommit_ratio) && echo \"$v\" > /proc/sys/vm/overcommit_ratio && echo written");

        Assert.DoesNotContain("written", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_ReadOnlyProc_StillServesTheCommandsOwnDescriptors()
    {
        await using var bed = await ReadyBedAsync(19);

        var run = await RunAsync(bed.Slot, "echo out > /dev/stdout; echo err > /dev/stderr; readlink /proc/self/exe");

        Assert.True(run.Result.Succeeded, run.Output);
        Assert.Equal(["out", "/usr/bin/readlink"], run.Stdout.Split('\n'));
        Assert.Contains("err", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_Command_HasTheReducedBoundingSetAndNoNewPrivileges()
    {
        await using var bed = await ReadyBedAsync(16);

        var run = await RunAsync(bed.Slot, "grep -E '^(CapBnd|CapEff|NoNewPrivs):' /proc/self/status");

        var fields = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());
        // chown 0, dac_override 1, fowner 3, fsetid 4, kill 5, setgid 6, setuid 7, setpcap 8, net_bind_service 10
        Assert.Equal("00000000000005fb", fields["CapBnd"]);
        Assert.Equal("00000000000005fb", fields["CapEff"]);
        Assert.Equal("1", fields["NoNewPrivs"]);
    }

    [Fact]
    public async Task Execute_Hostname_IsTheSlotsOwnAndTheHostsIsUnchanged()
    {
        await using var bed = await ReadyBedAsync(17);
        var hostName = System.Net.Dns.GetHostName();

        var run = await RunAsync(bed.Slot, "cat /proc/sys/kernel/hostname; uname -n");

        Assert.Equal(["SL17", "SL17"], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(hostName, System.Net.Dns.GetHostName());
    }

    [Fact]
    public async Task Execute_OldRoot_IsNotMountedInTheSlot()
    {
        await using var bed = await ReadyBedAsync(18);

        var run = await RunAsync(bed.Slot, "cat /proc/self/mountinfo");

        var mountPoints = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[4]).ToList();
        Assert.Contains("/", mountPoints);
        Assert.Contains("/xports", mountPoints);
        Assert.DoesNotContain(mountPoints, m => m.Contains(bed.Bed.BuildBase, StringComparison.Ordinal));
        Assert.DoesNotContain("/sys", mountPoints);
    }

    private static async Task<ReadyBed> ReadyBedAsync(int number)
    {
        SlotTestBed.RequireRootOnLinux();
        var bed = new SlotTestBed(SlotBackend.Linux);
        var slot = bed.Track(bed.Environment().CreateSlot(number));
        await slot.SetupAsync(TestContext.Current.CancellationToken);
        return new ReadyBed(bed, slot);
    }

    private static async Task<Run> RunAsync(ISlot slot, string script)
    {
        var sink = new CapturingOutputSink();
        var command = new SlotCommand("/bin/sh", ["-c", script]) { Environment = s_env, Timeout = TimeSpan.FromSeconds(30) };
        var result = await slot.ExecuteAsync(command, sink, TestContext.Current.CancellationToken);
        var stdout = string.Join('\n', sink.StandardOutputLines);
        return new Run(result, stdout, stdout + "\n" + sink.StandardError);
    }

    private sealed record Run(ProcessResult Result, string Stdout, string Output);

    private sealed record ReadyBed(SlotTestBed Bed, ISlot Slot) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Bed.DisposeAsync();
    }
}
