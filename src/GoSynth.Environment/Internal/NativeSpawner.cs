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
        using var prepared = Prepare(argv, environment, workingDirectory);
        int pid;
        Check(LibC.posix_spawn(&pid, prepared.Encode(path), prepared.Actions, prepared.Attributes, prepared.Argv, prepared.Envp));
        return prepared.Started(pid);
    }

    /// <summary>
    /// Everything a spawn needs but the program's path, ready in native memory: the output pipes, the file actions
    /// (stdin from /dev/null, stdout and stderr on the pipes, the working directory), the attributes (new session,
    /// default signals, empty mask), argv and envp. Only the posix_spawn call itself is left, which
    /// <see cref="Processes.MountNamespace"/> makes inside a view with no managed work around it.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">Pipe creation or a spawn setup call failed; NativeErrorCode is the errno.</exception>
    public static Prepared Prepare(IReadOnlyList<string> argv, IEnumerable<KeyValuePair<string, string>> environment, string? workingDirectory)
    {
        var prepared = new Prepared(argv.Count, environment.Select(kv => kv.Key + "=" + kv.Value).ToList());
        try
        {
            prepared.Fill(argv, workingDirectory);
            return prepared;
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <summary>A spawn made ready by <see cref="Prepare"/>; disposing it frees the memory and closes the pipes the child did not get.</summary>
    internal sealed class Prepared : IDisposable
    {
        private readonly List<IntPtr> _strings = [];
        private readonly List<IntPtr> _arrays = [];
        private readonly List<string> _environment;
        private readonly int _argc;
        private int _stdoutRead = -1;
        private int _stdoutWrite = -1;
        private int _stderrRead = -1;
        private int _stderrWrite = -1;
        private bool _actionsReady;
        private bool _attributesReady;
        private bool _started;
        private bool _disposed;

        internal Prepared(int argc, List<string> environment)
        {
            _argc = argc;
            _environment = environment;
            Actions = (byte*)NativeMemory.AllocZeroed(OpaqueSize);
            Attributes = (byte*)NativeMemory.AllocZeroed(OpaqueSize);
            Argv = (byte**)NativeMemory.AllocZeroed((nuint)(argc + 1), (nuint)sizeof(byte*));
            Envp = (byte**)NativeMemory.AllocZeroed((nuint)(environment.Count + 1), (nuint)sizeof(byte*));
        }

        /// <summary>The posix_spawn_file_actions_t.</summary>
        public byte* Actions { get; }

        /// <summary>The posix_spawnattr_t.</summary>
        public byte* Attributes { get; }

        /// <summary>The child's argv, null-terminated.</summary>
        public byte** Argv { get; }

        /// <summary>The child's environment, null-terminated.</summary>
        public byte** Envp { get; }

        /// <summary><paramref name="s"/> as a NUL-terminated UTF-8 string that lives as long as this spawn.</summary>
        public byte* Encode(string s)
        {
            var p = Marshal.StringToCoTaskMemUTF8(s);
            _strings.Add(p);
            return (byte*)p;
        }

        /// <summary>An array of <paramref name="strings"/> (encoded as by <see cref="Encode"/>) that lives as long as this spawn.</summary>
        public byte** EncodeAll(IReadOnlyList<string> strings)
        {
            var array = (byte**)NativeMemory.AllocZeroed((nuint)(strings.Count + 1), (nuint)sizeof(byte*));
            _arrays.Add((IntPtr)array);
            for (var i = 0; i < strings.Count; i++)
            {
                array[i] = Encode(strings[i]);
            }

            return array;
        }

        /// <summary>The child <paramref name="pid"/> was started: closes the write ends and hands over the read ends.</summary>
        public (int Pid, int StdoutFd, int StderrFd) Started(int pid)
        {
            _started = true;
            CloseWriteEnds();
            return (pid, _stdoutRead, _stderrRead);
        }

        internal void Fill(IReadOnlyList<string> argv, string? workingDirectory)
        {
            var pipe = stackalloc int[2];
            if (LibC.pipe2(pipe, LibC.OCloexec) != 0)
            {
                throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError());
            }

            (_stdoutRead, _stdoutWrite) = (pipe[0], pipe[1]);
            if (LibC.pipe2(pipe, LibC.OCloexec) != 0)
            {
                throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError());
            }

            (_stderrRead, _stderrWrite) = (pipe[0], pipe[1]);
            for (var i = 0; i < _argc; i++)
            {
                Argv[i] = Encode(argv[i]);
            }

            for (var i = 0; i < _environment.Count; i++)
            {
                Envp[i] = Encode(_environment[i]);
            }

            Check(LibC.posix_spawn_file_actions_init(Actions));
            _actionsReady = true;
            Check(LibC.posix_spawn_file_actions_addopen(Actions, 0, Encode("/dev/null"), LibC.O_RDONLY, 0));
            Check(LibC.posix_spawn_file_actions_adddup2(Actions, _stdoutWrite, 1));
            Check(LibC.posix_spawn_file_actions_adddup2(Actions, _stderrWrite, 2));
            if (workingDirectory is not null)
            {
                Check(LibC.posix_spawn_file_actions_addchdir_np(Actions, Encode(workingDirectory)));
            }

            Check(LibC.posix_spawnattr_init(Attributes));
            _attributesReady = true;
            Check(LibC.posix_spawnattr_setflags(Attributes, (short)(LibC.SpawnSetSigDef | LibC.SpawnSetSigMask | LibC.SpawnNewGroup)));
            if (!LibC.IsLinux)
            {
                Check(LibC.posix_spawnattr_setpgroup(Attributes, 0));
            }

            var sigset = stackalloc byte[OpaqueSize];
            LibC.sigemptyset(sigset);
            Check(LibC.posix_spawnattr_setsigmask(Attributes, sigset));
            LibC.sigfillset(sigset);
            Check(LibC.posix_spawnattr_setsigdefault(Attributes, sigset));
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_actionsReady)
            {
                LibC.posix_spawn_file_actions_destroy(Actions);
            }

            if (_attributesReady)
            {
                LibC.posix_spawnattr_destroy(Attributes);
            }

            CloseWriteEnds();
            if (!_started)
            {
                CloseQuietly(ref _stdoutRead);
                CloseQuietly(ref _stderrRead);
            }

            foreach (var p in _strings)
            {
                Marshal.FreeCoTaskMem(p);
            }

            foreach (var p in _arrays)
            {
                NativeMemory.Free((void*)p);
            }

            NativeMemory.Free(Actions);
            NativeMemory.Free(Attributes);
            NativeMemory.Free(Argv);
            NativeMemory.Free(Envp);
        }

        private void CloseWriteEnds()
        {
            CloseQuietly(ref _stdoutWrite);
            CloseQuietly(ref _stderrWrite);
        }

        private static void CloseQuietly(ref int fd)
        {
            if (fd >= 0)
            {
                LibC.close(fd);
                fd = -1;
            }
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
