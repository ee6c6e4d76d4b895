using System.Collections.Immutable;

namespace GoSynth.Builder.Execution;

/// <summary>
/// The phases a slot runs for a port, with dsynth's names and order, and dsynth's no-output watchdog limits (the
/// longest a phase may go without printing anything before it is killed).
/// </summary>
public static class PortPhases
{
    /// <summary>The dependency install that precedes the make phases.</summary>
    public const string InstallPackages = "install-pkgs";

    /// <summary><c>fetch</c>: the only phase that may use the network.</summary>
    public const string Fetch = "fetch";

    /// <summary><c>checksum</c>.</summary>
    public const string Checksum = "checksum";

    /// <summary><c>extract</c>.</summary>
    public const string Extract = "extract";

    /// <summary><c>patch</c>.</summary>
    public const string Patch = "patch";

    /// <summary><c>configure</c>.</summary>
    public const string Configure = "configure";

    /// <summary><c>build</c>.</summary>
    public const string Build = "build";

    /// <summary><c>stage</c>.</summary>
    public const string Stage = "stage";

    /// <summary><c>check-plist</c>, run only with <c>Check_plist</c>.</summary>
    public const string CheckPlist = "check-plist";

    /// <summary><c>package</c>; after it the package file is checked.</summary>
    public const string Package = "package";

    /// <summary><c>test</c>: the port's own tests, after <c>stage</c>, run in test mode.</summary>
    public const string Test = "test";

    /// <summary>
    /// <c>install</c>, test mode only, after <c>package</c>: the package just made is installed into the slot (and
    /// every file it lists must then be there).
    /// </summary>
    public const string Install = "install";

    /// <summary><c>deinstall</c>, test mode only: the package is removed again, which must leave <c>/usr/local</c> as it was before <c>install</c>.</summary>
    public const string Deinstall = "deinstall";

    /// <summary>dsynth's watchdog limits per phase (minutes without output), from its source.</summary>
    public static ImmutableDictionary<string, TimeSpan> DefaultWatchdog { get; } = ImmutableDictionary.CreateRange(
        StringComparer.Ordinal,
        new Dictionary<string, TimeSpan>
        {
            [InstallPackages] = TimeSpan.FromMinutes(30),
            [Fetch] = TimeSpan.FromMinutes(120),
            [Checksum] = TimeSpan.FromMinutes(10),
            [Extract] = TimeSpan.FromMinutes(15),
            [Patch] = TimeSpan.FromMinutes(10),
            [Configure] = TimeSpan.FromMinutes(15),
            [Build] = TimeSpan.FromMinutes(180),
            [Stage] = TimeSpan.FromMinutes(60),
            [CheckPlist] = TimeSpan.FromMinutes(5),
            [Package] = TimeSpan.FromMinutes(60),
            [Test] = TimeSpan.FromMinutes(60),
            [Install] = TimeSpan.FromMinutes(60),
            [Deinstall] = TimeSpan.FromMinutes(60),
        });

    /// <summary>The make phases in order: fetch, checksum, extract, patch, configure, build, stage, [check-plist], package.</summary>
    /// <param name="checkPlist">Whether check-plist runs (<c>Check_plist</c>).</param>
    public static ImmutableArray<string> MakePhases(bool checkPlist) => checkPlist
        ? [Fetch, Checksum, Extract, Patch, Configure, Build, Stage, CheckPlist, Package]
        : [Fetch, Checksum, Extract, Patch, Configure, Build, Stage, Package];

    /// <summary>
    /// The make phases a mode runs, in order: for a build <see cref="MakePhases(bool)"/>; for fetch-only
    /// <c>fetch, checksum</c> (dsynth's fetch-only phases without its check-sanity and fetch-depends, which no
    /// build here runs either: dependencies are the builder's job, and a fetch-only run installs none); for test mode
    /// <c>fetch … stage, test, check-plist, package</c> (the install and deinstall checks follow package and are not
    /// make phases here).
    /// </summary>
    /// <param name="mode">The run's mode.</param>
    /// <param name="checkPlist">Whether a build runs check-plist (<c>Check_plist</c>); test mode always does.</param>
    public static ImmutableArray<string> MakePhasesFor(Running.BuildRunMode mode, bool checkPlist) => mode switch
    {
        Running.BuildRunMode.FetchOnly => [Fetch, Checksum],
        Running.BuildRunMode.Test => [Fetch, Checksum, Extract, Patch, Configure, Build, Stage, Test, CheckPlist, Package],
        _ => MakePhases(checkPlist),
    };
}
