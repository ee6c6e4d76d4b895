using System.Runtime.InteropServices;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>
/// FreeBSD process containment with procctl(2): GoSynth becomes a reaper once, so orphans of a slot command are
/// reparented to it instead of init, and after each command every process of that command's reaper subtree (the
/// subtree id is the pid of the command, a direct child) is killed with PROC_REAP_KILL + REAPER_KILL_SUBTREE.
/// Constants and layouts are FreeBSD's <c>sys/procctl.h</c> and <c>sys/wait.h</c> (P_PID = 0).
/// </summary>
internal static unsafe class BsdReaper
{
    public const int PPid = 0;
    public const int ProcReapAcquire = 2;
    public const int ProcReapKill = 6;
    public const int ProcReapGetPids = 5;
    public const uint ReaperKillSubtree = 0x2;
    public const uint ReaperPidInfoValid = 0x1;
    public const uint ReaperPidInfoChild = 0x2;
    private const int WNoHang = 1;
    private static readonly Lock s_lock = new();
    private static bool s_acquired;

    /// <summary>Makes this process a reaper (once).</summary>
    public static bool EnsureReaper()
    {
        lock (s_lock)
        {
            if (!s_acquired && OperatingSystem.IsFreeBSD())
            {
                s_acquired = LibC.procctl(PPid, System.Environment.ProcessId, ProcReapAcquire, null) == 0;
            }

            return s_acquired;
        }
    }

    /// <summary>SIGKILLs every process of the subtree rooted at <paramref name="subtree"/>, then reaps the orphans that became ours.</summary>
    public static int KillSubtree(int subtree)
    {
        if (!EnsureReaper())
        {
            return 0;
        }

        // struct procctl_reaper_kill { int rk_sig; u_int rk_flags; pid_t rk_subtree; u_int rk_killed; pid_t rk_fpid; u_int rk_pad0[15]; }
        var rk = stackalloc int[20];
        rk[0] = LibC.SIGKILL;
        rk[1] = (int)ReaperKillSubtree;
        rk[2] = subtree;
        LibC.procctl(PPid, System.Environment.ProcessId, ProcReapKill, rk);
        var killed = rk[3];
        ReapOrphans(subtree);
        return killed;
    }

    private static void ReapOrphans(int subtree)
    {
        // struct procctl_reaper_pids { u_int rp_count; u_int rp_pad0[15]; struct procctl_reaper_pidinfo *rp_pids; }
        // struct procctl_reaper_pidinfo { pid_t pi_pid; pid_t pi_subtree; u_int pi_flags; u_int pi_pad0[15]; } (72 bytes)
        const int count = 1024;
        const int stride = 18;
        var infos = (int*)NativeMemory.AllocZeroed(count * stride, sizeof(int));
        try
        {
            var rp = stackalloc byte[64 + sizeof(void*)];
            new Span<byte>(rp, 64 + sizeof(void*)).Clear();
            *(uint*)rp = count;
            *(int**)(rp + 64) = infos;
            if (LibC.procctl(PPid, System.Environment.ProcessId, ProcReapGetPids, rp) != 0)
            {
                return;
            }

            for (var i = 0; i < count; i++)
            {
                var info = infos + (i * stride);
                var flags = (uint)info[2];
                if ((flags & ReaperPidInfoValid) != 0 && (flags & ReaperPidInfoChild) != 0 && info[1] == subtree && info[0] != subtree)
                {
                    int status;
                    LibC.waitpid(info[0], &status, WNoHang);
                }
            }
        }
        finally
        {
            NativeMemory.Free(infos);
            _ = Marshal.GetLastPInvokeError();
        }
    }
}
