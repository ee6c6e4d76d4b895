using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GoSynth.Environment.Internal;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Environment.Processes;

/// <summary>
/// Linux: another process's mount namespace and a root directory in it, joined once so that processes can be started
/// inside them directly (<see cref="ProcessSpec.MountNamespace"/>) with no helper such as <c>nsenter</c> executed
/// before each program. One thread of this process, with its own file-system context, joins the namespace
/// (<c>setns</c>) and changes its root (<c>chroot</c>); the runner spawns the children of the specs that name this
/// namespace from that thread, so they are created inside the view and their program, PATH and working directory
/// are found there. Every other thread keeps the host's view. Needs CAP_SYS_ADMIN and CAP_SYS_CHROOT (root).
/// </summary>
/// <remarks>
/// The thread holds the namespace until <see cref="Dispose"/> (the namespace's mounts live while it does); it ends
/// with the process, so nothing of it outlives the caller. Children started from it are ordinary children of this
/// process: the runner waits for them, limits and kills them as any other.
/// </remarks>
public sealed class MountNamespace : IDisposable
{
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SafeFileHandle _namespace;
    private readonly SafeFileHandle? _pidNamespace;
    private readonly Lock _lock = new();
    private bool _closed;

    private MountNamespace(int processId, string root, SafeFileHandle namespaceHandle, SafeFileHandle? pidNamespaceHandle)
    {
        ProcessId = processId;
        Root = root;
        _namespace = namespaceHandle;
        _pidNamespace = pidNamespaceHandle;
    }

    /// <summary>The process whose mount namespace was joined.</summary>
    public int ProcessId { get; }

    /// <summary>The root directory, a path inside that namespace.</summary>
    public string Root { get; }

    /// <summary>
    /// Joins the mount namespace of <paramref name="processId"/> with <paramref name="root"/> (a path as that
    /// namespace sees it) as the root of every process started in it.
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
    public static async Task<MountNamespace> JoinAsync(int processId, string root, bool pidNamespace = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
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

        var view = new MountNamespace(processId, root, handle, pidHandle);
        var thread = new Thread(view.Serve)
        {
            IsBackground = true,
            Name = string.Create(CultureInfo.InvariantCulture, $"mntns {processId}"), // the kernel keeps 15 bytes of a thread name
        };
        thread.UnsafeStart();
        try
        {
            await view._joined.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            view.Dispose();
            throw;
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

    /// <summary>Lets the thread go: processes already asked for are still started, later ones are refused.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        _signal.Release();
    }

    /// <summary>Starts <paramref name="spec"/>'s child from the joined thread, so it is created inside the namespace.</summary>
    internal Task<(int Pid, int StdoutFd, int StderrFd)> StartAsync(ProcessSpec spec, IReadOnlyList<string> argv)
    {
        var request = new Request(this, spec, argv);
        lock (_lock)
        {
            if (_closed)
            {
                throw new ProcessStartException(spec.FileName, $"the mount namespace of process {ProcessId} was closed");
            }

            _requests.Enqueue(request);
        }

        _signal.Release();
        return request.Done.Task;
    }

    private void Serve()
    {
        try
        {
            // Everything this thread runs once inside is compiled now, while the runtime's own files are still visible.
            Prepare();
            Join();
        }
        catch (Exception ex)
        {
            _joined.TrySetException(ex is IOException ? ex : new IOException($"cannot join the mount namespace of process {ProcessId}: {ex.Message}", ex));
            return;
        }
        finally
        {
            _namespace.Dispose(); // the thread itself holds the namespaces from here on
            _pidNamespace?.Dispose();
        }

        _joined.TrySetResult();
        while (true)
        {
            _signal.Wait();
            Request? request;
            lock (_lock)
            {
                if (!_requests.TryDequeue(out request))
                {
                    if (_closed)
                    {
                        return;
                    }

                    continue;
                }
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
        RuntimeHelpers.PrepareMethod(new Action(Request.Warm).Method.MethodHandle);
        Request.Warm();
    }

    private sealed class Request(MountNamespace view, ProcessSpec spec, IReadOnlyList<string> argv)
    {
        public TaskCompletionSource<(int Pid, int StdoutFd, int StderrFd)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Compiles <see cref="Run"/> and the types it throws, by a run that cannot start anything.</summary>
        public static void Warm()
        {
            RuntimeHelpers.PrepareMethod(new Action(new Request(null!, null!, []).Run).Method.MethodHandle);
            _ = typeof(System.ComponentModel.Win32Exception).TypeHandle;
        }

        public void Run()
        {
            try
            {
                Done.TrySetResult(ChildStarter.Start(spec, argv));
            }
            catch (Exception ex)
            {
                var reason = ex is ProcessStartException start && start.Message.StartsWith(Prefix(start.FileName), StringComparison.Ordinal)
                    ? start.Message[Prefix(start.FileName).Length..]
                    : ex.Message;
                Done.TrySetException(new ProcessStartException(
                    spec.FileName, $"{reason} (inside the mount namespace of process {view.ProcessId}, root '{view.Root}')", ex));
            }
        }

        private static string Prefix(string fileName) => $"cannot start '{fileName}': ";
    }
}
