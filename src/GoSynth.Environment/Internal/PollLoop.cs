using System.Runtime.InteropServices;

namespace GoSynth.Environment.Internal;

/// <summary>
/// One background thread that waits with poll(2) on every child's output pipes (and, on Linux, on a pidfd per child
/// to learn of its exit). Anonymous pipes have no asynchronous I/O in .NET on Unix; a thread or a blocked pool
/// thread per pipe costs milliseconds per process and starves the pool while many builds run. Only this thread
/// closes the descriptors it watches, so a descriptor number can never be reused under it.
/// </summary>
internal sealed unsafe class PollLoop
{
    private const short PollIn = 0x1;
    private static readonly Lazy<PollLoop> s_instance = new(() => new PollLoop());
    private readonly Lock _lock = new();
    private readonly Dictionary<int, Entry> _entries = [];
    private readonly int _wakeRead;
    private readonly int _wakeWrite;

    private PollLoop()
    {
        var fds = stackalloc int[2];
        if (LibC.pipe2(fds, LibC.OCloexec | LibC.ONonBlock) != 0)
        {
            throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError());
        }

        _wakeRead = fds[0];
        _wakeWrite = fds[1];
        new Thread(Loop) { IsBackground = true, Name = "gosynth-child-io" }.Start();
    }

    public static PollLoop Instance => s_instance.Value;

    /// <summary>
    /// Watches a pipe: <paramref name="onData"/> for each chunk read, <paramref name="onClosed"/> once at end of file
    /// (or after <see cref="Abandon"/>). Returns the handle to abandon it with: a descriptor number may be reused as
    /// soon as the loop closed it, so only the handle names this watch.
    /// </summary>
    public object AddPipe(int fd, Action<ReadOnlySpan<byte>> onData, Action onClosed)
    {
        var entry = new Entry(onData, onClosed);
        Add(fd, entry);
        return entry;
    }

    /// <summary>Watches a pidfd: <paramref name="onExited"/> once when the process has ended.</summary>
    public void AddPidfd(int pidfd, Action onExited) => Add(pidfd, new Entry(null, onExited));

    /// <summary>Stops a watch started by <see cref="AddPipe"/>: the loop closes its descriptor and calls its close callback (nothing when it already ended).</summary>
    public void Abandon(object handle)
    {
        lock (_lock)
        {
            ((Entry)handle).Abandoned = true;
        }

        Wake();
    }

    private void Add(int fd, Entry entry)
    {
        lock (_lock)
        {
            _entries.Add(fd, entry);
        }

        Wake();
    }

    private void Wake()
    {
        byte b = 1;
        LibC.write(_wakeWrite, &b, 1);
    }

    private void Loop()
    {
        var buffer = new byte[64 * 1024];
        var polls = new PollFd[16];
        var entries = new List<(int Fd, Entry Entry)>();
        while (true)
        {
            entries.Clear();
            List<(int Fd, Entry Entry)> abandoned = [];
            lock (_lock)
            {
                foreach (var (fd, entry) in _entries)
                {
                    (entry.Abandoned ? abandoned : entries).Add((fd, entry));
                }

                foreach (var (fd, _) in abandoned)
                {
                    _entries.Remove(fd);
                }
            }

            foreach (var (fd, entry) in abandoned)
            {
                Close(fd, entry);
            }

            if (polls.Length < entries.Count + 1)
            {
                polls = new PollFd[(entries.Count + 1) * 2];
            }

            polls[0] = new PollFd { Fd = _wakeRead, Events = PollIn };
            for (var i = 0; i < entries.Count; i++)
            {
                polls[i + 1] = new PollFd { Fd = entries[i].Fd, Events = PollIn };
            }

            int ready;
            fixed (PollFd* p = polls)
            {
                ready = LibC.poll(p, (nuint)(entries.Count + 1), -1);
            }

            if (ready <= 0)
            {
                continue;
            }

            if (polls[0].Revents != 0)
            {
                fixed (byte* b = buffer)
                {
                    while (LibC.read(_wakeRead, b, buffer.Length) > 0)
                    {
                    }
                }
            }

            for (var i = 0; i < entries.Count; i++)
            {
                if (polls[i + 1].Revents == 0)
                {
                    continue;
                }

                var (fd, entry) = entries[i];
                if (entry.OnData is null)
                {
                    Remove(fd);
                    Close(fd, entry);
                    continue;
                }

                nint n;
                fixed (byte* b = buffer)
                {
                    n = LibC.read(fd, b, buffer.Length);
                }

                if (n > 0)
                {
                    try
                    {
                        entry.OnData(buffer.AsSpan(0, (int)n));
                    }
                    catch (Exception)
                    {
                        // A failing sink must not stop the output of every other child.
                    }
                }
                else if (n == 0 || (Marshal.GetLastPInvokeError() is var errno && errno != LibC.EINTR && errno != LibC.EAGAIN))
                {
                    Remove(fd);
                    Close(fd, entry);
                }
            }
        }
    }

    private void Remove(int fd)
    {
        lock (_lock)
        {
            _entries.Remove(fd);
        }
    }

    private static void Close(int fd, Entry entry)
    {
        LibC.close(fd);
        Guard(entry.OnClosed);
    }

    private static void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception)
        {
            // A failing callback must not stop the loop that serves every other child.
        }
    }

    private sealed class Entry(Action<ReadOnlySpan<byte>>? onData, Action onClosed)
    {
        public Action<ReadOnlySpan<byte>>? OnData { get; } = onData;

        public Action OnClosed { get; } = onClosed;

        public bool Abandoned { get; set; }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
