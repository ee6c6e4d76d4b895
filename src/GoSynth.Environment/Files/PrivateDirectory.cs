using System.Globalization;
using GoSynth.Environment.Internal;

namespace GoSynth.Environment.Files;

/// <summary>
/// Directories GoSynth creates for itself (the scan's stubs and empty <c>LOCALBASE</c>, caches, monitor files): per
/// user, created with mode 0700, and checked before every use without following a symbolic link (<c>lstat</c>): a
/// real directory, owned by the effective user, not writable by group or others. A directory that fails a check is
/// refused with a <see cref="PrivateDirectoryException"/>, never repaired in place (what another user planted in it
/// cannot be trusted). The directories above it must not let another user replace it: each is owned by the user or
/// by root, and one writable by group or others must be sticky (as <c>/tmp</c> is).
/// </summary>
public static class PrivateDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const int WritableByOthers = 0x12; // S_IWGRP | S_IWOTH
    private const int Sticky = 0x200; // S_ISVTX

    /// <summary>
    /// The per-user directory GoSynth uses when nothing else is configured: <c>gosynth</c> in <c>$XDG_RUNTIME_DIR</c>
    /// when that is set, absolute and itself private, else <c>gosynth-&lt;uid&gt;</c> in the temporary directory.
    /// Not created; pass it to <see cref="Ensure"/>.
    /// </summary>
    public static string DefaultRoot() =>
        DefaultRoot(System.Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR"), Path.GetTempPath());

    /// <summary>
    /// Creates <paramref name="path"/> (and missing parents) with mode 0700, or checks the one that exists; returns
    /// its full path.
    /// </summary>
    /// <exception cref="PrivateDirectoryException">It is a symbolic link, not a directory, owned by another user, or
    /// writable by group or others; or a directory above it lets another user replace it.</exception>
    /// <exception cref="IOException">It cannot be created or examined.</exception>
    public static string Ensure(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }

        var missing = new Stack<string>();
        for (var p = full; NativeFileStatus.LStat(p) is null; p = Path.GetDirectoryName(p)!)
        {
            missing.Push(p);
        }

        while (missing.TryPop(out var directory))
        {
            try
            {
                Directory.CreateDirectory(directory, OwnerOnly);
            }
            catch (IOException) when (NativeFileStatus.LStat(directory) is not null)
            {
                // Created meanwhile (by another scan): checked below like any existing one.
            }
        }

        Check(full);
        CheckAncestors(full);
        return full;
    }

    /// <summary>Checks an existing private directory without creating it (see <see cref="Ensure"/>).</summary>
    /// <exception cref="PrivateDirectoryException">It is missing or unsafe.</exception>
    public static void Check(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var status = NativeFileStatus.LStat(full) ?? throw new PrivateDirectoryException(full, "does not exist");
        var type = status.Mode & NativeFileStatus.TypeMask;
        if (type == NativeFileStatus.SymbolicLink)
        {
            throw new PrivateDirectoryException(full, "is a symbolic link (it is never followed)");
        }

        if (type != NativeFileStatus.Directory)
        {
            throw new PrivateDirectoryException(full, "is not a directory");
        }

        var me = NativeFileStatus.EffectiveUserId;
        if (status.Uid != me)
        {
            throw new PrivateDirectoryException(full, "is owned by uid " + status.Uid.ToString(CultureInfo.InvariantCulture) + ", not by uid " + me.ToString(CultureInfo.InvariantCulture));
        }

        if ((status.Mode & WritableByOthers) != 0)
        {
            throw new PrivateDirectoryException(full, "has mode " + Convert.ToString(status.Mode & 0xFFF, 8) + ", writable by group or others");
        }
    }

    /// <summary>Every directory above <paramref name="full"/> is owned by the user or root, and sticky when others may write it.</summary>
    private static void CheckAncestors(string full)
    {
        var me = NativeFileStatus.EffectiveUserId;
        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (NativeFileStatus.LStat(parent) is not { } status)
            {
                continue;
            }

            if (status.Uid != me && status.Uid != 0)
            {
                throw new PrivateDirectoryException(full, "is inside '" + parent + "', owned by uid " + status.Uid.ToString(CultureInfo.InvariantCulture) + ", who could replace it");
            }

            var isLink = (status.Mode & NativeFileStatus.TypeMask) == NativeFileStatus.SymbolicLink;
            if (!isLink && (status.Mode & WritableByOthers) != 0 && (status.Mode & Sticky) == 0)
            {
                throw new PrivateDirectoryException(full, "is inside '" + parent + "', which others may write and is not sticky, so they could replace it");
            }
        }
    }

    internal static string DefaultRoot(string? runtimeDirectory, string temporaryDirectory)
    {
        if (!string.IsNullOrEmpty(runtimeDirectory) && Path.IsPathFullyQualified(runtimeDirectory) && IsPrivate(runtimeDirectory))
        {
            return Path.Combine(runtimeDirectory, "gosynth");
        }

        var uid = OperatingSystem.IsWindows() ? System.Environment.UserName : NativeFileStatus.EffectiveUserId.ToString(CultureInfo.InvariantCulture);
        return Path.Combine(temporaryDirectory, "gosynth-" + uid);
    }

    private static bool IsPrivate(string path)
    {
        try
        {
            Check(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
