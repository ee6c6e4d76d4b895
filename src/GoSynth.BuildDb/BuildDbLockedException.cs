namespace GoSynth.BuildDb;

/// <summary>Another process holds the writer lock of the database.</summary>
public sealed class BuildDbLockedException : BuildDbException
{
    /// <summary>Creates the exception.</summary>
    public BuildDbLockedException(string path, string lockPath, string holder)
        : base($"build database '{path}' is being written by {holder} (lock file '{lockPath}'). Wait for that process to finish, or open the database read-only; if that process is gone and the lock is on a shared file system, delete the lock file.", path)
    {
        LockPath = lockPath;
        Holder = holder;
    }

    private BuildDbLockedException(string path, string lockPath, string holder, string message)
        : base(message, path)
    {
        LockPath = lockPath;
        Holder = holder;
    }

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>The holder as the lock file names it (pid, host, start time).</summary>
    public string Holder { get; }

    /// <summary>The database file itself is locked by a writer that opened it under another name (a hard link).</summary>
    internal static BuildDbLockedException SameFile(string path) => new(
        path,
        path + ".lock",
        "another process, through another name for the same file",
        $"build database '{path}' is being written by another process that opened the same file under another name (a hard link), so its lock file is not '{path}.lock'. Wait for that process to finish, or open the database read-only.");
}
