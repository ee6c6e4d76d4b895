using System.Runtime.InteropServices;
using GoSynth.Environment.Internal.Slots;
using GoSynth.Environment.Slots;
using GoSynth.Testing;

namespace GoSynth.Environment.Tests.Slots;

/// <summary>
/// A unique build base with ports, distfiles, packages, options and template directories. Disposing it unmounts
/// anything still mounted below it (deepest first, lazily as a last resort) before deleting it, so a failing test
/// never leaks a mount on the machine.
/// </summary>
internal sealed partial class SlotTestBed : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("gosynth-slot-");
    private readonly List<ISlot> _slots = [];

    public SlotTestBed(SlotBackend backend)
    {
        foreach (var d in new[] { "ports/misc/hello", "distfiles", "packages/All", "options", "Template/etc", "Template/var/db/pkg", "Template/usr/local/sbin" })
        {
            Directory.CreateDirectory(_dir.Combine(d));
        }

        _dir.WriteFile("ports/misc/hello/Makefile", "PORTNAME=hello\n");
        _dir.WriteFile("Template/etc/passwd", "root:*:0:0:root:/root:/bin/sh\n");
        _dir.WriteFile("Template/var/db/pkg/local.sqlite", "template-db");
        _dir.WriteFile("Template/usr/local/sbin/pkg", "#!/bin/sh\necho pkg\n");
        Options = new SlotOptions
        {
            BuildBase = _dir.Path,
            PortsDirectory = _dir.Combine("ports"),
            DistfilesDirectory = _dir.Combine("distfiles"),
            PackagesDirectory = _dir.Combine("packages"),
            OptionsDirectory = _dir.Combine("options"),
            RootSize = "256m",
            ConstructionSize = "256m",
            LocalBaseSize = "128m",
            Backend = backend,
            UnmountAttempts = 2,
            UnmountRetryDelay = TimeSpan.FromMilliseconds(50),
        };
    }

    public SlotOptions Options { get; }

    public string BuildBase => _dir.Path;

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public SlotEnvironment Environment() => SlotEnvironment.Create(Options);

    public ISlot Track(ISlot slot)
    {
        _slots.Add(slot);
        return slot;
    }

    public static void RequireRootOnLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Linux slots need Linux");
        }

        if (geteuid() != 0)
        {
            Assert.Skip("Linux slots mount filesystems and need root; run the tests as root (CI does)");
        }

        if (!File.Exists("/usr/bin/unshare"))
        {
            Assert.Skip("util-linux unshare is missing; run eng/prereqs.sh");
        }
    }

    /// <summary>Bind-mounts <paramref name="source"/> on <paramref name="target"/> (created) in the host's mount namespace, as an admin or another tool might.</summary>
    public static void BindMount(string source, string target)
    {
        Directory.CreateDirectory(target);
        if (mount(source, target, null, 4096 /* MS_BIND */, null) != 0)
        {
            throw new InvalidOperationException($"bind {source} on {target} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Mounts a small tmpfs on <paramref name="target"/> (created).</summary>
    public static void MountTmpfs(string target)
    {
        Directory.CreateDirectory(target);
        if (mount("tmpfs", target, "tmpfs", 0, "size=1m") != 0)
        {
            throw new InvalidOperationException($"tmpfs on {target} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Unmounts <paramref name="target"/>; true on success.</summary>
    public static bool Unmount(string target) => umount2(target, 0) == 0;

    public static IReadOnlyList<string> MountsUnder(string path) =>
        MountInfo.Under(MountInfo.ParseLinux(File.ReadAllText("/proc/self/mountinfo")), path);

    public async ValueTask DisposeAsync()
    {
        foreach (var slot in _slots)
        {
            try
            {
                await slot.TeardownAsync();
            }
            catch (Exception)
            {
                // Fall through to the forced cleanup below.
            }
        }

        if (OperatingSystem.IsLinux())
        {
            for (var round = 0; round < 3 && MountsUnder(_dir.Path).Count > 0; round++)
            {
                foreach (var mount in MountsUnder(_dir.Path))
                {
                    if (umount2(mount, 0) != 0)
                    {
                        umount2(mount, round == 2 ? 2 /* MNT_DETACH, last resort in tests only */ : 0);
                    }
                }
            }
        }

        _dir.Dispose();
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mount(string? source, string target, string? fstype, ulong flags, string? data);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
