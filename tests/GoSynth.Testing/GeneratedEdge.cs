namespace GoSynth.Testing;

/// <summary>
/// One typed dependency edge of a generated tree, between node names (<c>category/port</c>, or
/// <c>category/port@flavor</c> for flavored ports, always with the flavor). <paramref name="Kind"/> is
/// the name of a GoSynth.Pkg DependencyKind: Fetch, Extract, Patch, Build, Lib or Run.
/// </summary>
public sealed record GeneratedEdge(string From, string Kind, string To);
