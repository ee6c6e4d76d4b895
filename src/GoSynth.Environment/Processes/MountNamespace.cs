using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GoSynth.Environment.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Environment.Processes;

/// <summary>
/// Linux: another process's mount namespace and a root directory in it, joined so that processes can be started
/// inside them directly (<see cref="ProcessSpec.MountNamespace"/>) with no helper such as <c>nsenter</c> executed
/// before each program. A few threads of this process, each with its own file-system context, serve the spawns of the
/// specs that name this namespace: around each spawn, and only then, the thread steps into the namespace
/// (<c>setns</c>), changes its root (<c>chroot</c>), looks the program up there, spawns it and steps back to the
/// host, so the child is created inside the view and its program, PATH and working directory are found there. Every
/// other thread keeps the host's view at all times. Needs CAP_SYS_ADMIN and CAP_SYS_CHROOT (root).
/// </summary>
/// <remarks>
/// <para>
/// A spawn holds its thread until the child has executed its program (posix_spawn creates the child with the
/// parent's memory and waits for its exec), so one thread would make spawns that run side by side on the
/// host wait for each other. Join with as many threads as spawns are expected at once (<see cref="Threads"/>;
/// more than the processor count gains little, since an exec is processor work): each serves the next spawn asked
/// for, and the caller waits for its spawn on its own thread, as it would for a spawn on the host.
/// </para>
/// <para>
/// While a thread is inside the view it runs no managed code but the crossing itself: a few direct system calls,
/// no allocation, no call the runtime counts or compiles again. The runtime starts threads of its own from whatever
/// thread needs one (the tiered compilation worker, for one), and a thread started from a thread inside the view
/// would share its root, or, with the PID namespace, be refused by the kernel and abort the process. Everything else
/// (the program's candidate paths, argv, the environment, the pipes) is made on the host before the crossing.
/// </para>
/// <para>
/// This object holds the namespaces (their mounts live while it does) until <see cref="Dispose"/> and its threads
/// have ended; the threads end with the process, so nothing of them outlives the caller. Children started from them
/// are ordinary children of this process: the runner waits for them, limits and kills them as any other.
/// </para>
/// </remarks>
public sealed partial class MountNamespace : IDisposable
{
    private static int s_linked; // 1 once the crossing's calls are bound to libc

    private readonly Queue<SpawnRequest> _requests = new();
    private readonly object _gate = new(); // guards _requests, _waiting, _closed, _alive and the release; the threads wait on it
    private readonly SafeFileHandle _viewMount;
    private readonly SafeFileHandle? _viewPid;
    private readonly SafeFileHandle _hostMount;
    private readonly SafeFileHandle? _hostPid;
    private readonly SafeFileHandle _hostRoot;
    private readonly SafeFileHandle _hostCwd;
    private readonly IntPtr _root; // Root, NUL-terminated UTF-8
    private readonly CrossingConstants _constants = CrossingConstants.FromTable();
    private unsafe Crossing* _trials; // each thread's join crossing, native so a lost thread can leave its outcome with no call
    private readonly Exception?[] _joinFailures;
    private readonly CountdownEvent _joinedCount;
    private int _waiting;
    private bool _closed;
    private int _alive; // threads that joined or are joining and have not ended
    private bool _released;
    private int _brokenReturns; // tests: how many coming crossings get an unusable way back

    private MountNamespace(
        int processId,
        string root,
        int threads,
        SafeFileHandle viewMount,
        SafeFileHandle? viewPid,
        (SafeFileHandle Mount, SafeFileHandle? Pid, SafeFileHandle Root, SafeFileHandle Cwd) host)
    {
        ProcessId = processId;
        Root = root;
        _where = $"inside the mount namespace of process {processId}, root '{root}'";
        _closedMessage = $"the mount namespace of process {processId} was closed";
        Threads = threads;
        _viewMount = viewMount;
        _viewPid = viewPid;
        (_hostMount, _hostPid, _hostRoot, _hostCwd) = host;
        _root = Marshal.StringToCoTaskMemUTF8(root);
        _alive = threads;
        _joinFailures = new Exception?[threads];
        _joinedCount = new CountdownEvent(threads);
        unsafe
        {
            _trials = (Crossing*)NativeMemory.AllocZeroed((nuint)threads, (nuint)sizeof(Crossing));
        }
    }

