using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// The install's private directory inside the root (created with <c>mkdirat</c> under a directory reached by a
/// <see cref="RootDirectory"/> walk, so it is inside the root by construction), holding staged files by number.
/// Files are created with <c>O_CREAT|O_EXCL|O_NOFOLLOW</c> and moved out with <c>renameat2</c>.
/// </summary>
/// <remarks>
/// Next to the directory <c>.gosynth-install-&lt;12 hex&gt;</c> lies its lock file <c>&lt;same name&gt;.lock</c>, created
/// first and removed last, held with <c>flock</c> for as long as the install runs. The kernel drops the lock when the
/// process dies however it dies, so a later install tells a killed install's leftovers (lock free or absent) from a
/// live one's (lock held) without trusting process ids, and removes only the former (<see cref="SweepStale"/>).
/// </remarks>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class StagingArea : IDisposable
{
    private const string Prefix = ".gosynth-install-";
    private const string LockSuffix = ".lock";
    private static readonly Regex s_ourName = new(@"^\.gosynth-install-[0-9a-f]{12}(\.lock)?$", RegexOptions.CultureInvariant);
    private readonly WalkResult _parent;
    private readonly SafeFileHandle _handle;
    private readonly SafeFileHandle _lock;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ownership> _owners = new(StringComparer.Ordinal);

    private StagingArea(WalkResult parent, string name, SafeFileHandle handle, SafeFileHandle lockHandle)
    {
        _parent = parent;
        Name = name;
        _handle = handle;
        _lock = lockHandle;
    }

    public string Name { get; }

    /// <summary>The in-root path of the staging directory (for messages).</summary>
    public string Canonical => (_parent.Canonical == "/" ? "" : _parent.Canonical) + "/" + Name;

    public int Fd => (int)_handle.DangerousGetHandle();

    /// <summary>Creates the staging directory in the directory <paramref name="parent"/> (which it takes over).</summary>
    public static StagingArea Create(WalkResult parent)
    {
        string name;
        SafeFileHandle lockHandle;
        for (var attempt = 0; ; attempt++)
        {
            name = Prefix + Guid.NewGuid().ToString("N")[..12];
            var lockFd = LinuxFs.OpenAt(parent.Fd, name + LockSuffix, LinuxFs.ORdWr | LinuxFs.OCreat | LinuxFs.OExcl | LinuxFs.ONoFollow | LinuxFs.OCloExec, 0x180);
            if (lockFd < 0)
            {
                parent.Dispose();
                throw LinuxFs.Error(lockFd, $"cannot create the staging lock '{name}{LockSuffix}' in '{parent.Canonical}'");
            }

            lockHandle = new SafeFileHandle(lockFd, ownsHandle: true);
            var locked = LinuxFs.Flock(lockFd, LinuxFs.LockExclusive);

            // Between creating and locking, another install's sweep may have taken the free lock and unlinked the file
            // (it unlinks before it lets go): then this lock guards nothing, so start again under a new name.
            // (A kernel without statx cannot tell; a negative answer then counts as still linked.)
            if (locked == 0 && LinuxFs.LinkCount(lockFd) != 0)
            {
                break;
            }

            lockHandle.Dispose();
            if (locked < 0 || attempt == 3)
            {
                _ = LinuxFs.UnlinkAt(parent.Fd, name + LockSuffix, 0);
                parent.Dispose();
                throw LinuxFs.Error(locked < 0 ? locked : -LinuxFs.ENOENT, $"cannot lock the staging lock '{name}{LockSuffix}' in '{parent.Canonical}'");
            }
        }

        var made = LinuxFs.MkdirAt(parent.Fd, name, 0x1C0);
        if (made < 0)
        {
            ReleaseLock(parent, name, lockHandle);
            throw LinuxFs.Error(made, $"cannot create the staging directory '{name}' in '{parent.Canonical}'");
        }

        var fd = LinuxFs.OpenAt(parent.Fd, name, LinuxFs.DirectoryHandleFlags);
        if (fd < 0)
        {
            _ = LinuxFs.UnlinkAt(parent.Fd, name, LinuxFs.AtRemoveDir);
            ReleaseLock(parent, name, lockHandle);
            throw LinuxFs.Error(fd, $"cannot open the staging directory '{name}'");
        }

        return new StagingArea(parent, name, new SafeFileHandle(fd, ownsHandle: true), lockHandle);
    }

    /// <summary>
    /// Removes, from each directory in <paramref name="directories"/> (in-root paths; missing ones are skipped), what
    /// killed installs left: a staging directory (by our exact name pattern) whose lock file is absent or free, with
    /// the staged files in it, then the lock file. A directory whose lock a live install holds is left alone, and so
    /// is anything not laid out as a staging directory (a subdirectory, a symlink). Returns how many were removed.
    /// </summary>
    public static int SweepStale(RootDirectory root, IEnumerable<string> directories, ILogger? logger)
    {
        var removed = 0;
        foreach (var directory in directories)
        {
            using var dir = root.Walk(PathRules.Split(directory) ?? [], (PathRules.Split(directory) ?? []).Length);
            if (dir.Status != WalkStatus.Found)
            {
                continue;
            }

            foreach (var name in StaleCandidates(dir.Fd))
            {
                if (TryRemoveStale(dir.Fd, name))
                {
                    removed++;
                    if (logger is not null)
                    {
                        InstallLog.StagingRemoved(logger, root.HostPath((dir.Canonical == "/" ? "" : dir.Canonical) + "/" + name));
                    }
                }
            }
        }

        return removed;
    }

    /// <summary>Sets the owner of an open staged file (chown clears setuid bits: set the mode after this).</summary>
    public static void Chown(FileStream file, Ownership owner, string packageFile, string entry)
    {
        var r = LinuxFs.FChown((int)file.SafeFileHandle.DangerousGetHandle(), owner.Uid, owner.Gid);
        if (r < 0)
        {
            throw LinuxFs.Error(r, $"{packageFile}, entry '{entry}': cannot give it owner {owner.Uid}:{owner.Gid}");
        }
    }

    /// <summary>Creates a new staged file for writing (never through an existing entry); <paramref name="owner"/> is
    /// remembered so that a copy across filesystems gets it too.</summary>
    public FileStream CreateFile(string name, Ownership? owner = null)
    {
        if (owner is { } o)
        {
            _owners[name] = o;
        }

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
                if (_owners.TryGetValue(staged, out var owner))
                {
                    var chowned = LinuxFs.FChown(fd, owner.Uid, owner.Gid);
                    if (chowned < 0)
                    {
                        return chowned;
                    }
                }

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
        ReleaseLock(_parent, Name, _lock);
    }

    /// <summary>Unlinks the lock file while still holding it, then lets go of it and of the parent.</summary>
    private static void ReleaseLock(WalkResult parent, string name, SafeFileHandle lockHandle)
    {
        _ = LinuxFs.UnlinkAt(parent.Fd, name + LockSuffix, 0);
        lockHandle.Dispose();
        parent.Dispose();
    }

    /// <summary>The staging names (without <c>.lock</c>) in a directory, from its directory entries.</summary>
    private static List<string> StaleCandidates(int dirFd)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            var options = new EnumerationOptions { AttributesToSkip = 0, MatchType = MatchType.Simple, IgnoreInaccessible = true };
            foreach (var path in Directory.EnumerateFileSystemEntries(ProcPath(dirFd), Prefix + "*", options))
            {
                var entry = Path.GetFileName(path);
                if (s_ourName.IsMatch(entry))
                {
                    names.Add(entry.EndsWith(LockSuffix, StringComparison.Ordinal) ? entry[..^LockSuffix.Length] : entry);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No /proc or an unreadable directory: nothing to sweep here.
        }

        return [.. names];
    }

    /// <summary>Takes the lock of <paramref name="name"/> (or finds none), then removes the staged files, the directory
    /// and the lock file. False when a live install holds the lock or the entry is not a staging directory.</summary>
    private static bool TryRemoveStale(int dirFd, string name)
    {
        var lockFd = LinuxFs.OpenAt(dirFd, name + LockSuffix, LinuxFs.ORdWr | LinuxFs.ONoFollow | LinuxFs.OCloExec);
        if (lockFd < 0 && lockFd != -LinuxFs.ENOENT)
        {
            return false; // a symlink or something else by our name: not ours to judge
        }

        using var lockHandle = lockFd >= 0 ? new SafeFileHandle(lockFd, ownsHandle: true) : null;
        if (lockFd >= 0 && LinuxFs.Flock(lockFd, LinuxFs.LockExclusive | LinuxFs.LockNonBlocking) < 0)
        {
            return false; // held: the install is alive
        }

        var removed = RemoveFlatDirectory(dirFd, name);
        if (lockFd >= 0 && (removed || !Exists(dirFd, name)))
        {
            _ = LinuxFs.UnlinkAt(dirFd, name + LockSuffix, 0);
            return true;
        }

        return removed;
    }

    /// <summary>Unlinks every entry of a staging directory (never following a symlink, never descending) and the
    /// directory itself; false when it is not a directory or holds something a staging directory never does.</summary>
    private static bool RemoveFlatDirectory(int dirFd, string name)
    {
        var fd = LinuxFs.OpenAt(dirFd, name, LinuxFs.DirectoryHandleFlags);
        if (fd < 0)
        {
            return false;
        }

        using (var handle = new SafeFileHandle(fd, ownsHandle: true))
        {
            try
            {
                var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true };
                foreach (var path in Directory.EnumerateFileSystemEntries(ProcPath(fd), "*", options).ToList())
                {
                    _ = LinuxFs.UnlinkAt(fd, Path.GetFileName(path), 0);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        return LinuxFs.UnlinkAt(dirFd, name, LinuxFs.AtRemoveDir) == 0;
    }

    private static bool Exists(int dirFd, string name)
    {
        var fd = LinuxFs.OpenAt(dirFd, name, LinuxFs.OPath | LinuxFs.ONoFollow | LinuxFs.OCloExec);
        LinuxFs.Close(fd);
        return fd >= 0;
    }

    /// <summary>The path that reopens exactly the directory behind a descriptor, whatever symlinks lie on its name.</summary>
    private static string ProcPath(int fd) => "/proc/self/fd/" + fd.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
