namespace GoSynth.Pkg;

/// <summary>The event ids GoSynth.Pkg logs with (range 1000–1999).</summary>
public static class PkgEventIds
{
    /// <summary>A scan started.</summary>
    public const int ScanStarted = 1000;

    /// <summary>A scan finished, with its counts.</summary>
    public const int ScanFinished = 1001;

    /// <summary>A node was not found or is corrupt.</summary>
    public const int PortQueryFailed = 1002;

    /// <summary>The framework's cacheable variables were computed.</summary>
    public const int FrameworkVariablesComputed = 1003;

    /// <summary>The framework's cacheable variables could not be computed.</summary>
    public const int FrameworkProbeFailed = 1004;

    /// <summary>The port used to compute the framework variables is missing.</summary>
    public const int FrameworkProbeMissing = 1005;

    /// <summary>The one-call framework probe's answer could not be read back exactly; the two-call method runs instead.</summary>
    public const int FrameworkProbeFallback = 1006;

    /// <summary>The metadata cache file was unreadable and is ignored.</summary>
    public const int MetadataCacheIgnored = 1010;

    /// <summary>The metadata cache file could not be written.</summary>
    public const int MetadataCacheSaveFailed = 1011;

    /// <summary>The metadata cache file was loaded.</summary>
    public const int MetadataCacheLoaded = 1012;

    /// <summary>A requested port is gone from the tree and was followed through its MOVED entry.</summary>
    public const int PortMoved = 1020;

    /// <summary>Something the user should know about a scan (the tree names no pkg port).</summary>
    public const int ScanNote = 1021;

    /// <summary>The scan for a cross profile runs without the target's view of the file system (not root, no unshare, no base list).</summary>
    public const int TargetViewUnavailable = 1022;

    /// <summary>The scan for a cross profile runs in the target's view of the file system.</summary>
    public const int TargetViewStarted = 1023;

    /// <summary>An installed path's owner or group name is unknown to the install root's etc/passwd or etc/group; a fallback id is used.</summary>
    public const int InstallOwnerUnknown = 1024;

    /// <summary>An install removed the staging directory left by an install that was killed.</summary>
    public const int InstallStagingRemoved = 1025;

    /// <summary>The port for the framework variables was taken from the tree's PKG_ORIGIN (the tree has no ports-mgmt/pkg).</summary>
    public const int FrameworkProbePortLearned = 1026;

    /// <summary>The target's view could not be joined by a thread of this process: each query enters it with nsenter instead (slower, same answers).</summary>
    public const int TargetViewJoinFailed = 1027;

    /// <summary>The repository catalog's side cache was ignored (damaged, foreign, unsafe or of another version); every package file is read and the cache rebuilt.</summary>
    public const int CatalogCacheIgnored = 1060;

    /// <summary>The repository catalog's side cache could not be written; the catalog itself was written.</summary>
    public const int CatalogCacheSaveFailed = 1061;

    /// <summary>A catalog rebuild finished: how many package files were read and how many came from the side cache.</summary>
    public const int CatalogRebuilt = 1062;

    /// <summary>Frames of the repository catalog's frame cache were not reused (the file damaged, foreign, unsafe or written by another zstd, or an entry that does not decode to its piece); those pieces are compressed again.</summary>
    public const int CatalogFramesIgnored = 1063;
}
