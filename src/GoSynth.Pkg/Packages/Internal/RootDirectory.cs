using Microsoft.Win32.SafeHandles;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>How a walk below the root ended.</summary>
internal enum WalkStatus
{
    /// <summary>Every component is a directory inside the root; the handle is open.</summary>
    Found,

    /// <summary>A component does not exist (and was not to be created).</summary>
    Missing,

    /// <summary>A symlink or <c>..</c> leads out of the root.</summary>
    Escapes,

    /// <summary>A component exists but is neither a directory nor a symlink to one.</summary>
    NotDirectory,
}

/// <summary>The end of a walk: the directory handle (when found) and its path inside the root, symlinks resolved.</summary>
internal sealed class WalkResult(WalkStatus status, SafeFileHandle? handle, string canonical) : IDisposable
{
    public WalkStatus Status { get; } = status;

    /// <summary>An <c>O_PATH</c> handle of the directory reached, for <c>*at</c> calls (only when <see cref="WalkStatus.Found"/>).</summary>
    public SafeFileHandle? Handle { get; } = handle;

    /// <summary>The path inside the root (<c>/usr/local</c>; <c>/</c> for the root) of the directory reached, or of the
    /// component that stopped the walk.</summary>
    public string Canonical { get; } = canonical;

    public int Fd => (int)Handle!.DangerousGetHandle();

    public void Dispose() => Handle?.Dispose();
}

/// <summary>
/// An install root opened once, below which every directory is reached from the root's handle one component at a
/// time (<c>openat</c> with <c>O_NOFOLLOW</c>): a symlink met on the way is read and resolved here, and followed only
/// when it stays inside the root (a relative target that does not climb above it, or an absolute target naming a
/// path inside it), so no write can land outside the root whatever the root holds, even if it changes meanwhile.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class RootDirectory : IDisposable
{
    private const int MaxLinks = 40;
    private readonly SafeFileHandle _root;

    public RootDirectory(string root)
    {
        if (!LinuxFs.IsSupported)
        {
            throw new PlatformNotSupportedException(
                "installing packages needs Linux's openat(2) family; on FreeBSD and DragonFly hosts the slot's pkg(8) installs them");
        }

        RealRoot = RootResolver.Resolve(Path.GetFullPath(root)).TrimEnd('/');
        if (RealRoot.Length == 0)
        {
            RealRoot = "/";
        }

        var fd = LinuxFs.OpenAt(-100, RealRoot, LinuxFs.DirectoryHandleFlags);
        if (fd < 0)
        {
            throw fd == -LinuxFs.ENOENT
                ? new DirectoryNotFoundException($"install root '{root}' does not exist; create it first")
                : LinuxFs.Error(fd, $"cannot open install root '{root}'");
        }

        _root = new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>The root with symlinks resolved, as a host path.</summary>
    public string RealRoot { get; }

    /// <summary>Walks the first <paramref name="count"/> components. With <paramref name="created"/> missing directories
    /// are made (mode 0755) and their in-root paths appended, parents first.</summary>
    public WalkResult Walk(IReadOnlyList<string> components, int count, List<string>? created = null)
    {
        var pending = new LinkedList<string>(components.Take(count));
        var fds = new List<int>();
        var names = new List<string>();
        var links = 0;
        try
        {
            while (pending.First is { } node)
            {
                var part = node.Value;
                pending.RemoveFirst();
                if (part is "" or ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    if (fds.Count == 0)
                    {
                        return new WalkResult(WalkStatus.Escapes, null, Join(names));
                    }

                    LinuxFs.Close(fds[^1]);
                    fds.RemoveAt(fds.Count - 1);
                    names.RemoveAt(names.Count - 1);
                    continue;
                }

                var parent = fds.Count == 0 ? (int)_root.DangerousGetHandle() : fds[^1];
                var fd = LinuxFs.OpenAt(parent, part, LinuxFs.DirectoryHandleFlags);
                if (fd == -LinuxFs.ENOENT && created is not null)
                {
                    var made = LinuxFs.MkdirAt(parent, part, 0x1ED);
                    if (made < 0 && made != -LinuxFs.EEXIST)
                    {
                        throw LinuxFs.Error(made, $"cannot create directory '{Join([.. names, part])}' in '{RealRoot}'");
                    }

                    if (made == 0)
                    {
                        created.Add(Join([.. names, part]));
                        Chmod(parent, part, 0x1ED);
                    }

                    fd = LinuxFs.OpenAt(parent, part, LinuxFs.DirectoryHandleFlags);
                }

                if (fd >= 0)
                {
                    fds.Add(fd);
                    names.Add(part);
                    continue;
                }

                if (fd == -LinuxFs.ENOENT)
                {
                    return new WalkResult(WalkStatus.Missing, null, Join([.. names, part]));
                }

                if (fd != -LinuxFs.ENOTDIR && fd != -LinuxFs.ELOOP)
                {
                    throw LinuxFs.Error(fd, $"cannot open '{Join([.. names, part])}' in '{RealRoot}'");
                }

                if (LinuxFs.ReadLinkAt(parent, part) is not { } target)
                {
                    return new WalkResult(WalkStatus.NotDirectory, null, Join([.. names, part]));
                }

                if (++links > MaxLinks || target.Length == 0)
                {
                    return new WalkResult(WalkStatus.Escapes, null, Join([.. names, part]));
                }

                if (target.StartsWith('/'))
                {
                    if (RealRoot != "/" && target != RealRoot && !target.StartsWith(RealRoot + "/", StringComparison.Ordinal))
                    {
                        return new WalkResult(WalkStatus.Escapes, null, Join([.. names, part]));
                    }

                    target = RealRoot == "/" ? target : target[RealRoot.Length..];
                    fds.ForEach(LinuxFs.Close);
                    fds.Clear();
                    names.Clear();
                }

                foreach (var t in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.AddFirst(t);
                }
            }

            var handle = fds.Count == 0 ? Duplicate() : new SafeFileHandle(fds[^1], ownsHandle: true);
            if (fds.Count > 0)
            {
                fds.RemoveAt(fds.Count - 1);
            }

            return new WalkResult(WalkStatus.Found, handle, Join(names));
        }
        finally
        {
            fds.ForEach(LinuxFs.Close);
        }
    }

    /// <summary>Sets the owner (when given) and then the mode of a directory without following a symlink there
    /// (anything but a directory is left alone).</summary>
    public static void Chmod(int dirFd, string name, int mode, Ownership? owner = null)
    {
        var fd = LinuxFs.OpenAt(dirFd, name, LinuxFs.ODirectory | LinuxFs.ONoFollow | LinuxFs.OCloExec);
        if (fd < 0)
        {
            return;
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (owner is { } o)
        {
            var r = LinuxFs.FChown(fd, o.Uid, o.Gid);
            if (r < 0)
            {
                throw LinuxFs.Error(r, $"cannot give directory '{name}' owner {o.Uid}:{o.Gid}");
            }
        }

        File.SetUnixFileMode(handle, (UnixFileMode)(mode & 0xFFF));
    }

    /// <summary>The host path of an in-root path (for messages and records).</summary>
    public string HostPath(string canonical) => RealRoot == "/" ? canonical : RealRoot + (canonical == "/" ? "" : canonical);

    public void Dispose() => _root.Dispose();

    private SafeFileHandle Duplicate()
    {
        var fd = LinuxFs.OpenAt((int)_root.DangerousGetHandle(), ".", LinuxFs.DirectoryHandleFlags);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw LinuxFs.Error(fd, $"cannot reopen '{RealRoot}'");
    }

    private static string Join(IEnumerable<string> names) => "/" + string.Join('/', names);
}
