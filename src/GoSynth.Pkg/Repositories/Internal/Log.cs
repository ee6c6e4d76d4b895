using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>The repository catalog's log messages (event ids in <see cref="PkgEventIds"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = PkgEventIds.CatalogCacheIgnored, Level = LogLevel.Warning, Message = "Ignoring the catalog cache {Path}: {Reason}. Every package file is read and the cache is rebuilt")]
    public static partial void CatalogCacheIgnored(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = PkgEventIds.CatalogCacheSaveFailed, Level = LogLevel.Warning, Message = "Could not write the catalog cache {Path}: {Reason}")]
    public static partial void CatalogCacheSaveFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = PkgEventIds.CatalogFramesIgnored, Level = LogLevel.Warning, Message = "Not reusing {Count} frame(s) of the catalog frame cache {Path}: {Reason}. Those pieces are compressed again")]
    public static partial void CatalogFramesIgnored(ILogger logger, string path, int count, string reason);

    [LoggerMessage(EventId = PkgEventIds.CatalogRebuilt, Level = LogLevel.Information, Message = "Catalog of {Repository}: {Entries} package(s), {Read} read, {Cached} from the cache, {Failed} left out, in {ElapsedMs} ms")]
    public static partial void CatalogRebuilt(ILogger logger, string repository, int entries, int read, int cached, int failed, long elapsedMs);
}
