namespace GoSynth.Builder.Running;

/// <summary>What a run does with the ports it plans (dsynth's build directives, <c>fetch-only</c> and <c>test</c>).</summary>
public enum BuildRunMode
{
    /// <summary>Build what is not up to date, in dependency order, and record it.</summary>
    Build,

    /// <summary>
    /// dsynth's <c>fetch-only</c>: for every port of the request's closure that has distfiles, run only the fetch and
    /// checksum phases in a slot (the distfiles directory is writable there). Nothing is installed, built, packaged or
    /// recorded as built; the repository catalog is not touched; no port waits for another, so a port whose fetch
    /// fails holds up nothing. The run is unthrottled, as dsynth's is.
    /// </summary>
    FetchOnly,

    /// <summary>
    /// dsynth's <c>test</c>: the named ports are rebuilt whatever their state, in developer mode (<c>DEVELOPER=yes</c>),
    /// with the <c>test</c> and <c>check-plist</c> phases and, after <c>package</c>, an install of the package into the
    /// slot and its removal (dsynth's <c>install</c>/<c>deinstall</c> phases), which must leave <c>/usr/local</c> as it
    /// was. The repository catalog is not rebuilt.
    /// </summary>
    Test,
}
