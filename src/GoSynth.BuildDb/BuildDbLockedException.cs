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

    /// <summary>The lock file.</summary>
    public string LockPath { get; }

    /// <summary>The holder as the lock file names it (pid, host, start time).</summary>
    public string Holder { get; }
}
