namespace GoSynth.Builder.Events;

/// <summary>The repository catalog was rebuilt at the end of a run.</summary>
/// <param name="Time">When.</param>
/// <param name="Directory">The packages directory (holding <c>All/</c>).</param>
/// <param name="Packages">Packages in the catalog.</param>
/// <param name="LeftOut">Package files left out (unreadable), each named in the result.</param>
/// <param name="CatalogWritten">False when no catalog was written (every package was left out).</param>
public sealed record RepositoryRebuiltEvent(DateTimeOffset Time, string Directory, int Packages, int LeftOut, bool CatalogWritten) : BuildEvent(Time);
