using System.Runtime.InteropServices;
using System.Text;

namespace GoSynth.Environment.Internal;

/// <summary>
/// Starts a program with posix_spawn: a new session (Linux) or process group (BSD) so the whole tree can be killed
/// with one signal, stdin from /dev/null, stdout and stderr on pipes, default signal dispositions and an empty signal
/// mask (the runtime ignores SIGPIPE; a child must not inherit that), exactly the given environment and directory.
/// The child is not known to System.Diagnostics.Process, so the caller waits for it itself.
/// </summary>
internal static unsafe class NativeSpawner
{
    // posix_spawnattr_t / posix_spawn_file_actions_t / sigset_t are opaque; these buffers exceed every libc's size.
    private const int OpaqueSize = 1024;

    /// <summary>Spawns <paramref name="path"/> (absolute) and returns its pid and the read ends of its output pipes.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">posix_spawn or pipe creation failed; NativeErrorCode is the errno.</exception>
    public static (int Pid, int StdoutFd, int StderrFd) Spawn(
        string path, IReadOnlyList<string> argv, IEnumerable<KeyValuePair<string, string>> environment, string? workingDirectory)
    {
        var outPipe = stackalloc int[2];
        var errPipe = stackalloc int[2];
        if (LibC.pipe2(outPipe, LibC.OCloexec) != 0)
        {
            throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError());
        }

        if (LibC.pipe2(errPipe, LibC.OCloexec) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            LibC.close(outPipe[0]);
            LibC.close(outPipe[1]);
            throw new System.ComponentModel.Win32Exception(errno);
        }

        var strings = new List<IntPtr>();
        var actions = (byte*)NativeMemory.AllocZeroed(OpaqueSize);
        var attr = (byte*)NativeMemory.AllocZeroed(OpaqueSize);
        var sigset = (byte*)NativeMemory.AllocZeroed(OpaqueSize);
        var argvArray = (byte**)NativeMemory.AllocZeroed((nuint)(argv.Count + 1), (nuint)sizeof(byte*));
        var envList = environment.Select(kv => kv.Key + "=" + kv.Value).ToList();
        var envArray = (byte**)NativeMemory.AllocZeroed((nuint)(envList.Count + 1), (nuint)sizeof(byte*));
        var ok = false;
        try
        {
            byte* Utf8(string s)
            {
                var p = Marshal.StringToCoTaskMemUTF8(s);
                strings.Add(p);
                return (byte*)p;
            }

            for (var i = 0; i < argv.Count; i++)
            {
                argvArray[i] = Utf8(argv[i]);
            }

            for (var i = 0; i < envList.Count; i++)
            {
                envArray[i] = Utf8(envList[i]);
            }

            Check(LibC.posix_spawn_file_actions_init(actions));
            Check(LibC.posix_spawn_file_actions_addopen(actions, 0, Utf8("/dev/null"), LibC.O_RDONLY, 0));
            Check(LibC.posix_spawn_file_actions_adddup2(actions, outPipe[1], 1));
            Check(LibC.posix_spawn_file_actions_adddup2(actions, errPipe[1], 2));
            if (workingDirectory is not null)
            {
                Check(LibC.posix_spawn_file_actions_addchdir_np(actions, Utf8(workingDirectory)));
            }

            Check(LibC.posix_spawnattr_init(attr));
            Check(LibC.posix_spawnattr_setflags(attr, (short)(LibC.SpawnSetSigDef | LibC.SpawnSetSigMask | LibC.SpawnNewGroup)));
            if (!LibC.IsLinux)
            {
                Check(LibC.posix_spawnattr_setpgroup(attr, 0));
            }

            LibC.sigemptyset(sigset);
            Check(LibC.posix_spawnattr_setsigmask(attr, sigset));
            LibC.sigfillset(sigset);
            Check(LibC.posix_spawnattr_setsigdefault(attr, sigset));

            int pid;
            Check(LibC.posix_spawn(&pid, Utf8(path), actions, attr, argvArray, envArray));
            ok = true;
            return (pid, outPipe[0], errPipe[0]);
        }
        finally
        {
            LibC.posix_spawn_file_actions_destroy(actions);
            LibC.posix_spawnattr_destroy(attr);
            LibC.close(outPipe[1]);
            LibC.close(errPipe[1]);
            if (!ok)
            {
                LibC.close(outPipe[0]);
                LibC.close(errPipe[0]);
            }

            foreach (var p in strings)
            {
                Marshal.FreeCoTaskMem(p);
            }

            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            NativeMemory.Free(sigset);
            NativeMemory.Free(argvArray);
            NativeMemory.Free(envArray);
        }
    }

    /// <summary>
    /// Completes when <paramref name="pid"/> has ended, leaving it a zombie (so its pid and process group id cannot be
    /// reused yet). Linux watches a pidfd on the shared poll loop; elsewhere a dedicated thread waits.
    /// </summary>
    public static Task WhenExited(int pid)
    {
        var pidfd = LibC.PidfdOpen(pid);
        if (pidfd >= 0)
        {
            var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            PollLoop.Instance.AddPidfd(pidfd, () => exited.TrySetResult());
            return exited.Task;
        }

        return Task.Factory.StartNew(() => WaitForExitWithoutReaping(pid), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Blocks until <paramref name="pid"/> has ended, leaving it a zombie so its pid (and process group id) cannot be reused yet.</summary>
    public static void WaitForExitWithoutReaping(int pid)
    {
        var info = stackalloc byte[256];
        while (LibC.waitid(LibC.PPid, pid, info, LibC.WExited | LibC.WNoWait) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EINTR)
            {
                return;
            }
        }
    }

    /// <summary>Reaps <paramref name="pid"/> and returns its raw wait status, or null when it was already reaped.</summary>
    public static int? Reap(int pid)
    {
        int status;
        while (LibC.waitpid(pid, &status, 0) < 0)
        {
            if (Marshal.GetLastPInvokeError() != LibC.EINTR)
            {
                return null;
            }
        }

        return status;
    }

    /// <summary>Sends <paramref name="signal"/> to the process group <paramref name="pgid"/>; false when no member is left.</summary>
    public static bool KillGroup(int pgid, int signal) => LibC.kill(-pgid, signal) == 0;

    private static void Check(int rc)
    {
        if (rc != 0)
        {
            throw new System.ComponentModel.Win32Exception(rc);
        }
    }

    /// <summary>Encodes for diagnostics.</summary>
    public static string Quote(IEnumerable<string> argv) =>
        string.Join(' ', argv.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@+,".Contains(c)) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    /// <summary>The UTF-8 encoding without BOM used for output lines.</summary>
    public static readonly Encoding Utf8Encoding = new UTF8Encoding(false, false);
}