    /// <summary>The process whose mount namespace was joined.</summary>
    public int ProcessId { get; }

    // Written once, for the errors of every spawn (a spawn that works builds no text).
    private readonly string _where;
    private readonly string _closedMessage;

    /// <summary>The root directory, a path inside that namespace.</summary>
    public string Root { get; }

    /// <summary>How many threads joined the namespace: how many children can be spawned into it at the same time.</summary>
    public int Threads { get; }

    /// <summary>
    /// Joins the mount namespace of <paramref name="processId"/> with <paramref name="root"/> (a path as that
    /// namespace sees it) as the root of every process started in it, with one thread: children are spawned into it
    /// one at a time. See <see cref="JoinAsync(int, string, int, bool, CancellationToken)"/>.
    /// </summary>
    /// <param name="processId">A live process in the namespace (it may end afterwards: the namespace stays joined).</param>
    /// <param name="root">The absolute path, inside the namespace, that becomes the children's <c>/</c>.</param>
    /// <param name="pidNamespace">
    /// Also start the children in the PID namespace of <paramref name="processId"/>: when that namespace's init ends,
    /// the kernel kills every child started here, whatever it does (and no more can start).
    /// </param>
    /// <param name="cancellationToken">Stops waiting for the join.</param>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    /// <exception cref="IOException">The namespace cannot be opened or joined (no such process, no privilege, no such root); the message says which step failed.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "ApiDesign",
        "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads",
        Justification = "The one-thread overload came first and stays as it was; the overload with a thread count takes every parameter explicitly.")]
    public static Task<MountNamespace> JoinAsync(int processId, string root, bool pidNamespace = false, CancellationToken cancellationToken = default) =>
        JoinAsync(processId, root, 1, pidNamespace, cancellationToken);

    /// <summary>
    /// Joins the mount namespace of <paramref name="processId"/> with <paramref name="root"/> (a path as that
    /// namespace sees it) as the root of every process started in it, from <paramref name="threads"/> threads, so that
    /// as many children can be spawned into it at the same time. Returns when every thread has joined; when one cannot,
    /// none is kept and the join fails.
    /// </summary>
    /// <param name="processId">A live process in the namespace (it may end afterwards: the namespace stays joined).</param>
    /// <param name="root">The absolute path, inside the namespace, that becomes the children's <c>/</c>.</param>
    /// <param name="threads">How many threads join (1 to 256): the spawns expected at once, at most the processor count is enough.</param>
    /// <param name="pidNamespace">
    /// Also start the children in the PID namespace of <paramref name="processId"/>: when that namespace's init ends,
    /// the kernel kills every child started here, whatever it does (and no more can start).
    /// </param>
    /// <param name="cancellationToken">Stops waiting for the join.</param>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    /// <exception cref="IOException">The namespace cannot be opened or joined by every thread (no such process, no privilege, no such root); the message says which step failed.</exception>
    public static Task<MountNamespace> JoinAsync(int processId, string root, int threads, bool pidNamespace, CancellationToken cancellationToken) =>
        JoinAsync(processId, root, threads, pidNamespace, beforeJoin: null, cancellationToken);

    /// <summary>As the public overloads; <paramref name="beforeJoin"/> runs on each thread (with its index) before it joins, and may throw.</summary>
    internal static Task<MountNamespace> JoinAsync(
        int processId, string root, int threads, bool pidNamespace, Action<int>? beforeJoin, CancellationToken cancellationToken) =>
        JoinAsync(processId, root, threads, pidNamespace, beforeJoin, brokenReturns: 0, cancellationToken);

    /// <summary>As above; tests: the first <paramref name="brokenReturns"/> trial crossings cannot return to the host.</summary>
    internal static async Task<MountNamespace> JoinAsync(
        int processId, string root, int threads, bool pidNamespace, Action<int>? beforeJoin, int brokenReturns, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, 256);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Path.IsPathFullyQualified(root))
        {
            throw new ArgumentException($"the root '{root}' is not an absolute path", nameof(root));
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("mount namespaces are a Linux feature");
        }

        Link();
        var handles = new List<SafeFileHandle>();
        MountNamespace view;
        try
        {
            var viewMount = Open(processId, "mnt", handles);
            var viewPid = pidNamespace ? Open(processId, "pid", handles) : null;

            // Where the threads return after each spawn: this thread's namespaces, root and working directory, the host's.
            var hostMount = OpenOwn("mnt", handles);
            var hostPid = pidNamespace ? OpenOwn("pid_for_children", handles) : null;
            var host = (hostMount, hostPid, OpenDirectory("/", handles), OpenDirectory(".", handles));
            view = new MountNamespace(processId, root, threads, viewMount, viewPid, host) { _brokenReturns = brokenReturns };
        }
        catch
        {
            handles.ForEach(h => h.Dispose());
            throw;
        }

        // The serving threads do not complete a task: a continuation run on one of them would run managed code the
        // caller chose. They signal a plain event; the pool waits for it.
        var allJoined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wait = ThreadPool.UnsafeRegisterWaitForSingleObject(
            view._joinedCount.WaitHandle, (state, _) => ((TaskCompletionSource)state!).TrySetResult(), allJoined, Timeout.Infinite, executeOnlyOnce: true);
        for (var i = 0; i < threads; i++)
        {
            var index = i;
            var thread = new Thread(() => view.Serve(index, beforeJoin))
            {
                IsBackground = true,
                Name = string.Create(CultureInfo.InvariantCulture, $"mntns {processId}"), // the kernel keeps 15 bytes of a thread name
            };
            thread.UnsafeStart();
        }

        try
        {
            // A thread that could not come back from its trial crossing signals nothing (it may run nothing inside the
            // view): it leaves a mark in its trial, looked for between short waits.
            while (true)
            {
                try
                {
                    await allJoined.Task.WaitAsync(JoinCheck, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (TimeoutException) when (view.JoinSettled())
                {
                    break;
                }
                catch (TimeoutException)
                {
                    // Some threads are still joining.
                }
            }
        }
        catch
        {
            view.Dispose(); // the threads that join from now on end at once
            throw;
        }
        finally
        {
            wait.Unregister(null);
        }

        var lost = view.LostJoins();
        view.FreeTrials(); // every thread is past its trial: joined, failed, or lost and touching nothing
        if (lost.Count > 0 || view._joinFailures.Any(f => f is not null))
        {
            foreach (var _ in lost)
            {
                view.ThreadEnded(); // a thread that could not leave the view ended there, uncounted
            }

            var failure = view._joinFailures.FirstOrDefault(f => f is not null) ?? lost[0];
            view.Dispose(); // the threads that joined end; those that failed have ended
            throw failure;
        }

        return view;
    }

    private static readonly TimeSpan JoinCheck = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether every thread has either joined, failed to join, or been lost in its trial crossing.</summary>
    private unsafe bool JoinSettled()
    {
        lock (_gate)
        {
            if (_trials == null)
            {
                return true; // every thread ended
            }

            var lost = 0;
            for (var i = 0; i < Threads; i++)
            {
                lost += Volatile.Read(ref _trials[i].Lost);
            }

            return _joinedCount.CurrentCount == lost;
        }
    }

    private unsafe void FreeTrials()
    {
        Crossing* trials;
        lock (_gate)
        {
            trials = _trials;
            _trials = null;
        }

        NativeMemory.Free(trials);
    }

    /// <summary>The join failures of the threads lost in their trial crossing, made here on the host from their marks.</summary>
    private unsafe List<IOException> LostJoins()
    {
        var lost = new List<IOException>();
        lock (_gate)
        {
            for (var i = 0; _trials != null && i < Threads; i++)
            {
                if (Volatile.Read(ref _trials[i].Lost) != 0)
                {
                    lost.Add(new IOException(
                        $"cannot join the mount namespace of process {ProcessId}: {SpawnRequest.Describe(_trials[i].LeaveStep)} failed: {LibC.Describe(_trials[i].LeaveError)}; the thread was left there"));
                }
            }
        }

        return lost;
    }

    private static SafeFileHandle Open(int processId, string kind, List<SafeFileHandle> opened)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/ns/{kind}");
        try
        {
            var handle = File.OpenHandle(path);
            opened.Add(handle);
            return handle;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open the {kind} namespace of process {processId} ({path}): {ex.Message}", ex);
        }
    }

    private static SafeFileHandle OpenOwn(string kind, List<SafeFileHandle> opened)
    {
        var path = "/proc/thread-self/ns/" + kind;
        try
        {
            var handle = File.OpenHandle(path);
            opened.Add(handle);
            return handle;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open this process's own {kind} namespace ({path}): {ex.Message}", ex);
        }
    }

    private static SafeFileHandle OpenDirectory(string path, List<SafeFileHandle> opened)
    {
        var fd = LibC.open(path, LibC.OPath | LibC.OCloexec);
        if (fd < 0)
        {
            throw new IOException($"cannot open this process's '{path}' to return to it after each spawn: {LibC.Describe(Marshal.GetLastPInvokeError())}");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        opened.Add(handle);
        return handle;
    }

    /// <summary>
    /// Binds the crossing's calls to libc now, on the host: the first call of an import otherwise looks its library
    /// and symbol up, which may run managed code (library resolvers), inside the view.
    /// </summary>
    private static void Link()
    {
        if (Interlocked.Exchange(ref s_linked, 1) == 0)
        {
            Marshal.PrelinkAll(typeof(LibC.Raw));
            RuntimeHelpers.PrepareMethod(typeof(MountNamespace).GetMethod(nameof(Cross), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MethodHandle);
        }
    }

    /// <summary>Tests: the next <paramref name="crossings"/> crossings cannot return to the host (as if setns back failed).</summary>
    internal void BreakReturns(int crossings) => Interlocked.Add(ref _brokenReturns, crossings);

    /// <summary>Lets the threads go: processes already asked for are still started, later ones are refused.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Starts <paramref name="spec"/>'s child from a serving thread, so it is created inside the namespace. The caller
    /// prepares the spawn and then waits on its own thread while the child is spawned (as long as a spawn on the host
    /// would hold it), so the result is always complete when this returns: nothing is queued on the thread pool.
    /// </summary>
    /// <param name="spec">What to start.</param>
    /// <param name="argv">Its argv.</param>
    /// <param name="logger">Told when a serving thread is lost (it could not return to the host and serves no more spawns).</param>
    internal ValueTask<(int Pid, int StdoutFd, int StderrFd)> StartAsync(ProcessSpec spec, IReadOnlyList<string> argv, ILogger? logger = null)
    {
        SpawnRequest request;
        try
        {
            request = new SpawnRequest(spec, argv);
        }
        catch (ProcessStartException e)
        {
            var prefix = Prefix(e.FileName);
            var reason = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
            throw new ProcessStartException(e.FileName, $"{reason} ({_where})", e);
        }

        using (request)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    throw new ProcessStartException(spec.FileName, _closedMessage);
                }

                _requests.Enqueue(request);
                if (_waiting > 0)
                {
                    Monitor.Pulse(_gate);
                }
            }

            try
            {
                return new ValueTask<(int, int, int)>(request.WaitUntilStarted(_where, _closedMessage));
            }
            catch (ProcessStartException e) when (request.LostThread)
            {
                if (logger is not null)
                {
                    LogThreadLost(logger, ProcessId, Root, e.Message);
                }

                ThreadEnded();
                throw;
            }
        }
    }

    private static string Prefix(string fileName) => $"cannot start '{fileName}': ";

    [LoggerMessage(EventId = EnvironmentEventIds.MountNamespaceThreadLost, Level = LogLevel.Error,
        Message = "A thread spawning into the mount namespace of process {ProcessId} (root {Root}) could not return to the host and serves no more spawns: {Reason}")]
    private static partial void LogThreadLost(ILogger logger, int processId, string root, string reason);

    private unsafe void Serve(int index, Action<int>? beforeJoin)
    {
        try
        {
            beforeJoin?.Invoke(index);
            if (!Join(index))
            {
                // Still inside the view: end here, with nothing more run. The join, on the host, finds the mark.
                return;
            }
        }
        catch (Exception ex)
        {
            _joinFailures[index] = ex is IOException ? ex : new IOException($"cannot join the mount namespace of process {ProcessId}: {ex.Message}", ex);
            _joinedCount.Signal();
            ThreadEnded();
            return;
        }

        _joinedCount.Signal();
        while (true)
        {
            SpawnRequest? request = null;
            lock (_gate)
            {
                while (_requests.Count == 0 && !_closed)
                {
                    _waiting++;
                    Monitor.Wait(_gate);
                    _waiting--;
                }

                if (_requests.Count > 0)
                {
                    request = _requests.Dequeue();
                }
            }

            if (request is null)
            {
                ThreadEnded(); // closed, and nothing left to start
                return;
            }

            var crossing = request.Crossing;
            Fill(crossing);
            if (!Cross(crossing))
            {
                // Still inside the view: end here, with nothing more run (no call, no lock, no allocation: the runtime
                // could start a thread from any of them, and a thread started here would abort the process). The
                // caller, on the host, finds the mark the crossing left, counts the loss and logs it.
                return;
            }

            request.Complete();
        }
    }

    /// <summary>
    /// Gives this thread its own file-system context (it shares its root and working directory with every thread of
    /// the process, and setns refuses a shared one) and makes one crossing with no spawn, so that a view that cannot
    /// be entered, or left, fails the join.
    /// </summary>
    private unsafe bool Join(int index)
    {
        if (LibC.unshare(_constants.CloneFs) != 0)
        {
            throw new IOException($"cannot join the mount namespace of process {ProcessId}: unshare(CLONE_FS) failed: {LibC.Describe(Marshal.GetLastPInvokeError())}");
        }

        var trial = _trials + index;
        Fill(trial);
        if (!Cross(trial))
        {
            return false; // lost: nothing more may run here
        }

        if (trial->Step != CrossingStep.Done)
        {
            var step = trial->Step == CrossingStep.Chroot ? $"chroot to '{Root}'" : SpawnRequest.Describe(trial->Step);
            throw new IOException($"cannot join the mount namespace of process {ProcessId}: {step} failed: {LibC.Describe(trial->Error)}");
        }

        return true;
    }

    private unsafe void Fill(Crossing* crossing)
    {
        crossing->Constants = _constants;
        crossing->ViewMount = (int)_viewMount.DangerousGetHandle();
        crossing->ViewPid = _viewPid is null ? -1 : (int)_viewPid.DangerousGetHandle();
        crossing->HostMount = Volatile.Read(ref _brokenReturns) > 0 && Interlocked.Decrement(ref _brokenReturns) >= 0 ? -1 : (int)_hostMount.DangerousGetHandle();
        crossing->HostPid = _hostPid is null ? -1 : (int)_hostPid.DangerousGetHandle();
        crossing->HostRoot = (int)_hostRoot.DangerousGetHandle();
        crossing->HostCwd = (int)_hostCwd.DangerousGetHandle();
        crossing->Root = (byte*)_root;
    }

    /// <summary>
    /// One crossing: into the view's mount namespace, root and (when asked) PID namespace; the program looked up and
    /// spawned; back into the host's namespaces. Nothing here allocates or calls managed code: only libc calls bound
    /// before the first crossing (see <see cref="LibC.Raw"/>) and arithmetic, in a method compiled once, fully
    /// optimized, before its first crossing. setns into a mount namespace sets the thread's root and working directory to that
    /// namespace's root; on the way back they are set to the process's own again. The system's values it passes come in
    /// <see cref="Crossing.Constants"/>: no static field is read, so no class constructor can run in the view.
    /// </summary>
    /// <returns>Whether the thread is back on the host; when not, <see cref="Crossing.Lost"/> was set last and the
    /// caller must return at once, touching nothing (the crossing's memory may already be freed).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static unsafe bool Cross(Crossing* c)
    {
        var k = &c->Constants;
        c->Step = CrossingStep.Done;
        c->Error = 0;
        c->LeaveStep = CrossingStep.Done;
        c->LeaveError = 0;
        c->Chosen = -1;
        c->Pid = 0;
        c->Lost = 0;

        // A thread the runtime started from this one since the last crossing shares its root and working directory
        // (and setns would refuse to move them): take a private copy again. Nothing to do when none was started.
        if (LibC.Raw.unshare(k->CloneFs) != 0)
        {
            c->Step = CrossingStep.Unshare;
            c->Error = *LibC.Raw.__errno_location();
            return true; // not moved
        }

        if (LibC.Raw.setns(c->ViewMount, k->CloneNewNs) != 0)
        {
            c->Step = CrossingStep.EnterMount;
            c->Error = *LibC.Raw.__errno_location();
            return true; // not moved
        }

        var slash = stackalloc byte[2];
        slash[0] = (byte)'/';
        slash[1] = 0;
        var dot = stackalloc byte[2];
        dot[0] = (byte)'.';
        dot[1] = 0;
        var status = stackalloc byte[k->StatxSize];
        var pidEntered = false;
        if (LibC.Raw.chroot(c->Root) != 0)
        {
            c->Step = CrossingStep.Chroot;
            c->Error = *LibC.Raw.__errno_location();
        }
        else if (LibC.Raw.chdir(slash) != 0)
        {
            c->Step = CrossingStep.Chdir;
            c->Error = *LibC.Raw.__errno_location();
        }
        else if (c->ViewPid >= 0 && LibC.Raw.setns(c->ViewPid, k->CloneNewPid) != 0)
        {
            c->Step = CrossingStep.EnterPid;
            c->Error = *LibC.Raw.__errno_location();
        }
        else
        {
            pidEntered = c->ViewPid >= 0;
            if (c->Candidates != null)
            {
                // The first candidate that is a file (not a directory) and, for a PATH search, has an execute bit.
                var chosen = -1;
                for (var i = 0; c->Candidates[i] != null; i++)
                {
                    if (LibC.Raw.statx(k->AtFdCwd, c->Candidates[i], 0, k->StatxTypeAndMode, status) == 0)
                    {
                        var mode = *(ushort*)(status + k->StatxModeOffset);
                        if ((mode & k->TypeMask) != k->DirectoryType && (c->RequireExecutable == 0 || (mode & k->ExecuteBits) != 0))
                        {
                            chosen = i;
                            break;
                        }
                    }
                }

                c->Chosen = chosen;
                if (chosen < 0)
                {
                    c->Step = CrossingStep.NotFound;
                }
                else if (c->WorkingDirectory != null
                    && (LibC.Raw.statx(k->AtFdCwd, c->WorkingDirectory, 0, k->StatxTypeAndMode, status) != 0
                        || (*(ushort*)(status + k->StatxModeOffset) & k->TypeMask) != k->DirectoryType))
                {
                    c->Step = CrossingStep.NoWorkingDirectory;
                }
                else
                {
                    int pid;
                    var rc = LibC.Raw.posix_spawn(&pid, c->Candidates[chosen], c->Actions, c->Attributes, c->Argv, c->Envp);
                    if (rc != 0)
                    {
                        c->Step = CrossingStep.Spawn;
                        c->Error = rc;
                    }
                    else
                    {
                        c->Pid = pid;
                    }
                }
            }
        }

        if (pidEntered && LibC.Raw.setns(c->HostPid, k->CloneNewPid) != 0)
        {
            c->LeaveStep = CrossingStep.LeavePid;
            c->LeaveError = *LibC.Raw.__errno_location();
        }

        if (LibC.Raw.setns(c->HostMount, k->CloneNewNs) != 0)
        {
            if (c->LeaveStep == CrossingStep.Done)
            {
                c->LeaveStep = CrossingStep.LeaveMount;
                c->LeaveError = *LibC.Raw.__errno_location();
            }
        }
        else if (LibC.Raw.fchdir(c->HostRoot) != 0 || LibC.Raw.chroot(dot) != 0 || LibC.Raw.fchdir(c->HostCwd) != 0)
        {
            // setns left the namespace's root as root and working directory; a thread the runtime starts from this
            // one later inherits both, so they go back to the process's own.
            if (c->LeaveStep == CrossingStep.Done)
            {
                c->LeaveStep = CrossingStep.LeaveRoot;
                c->LeaveError = *LibC.Raw.__errno_location();
            }
        }

        if (c->LeaveStep != CrossingStep.Done)
        {
            Volatile.Write(ref c->Lost, 1); // the last write: after it the caller may free the crossing
            return false;
        }

        return true;
    }

    /// <summary>A thread ended (or was lost): the last one closes the view, refuses what is still queued and lets the namespaces go.</summary>
    private void ThreadEnded()
    {
        List<SpawnRequest>? refused = null;
        lock (_gate)
        {
            if (--_alive > 0 || _released)
            {
                return;
            }

            _released = true;
            _closed = true;
            if (_requests.Count > 0)
            {
                refused = [.. _requests];
                _requests.Clear();
            }
        }

        refused?.ForEach(r => r.Refuse());
        FreeTrials();
        _viewMount.Dispose();
        _viewPid?.Dispose();
        _hostMount.Dispose();
        _hostPid?.Dispose();
        _hostRoot.Dispose();
        _hostCwd.Dispose();
        Marshal.FreeCoTaskMem(_root);
    }
}
