using System.Runtime.InteropServices;

namespace GoSynth.Environment.Internal.Native;

/// <summary>
/// Every C-library value GoSynth.Environment uses whose number depends on the system, in one table: each entry names
/// the header it comes from and its value on Linux (glibc), FreeBSD and DragonFly. A value is only ever used on the
/// system it was taken for (DragonFly is not FreeBSD: the bit FreeBSD uses for <c>O_CLOEXEC</c> is DragonFly's
/// <c>O_FAPPEND</c>), and a missing one throws instead of guessing. The Linux column is checked against the
/// running host's headers by a test that compiles the table's expressions.
/// </summary>
internal static class NativeConstants
{
    /// <summary>The running system.</summary>
    public static readonly NativeOs Os = Detect();

    // <fcntl.h>
    public static readonly NativeConstant OCloexec = new("O_CLOEXEC", "fcntl.h", 0x80000, 0x100000, 0x20000);
    public static readonly NativeConstant ONonBlock = new("O_NONBLOCK", "fcntl.h", 0x800, 0x4, 0x4);
    public static readonly NativeConstant ORdOnly = new("O_RDONLY", "fcntl.h", 0, 0, 0);
    public static readonly NativeConstant AtFdCwd = new("AT_FDCWD", "fcntl.h", -100, -100, unchecked((int)0xFFFAFDCD));
    public static readonly NativeConstant AtSymlinkNoFollow = new("AT_SYMLINK_NOFOLLOW", "fcntl.h", 0x100, 0x200, 1);
    public static readonly NativeConstant OPath = new("O_PATH", "fcntl.h", 0x200000, null, null);

    // <sched.h> (Linux namespaces, for a mount namespace's view: unshare(2) and setns(2))
    public static readonly NativeConstant CloneFs = new("CLONE_FS", "sched.h", 0x200, null, null);
    public static readonly NativeConstant CloneNewNs = new("CLONE_NEWNS", "sched.h", 0x20000, null, null);
    public static readonly NativeConstant CloneNewPid = new("CLONE_NEWPID", "sched.h", 0x20000000, null, null);

    // <errno.h>
    public static readonly NativeConstant ENoEnt = new("ENOENT", "errno.h", 2, 2, 2);
    public static readonly NativeConstant ESrch = new("ESRCH", "errno.h", 3, 3, 3);
    public static readonly NativeConstant EIntr = new("EINTR", "errno.h", 4, 4, 4);
    public static readonly NativeConstant EChild = new("ECHILD", "errno.h", 10, 10, 10);
    public static readonly NativeConstant EAgain = new("EAGAIN", "errno.h", 11, 35, 35);
    public static readonly NativeConstant EBusy = new("EBUSY", "errno.h", 16, 16, 16);
    public static readonly NativeConstant EInval = new("EINVAL", "errno.h", 22, 22, 22);

    // <signal.h>
    public static readonly NativeConstant SigKill = new("SIGKILL", "signal.h", 9, 9, 9);
    public static readonly NativeConstant SigTerm = new("SIGTERM", "signal.h", 15, 15, 15);

    // <spawn.h> (glibc's POSIX_SPAWN_SETSID needs _GNU_SOURCE; the BSDs have none and use a new process group)
    public static readonly NativeConstant SpawnSetPGroup = new("POSIX_SPAWN_SETPGROUP", "spawn.h", 0x02, 0x02, 0x02);
    public static readonly NativeConstant SpawnSetSigDef = new("POSIX_SPAWN_SETSIGDEF", "spawn.h", 0x04, 0x10, 0x10);
    public static readonly NativeConstant SpawnSetSigMask = new("POSIX_SPAWN_SETSIGMASK", "spawn.h", 0x08, 0x20, 0x20);
    public static readonly NativeConstant SpawnSetSid = new("POSIX_SPAWN_SETSID", "spawn.h", 0x80, null, null);

    // <sys/wait.h> (DragonFly's waitid values have not been checked against its headers: left out on purpose)
    public static readonly NativeConstant PPid = new("P_PID", "sys/wait.h", 1, 0, null);
    public static readonly NativeConstant WNoHang = new("WNOHANG", "sys/wait.h", 1, 1, 1);
    public static readonly NativeConstant WExited = new("WEXITED", "sys/wait.h", 4, 16, null);
    public static readonly NativeConstant WNoWait = new("WNOWAIT", "sys/wait.h", 0x01000000, 8, null);

