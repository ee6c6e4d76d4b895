namespace GoSynth.Pkg.Packages;

/// <summary>A run-time dependency recorded in a manifest's <c>deps</c> map.</summary>
/// <param name="Name">The package name depended on (the map key).</param>
/// <param name="Origin">Its origin, <c>category/port</c>.</param>
/// <param name="Version">The version it was built against.</param>
public sealed record PackageDependency(string Name, string Origin, string Version);
