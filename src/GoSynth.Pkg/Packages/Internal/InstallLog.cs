using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>The installer's log messages (event ids in <see cref="PkgEventIds"/>).</summary>
internal static partial class InstallLog
{
    [LoggerMessage(EventId = PkgEventIds.InstallOwnerUnknown, Level = LogLevel.Warning, Message = "{Package}: the {Kind} '{Name}' of {Path} is not in {Database}; using {Fallback}")]
    public static partial void OwnerUnknown(ILogger logger, string package, string kind, string name, string path, string database, string fallback);

    [LoggerMessage(EventId = PkgEventIds.InstallStagingRemoved, Level = LogLevel.Information, Message = "Removed {Path}, the staging directory of an install that did not finish")]
    public static partial void StagingRemoved(ILogger logger, string path);
}
