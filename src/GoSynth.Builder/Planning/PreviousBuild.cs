using System.Collections.Immutable;

namespace GoSynth.Builder.Planning;

/// <summary>
/// What is known of a node's last successful build: what the up-to-date rule compares with the port as it is now.
/// The optional parts are compared only when known.
/// </summary>
/// <param name="Version">The PKGVERSION built.</param>
/// <param name="PackageFile">The package file made, when recorded.</param>
/// <param name="Fingerprint">The port directory's fingerprint then, when recorded.</param>
/// <param name="Finished">When the build ended (files changed after it are named in a "fingerprint changed" reason).</param>
public sealed record PreviousBuild(string Version, string? PackageFile, uint? Fingerprint, DateTimeOffset Finished)
{
    /// <summary>SELECTED_OPTIONS then, when recorded.</summary>
    public ImmutableArray<string>? Options { get; init; }

    /// <summary>The framework (<c>Mk/</c>) fingerprint then, when recorded.</summary>
    public uint? FrameworkFingerprint { get; init; }

    /// <summary>The node's direct dependencies then (<c>origin@flavor</c>), when recorded.</summary>
    public ImmutableArray<string>? Dependencies { get; init; }

    /// <summary>
    /// The PKGVERSION each direct dependency had then, by node id, when recorded: a dependency now at another version
    /// that is not rebuilt in this run (it was rebuilt by an earlier run, after this build) rebuilds the node.
    /// </summary>
    public ImmutableDictionary<string, string>? DependencyVersions { get; init; }
}
