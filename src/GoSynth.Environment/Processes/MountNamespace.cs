using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GoSynth.Environment.Internal;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Environment.Processes;

/// <summary>
/// Linux: another process's mount namespace and a root directory in it, joined once so that processes can be started
/// inside them directly (<see cref="ProcessSpec.MountNamespace"/>) with no helper such as <c>nsenter</c> executed
/// before each program. A few threads of this process, each with its own file-system context, join the namespace
/// (<c>setns</c>) and change their root (<c>chroot</c>); the runner spawns the children of the specs that name this
/// namespace from one of those threads, so they are created inside the view and their program, PATH and working
/// directory are found there. Every other thread keeps the host's view. Needs CAP_SYS_ADMIN and CAP_SYS_CHROOT (root).
/// </summary>
/// <remarks>
/// <para>
/// A spawn holds its thread until the child has executed its program (posix_spawn creates the child with the
/// parent's memory and waits for its exec), so one joined thread would make spawns that run side by side on the
/// host wait for each other. Join with as many threads as spawns are expected at once (<see cref="Threads"/>;
/// more than the processor count gains little, since an exec is processor work): each serves the next spawn asked
/// for, and the caller waits for its spawn on its own thread, as it would for a spawn on the host.
/// </para>
/// <para>
/// The threads hold the namespace until <see cref="Dispose"/> (the namespace's mounts live while they do); they end
/// with the process, so nothing of them outlives the caller. Children started from them are ordinary children of
/// this process: the runner waits for them, limits and kills them as any other.
/// </para>
/// </remarks>
public sealed class MountNamespace : IDisposable
{
    private readonly Queue<SpawnRequest> _requests = new();
    private readonly object _gate = new(); // guards _requests, _waiting and _closed; the threads wait on it
    private readonly SafeFileHandle _namespace;
    private readonly SafeFileHandle? _pidNamespace;
    private readonly Exception?[] _joinFailures;
    private readonly CountdownEvent _joinedCount;
    private int _waiting;
    private bool _closed;
    private int _joining;

    private MountNamespace(int processId, string root, int threads, SafeFileHandle namespaceHandle, SafeFileHandle? pidNamespaceHandle)
    {
        ProcessId = processId;
        Root = root;
        Threads = threads;
        _namespace = namespaceHandle;
        _pidNamespace = pidNamespaceHandle;
        _joining = threads;
        _joinFailures = new Exception?[threads];
        _joinedCount = new CountdownEvent(threads);
    }

    /// <summary>The process whose mount namespace was joined.</summary>
    public int ProcessId { get; }

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
    internal static async Task<MountNamespace> JoinAsync(
        int processId, string root, int threads, bool pidNamespace, Action<int>? beforeJoin, CancellationToken cancellationToken)
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

        var handle = Open(processId, "mnt");
        SafeFileHandle? pidHandle = null;
        try
        {
            pidHandle = pidNamespace ? Open(processId, "pid") : null;
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        var view = new MountNamespace(processId, root, threads, handle, pidHandle);

        // The joined threads must not complete a task: a continuation queued from one of them can make the thread
        // pool start a thread there, and a thread started by a joined thread fails (its children's PID namespace is
        // not its own) or, worse, shares its root. They signal a plain event; the pool waits for it on the host side.
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
            await allJoined.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
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

        if (view._joinFailures.FirstOrDefault(f => f is not null) is { } failure)
        {
            view.Dispose(); // the threads that joined end; those that failed have ended
            throw failure;
        }

        return view;
    }