    // <sys/mount.h> (Linux mount(2) flags; the BSDs mount through mount(8) and nmount)
    public static readonly NativeConstant MsRdOnly = new("MS_RDONLY", "sys/mount.h", 1, null, null);
    public static readonly NativeConstant MsNoSuid = new("MS_NOSUID", "sys/mount.h", 2, null, null);
    public static readonly NativeConstant MsNoDev = new("MS_NODEV", "sys/mount.h", 4, null, null);
    public static readonly NativeConstant MsNoExec = new("MS_NOEXEC", "sys/mount.h", 8, null, null);
    public static readonly NativeConstant MsRemount = new("MS_REMOUNT", "sys/mount.h", 32, null, null);
    public static readonly NativeConstant MsBind = new("MS_BIND", "sys/mount.h", 4096, null, null);
    public static readonly NativeConstant MsRec = new("MS_REC", "sys/mount.h", 16384, null, null);
    public static readonly NativeConstant MsPrivate = new("MS_PRIVATE", "sys/mount.h", 1 << 18, null, null);
    public static readonly NativeConstant MntDetach = new("MNT_DETACH", "sys/mount.h", 2, null, null);
    public static readonly NativeConstant UmountNoFollow = new("UMOUNT_NOFOLLOW", "sys/mount.h", 8, null, null);

    // <sys/stat.h>: Linux statx(2) (layout fixed by the kernel ABI) and the BSDs' struct stat
    public static readonly NativeConstant StatxMntId = new("STATX_MNT_ID", "sys/stat.h", 0x1000, null, null);
    public static readonly NativeConstant StatxSize = new("sizeof(struct statx)", "sys/stat.h", 256, null, null);
    public static readonly NativeConstant StatxMask = new("offsetof(struct statx, stx_mask)", "sys/stat.h", 0, null, null);
    public static readonly NativeConstant StatxDevMajor = new("offsetof(struct statx, stx_dev_major)", "sys/stat.h", 136, null, null);
    public static readonly NativeConstant StatxDevMinor = new("offsetof(struct statx, stx_dev_minor)", "sys/stat.h", 140, null, null);
    public static readonly NativeConstant StatxMntIdOffset = new("offsetof(struct statx, stx_mnt_id)", "sys/stat.h", 144, null, null);
    public static readonly NativeConstant StatxTypeAndMode = new("STATX_TYPE | STATX_MODE", "sys/stat.h", 0x3, null, null);
    public static readonly NativeConstant StatxModeOffset = new("offsetof(struct statx, stx_mode)", "sys/stat.h", 28, null, null);
    public static readonly NativeConstant StatxModeSize = new("sizeof(((struct statx *)0)->stx_mode)", "sys/stat.h", 2, null, null);
    public static readonly NativeConstant SIfMt = new("S_IFMT", "sys/stat.h", 0xF000, 0xF000, 0xF000);
    public static readonly NativeConstant SIfDir = new("S_IFDIR", "sys/stat.h", 0x4000, 0x4000, 0x4000);
    public static readonly NativeConstant SIxAll = new("S_IXUSR | S_IXGRP | S_IXOTH", "sys/stat.h", 0x49, 0x49, 0x49);
    public static readonly NativeConstant StatDevOffset = new("offsetof(struct stat, st_dev)", "sys/stat.h", 0, 0, 12);
    public static readonly NativeConstant StatDevSize = new("sizeof(((struct stat *)0)->st_dev)", "sys/stat.h", 8, 8, 4);

    /// <summary>The whole table, for the header check.</summary>
    public static IReadOnlyList<NativeConstant> All { get; } =
    [
        OCloexec, ONonBlock, ORdOnly, AtFdCwd, AtSymlinkNoFollow, OPath,
        CloneFs, CloneNewNs, CloneNewPid,
        ENoEnt, ESrch, EIntr, EChild, EAgain, EBusy, EInval,
        SigKill, SigTerm,
        SpawnSetPGroup, SpawnSetSigDef, SpawnSetSigMask, SpawnSetSid,
        PPid, WNoHang, WExited, WNoWait,
        MsRdOnly, MsNoSuid, MsNoDev, MsNoExec, MsRemount, MsBind, MsRec, MsPrivate, MntDetach, UmountNoFollow,
        StatxMntId, StatxSize, StatxMask, StatxDevMajor, StatxDevMinor, StatxMntIdOffset, StatxTypeAndMode, StatxModeOffset, StatxModeSize,
        SIfMt, SIfDir, SIxAll, StatDevOffset, StatDevSize,
    ];

    private static NativeOs Detect()
    {
        if (OperatingSystem.IsLinux())
        {
            return NativeOs.Linux;
        }

        if (OperatingSystem.IsFreeBSD())
        {
            return NativeOs.FreeBsd;
        }

        return RuntimeInformation.OSDescription.Contains("DragonFly", StringComparison.OrdinalIgnoreCase) ? NativeOs.DragonFly : NativeOs.Other;
    }
}
