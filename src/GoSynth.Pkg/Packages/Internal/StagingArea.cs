using Microsoft.Win32.SafeHandles;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// The install's private directory inside the root (created with <c>mkdirat</c> under a directory reached by a
/// <see cref="RootDirectory"/> walk, so it is inside the root by construction), holding staged files by number.
/// Files are created with <c>O_CREAT|O_EXCL|O_NOFOLLOW</c> and moved out with <c>renameat2</c>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class StagingArea : IDisposable
{
    private const string Prefix = ".gosynth-install-";
    private readonly WalkResult _parent;
    private readonly SafeFileHandle _handle;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    private StagingArea(WalkResult parent, string name, SafeFileHandle handle)
    {
        _parent = parent;
        Name = name;
        _handle = handle;
    }

    public string Name { get; }

    /// <summary>The in-root path of the staging directory (for messages).</summary>
    public string Canonical => (_parent.Canonical == "/" ? "" : _parent.Canonical) + "/" + Name;

    public int Fd => (int)_handle.DangerousGetHandle();

    /// <summary>Creates the staging directory in the directory <paramref name="parent"/> (which it takes over).</summary>
    public static StagingArea Create(WalkResult parent)
    {
        var name = Prefix + Guid.NewGuid().ToString("N")[..12];
        var made = LinuxFs.MkdirAt(parent.Fd, name, 0x1C0);
        if (made < 0)
        {
            parent.Dispose();
            throw LinuxFs.Error(made, $"cannot create the staging directory '{name}' in '{parent.Canonical}'");
        }

        var fd = LinuxFs.OpenAt(parent.Fd, name, LinuxFs.DirectoryHandleFlags);
        if (fd < 0)
        {
            _ = LinuxFs.UnlinkAt(parent.Fd, name, LinuxFs.AtRemoveDir);
            parent.Dispose();
            throw LinuxFs.Error(fd, $"cannot open the staging directory '{name}'");
        }

        return new StagingArea(parent, name, new SafeFileHandle(fd, ownsHandle: true));
    }

    /// <summary>Creates a new staged file for writing (never through an existing entry).</summary>
    public FileStream CreateFile(string name)
    {
        var fd = LinuxFs.OpenAt(Fd, name, LinuxFs.OWrOnly | LinuxFs.OCreat | LinuxFs.OExcl | LinuxFs.ONoFollow | LinuxFs.OCloExec, 0x180);
        if (fd < 0)
        {
            throw LinuxFs.Error(fd, $"cannot create staged file '{Name}/{name}'");
        }

        _names.Add(name);
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, 1 << 16);
    }

    /// <summary>Gives the staged file <paramref name="existing"/> a second name (a hard link of the package).</summary>
    public void Link(string existing, string name)
    {
        var r = LinuxFs.LinkAt(Fd, existing, Fd, name);
        if (r < 0)
        {
            throw LinuxFs.Error(r, $"cannot link staged file '{Name}/{existing}' as '{name}'");
        }

        _names.Add(name);
    }

    /// <summary>Opens a staged file for reading.</summary>
    public FileStream OpenRead(string name)
    {
        var fd = LinuxFs.OpenAt(Fd, name, LinuxFs.ONoFollow | LinuxFs.OCloExec);
        return fd >= 0
            ? new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1 << 16)
            : throw LinuxFs.Error(fd, $"cannot open staged file '{Name}/{name}'");
    }

    /// <summary>Moves a staged file to <paramref name="name"/> in the directory <paramref name="dirFd"/>, never replacing
    /// anything there; across filesystems (a mount below the staging directory) the content is copied.
    /// Returns 0 or -errno (-EEXIST when something is in the way).</summary>
    public int MoveOut(string staged, int dirFd, string name)
    {
        var r = LinuxFs.RenameAt(Fd, staged, dirFd, name, noReplace: true);
        if (r == -LinuxFs.EXDEV)
        {
            using (var source = OpenRead(staged))
            {
                var fd = LinuxFs.OpenAt(dirFd, name, LinuxFs.OWrOnly | LinuxFs.OCreat | LinuxFs.OExcl | LinuxFs.ONoFollow | LinuxFs.OCloExec, 0x180);
                if (fd < 0)
                {
                    return fd;
                }

                using var target = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, 1 << 16);
                source.CopyTo(target);
                target.Flush();
                File.SetUnixFileMode(target.SafeFileHandle, File.GetUnixFileMode(source.SafeFileHandle));
                File.SetLastWriteTimeUtc(target.SafeFileHandle, File.GetLastWriteTimeUtc(source.SafeFileHandle));
            }

            r = LinuxFs.UnlinkAt(Fd, staged, 0);
        }

        if (r == 0)
        {
            _names.Remove(staged);
        }

        return r;
    }

    /// <summary>Removes every staged file left and the staging directory itself.</summary>
    public void Dispose()
    {
        foreach (var name in _names)
        {
            _ = LinuxFs.UnlinkAt(Fd, name, 0);
        }

        _handle.Dispose();
        _ = LinuxFs.UnlinkAt(_parent.Fd, Name, LinuxFs.AtRemoveDir);
        _parent.Dispose();
    }
}