    private static SafeFileHandle Open(int processId, string kind)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/ns/{kind}");
        try
        {
            return File.OpenHandle(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open the {kind} namespace of process {processId} ({path}): {ex.Message}", ex);
        }
    }

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
    /// Starts <paramref name="spec"/>'s child from a joined thread, so it is created inside the namespace. The caller
    /// waits on its own thread while the child is spawned (as long as a spawn on the host would hold it), so the
    /// result is always complete when this returns: nothing is queued on the thread pool.
    /// </summary>
    internal ValueTask<(int Pid, int StdoutFd, int StderrFd)> StartAsync(ProcessSpec spec, IReadOnlyList<string> argv)
    {
        var request = new SpawnRequest(spec, argv);
        lock (_gate)
        {
            if (_closed)
            {
                throw new ProcessStartException(spec.FileName, $"the mount namespace of process {ProcessId} was closed");
            }

            _requests.Enqueue(request);
            if (_waiting > 0)
            {
                Monitor.Pulse(_gate);
            }
        }

        var failure = request.WaitUntilStarted();
        if (failure is not null)
        {
            var reason = failure is ProcessStartException start && start.Message.StartsWith(Prefix(start.FileName), StringComparison.Ordinal)
                ? start.Message[Prefix(start.FileName).Length..]
                : failure.Message;
            throw new ProcessStartException(spec.FileName, $"{reason} (inside the mount namespace of process {ProcessId}, root '{Root}')", failure);
        }

        return new ValueTask<(int, int, int)>(request.Result);
    }

    private static string Prefix(string fileName) => $"cannot start '{fileName}': ";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // compiled once, never recompiled by tiering on this thread
    private void Serve(int index, Action<int>? beforeJoin)
    {
        try
        {
            beforeJoin?.Invoke(index);

            // Everything this thread runs once inside is compiled now, while the runtime's own files are still visible.
            Prepare();
            Join();
        }
        catch (Exception ex)
        {
            _joinFailures[index] = ex is IOException ? ex : new IOException($"cannot join the mount namespace of process {ProcessId}: {ex.Message}", ex);
            return;
        }
        finally
        {
            if (Interlocked.Decrement(ref _joining) == 0)
            {
                _namespace.Dispose(); // every thread holds the namespaces from here on, or has ended
                _pidNamespace?.Dispose();
            }

            _joinedCount.Signal();
        }

        while (true)
        {
            SpawnRequest request;
            lock (_gate)
            {
                while (_requests.Count == 0)
                {
                    if (_closed)
                    {
                        return;
                    }

                    _waiting++;
                    Monitor.Wait(_gate);
                    _waiting--;
                }

                request = _requests.Dequeue();
            }

            request.Run();
        }
    }

    private void Join()
    {
        // A thread shares its root and working directory with every thread of the process (CLONE_FS) and setns
        // refuses a shared one: take a private copy first. Only this thread moves.
        Check(LibC.unshare(LibC.CloneFs), "unshare(CLONE_FS)");
        Check(LibC.setns((int)_namespace.DangerousGetHandle(), LibC.CloneNewNs), "setns");
        if (_pidNamespace is not null)
        {
            // Only this thread's children are placed in it; the thread itself stays where it is.
            Check(LibC.setns((int)_pidNamespace.DangerousGetHandle(), LibC.CloneNewPid), "setns of the PID namespace");
        }

        Check(LibC.chroot(Root), $"chroot to '{Root}'");
        Check(LibC.chdir("/"), "chdir to the new root");
    }

    private void Check(int rc, string step)
    {
        if (rc != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot join the mount namespace of process {ProcessId}: {step} failed: {LibC.Describe(errno)}");
        }
    }

    private static void Prepare()
    {
        RuntimeHelpers.PrepareMethod(new Func<ProcessSpec, IReadOnlyList<string>, (int, int, int)>(ChildStarter.Start).Method.MethodHandle);
        RuntimeHelpers.PrepareMethod(new Func<ProcessSpec, string>(ExecutableResolver.Resolve).Method.MethodHandle);
        RuntimeHelpers.PrepareMethod(new Func<string, IReadOnlyList<string>, IEnumerable<KeyValuePair<string, string>>, string?, (int, int, int)>(NativeSpawner.Spawn).Method.MethodHandle);
        SpawnRequest.Warm();
    }
}
