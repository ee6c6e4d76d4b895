using System.Collections.Immutable;

namespace GoSynth.Builder.Events;

/// <summary>
/// Package files in the repository that no port of the tree makes now (a port removed, or an older version), found
/// at the end of a run that scanned the whole tree. They are listed, not deleted.
/// </summary>
/// <param name="Time">When.</param>
/// <param name="Directory">The repository directory.</param>
/// <param name="Files">The file names, in ordinal order.</param>
public sealed record ObsoletePackagesEvent(DateTimeOffset Time, string Directory, ImmutableArray<string> Files) : BuildEvent(Time);
