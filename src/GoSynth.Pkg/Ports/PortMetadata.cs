using System.Collections.Immutable;

namespace GoSynth.Pkg.Ports;

/// <summary>
/// What the ports framework says about one node: the answers to dsynth's 17 <c>make -V</c> variables, parsed.
/// Immutable; produced by the scanner, consumed by the graph.
/// </summary>
public sealed record PortMetadata
{
    /// <summary>The node (origin and, for a flavored port, its flavor).</summary>
    public required PortId Id { get; init; }

    /// <summary><c>PKGVERSION</c>.</summary>
    public required string Version { get; init; }

    /// <summary><c>PKGFILE:T</c>: the package file name, e.g. <c>foo-1.0.pkg</c>.</summary>
    public required string PackageFile { get; init; }

    /// <summary><c>ALLFILES</c>: distfiles and patchfiles.</summary>
    public ImmutableArray<string> AllFiles { get; init; } = [];

    /// <summary><c>DIST_SUBDIR</c>, empty when unset.</summary>
    public string DistSubdir { get; init; } = "";

    /// <summary><c>MAKE_JOBS_NUMBER</c>, or null when unset or not a number.</summary>
    public int? MakeJobsNumber { get; init; }

    /// <summary><c>IGNORE</c>: why the port cannot be built, or null when it can.</summary>
    public string? IgnoreReason { get; init; }

    /// <summary>Every dependency of every kind, deduplicated per (port, kind), in the order make printed them.</summary>
    public ImmutableArray<PortDependency> Dependencies { get; init; } = [];

    /// <summary><c>SELECTED_OPTIONS</c>.</summary>
    public ImmutableArray<string> SelectedOptions { get; init; } = [];

    /// <summary><c>DESELECTED_OPTIONS</c>.</summary>
    public ImmutableArray<string> DeselectedOptions { get; init; } = [];

    /// <summary><c>USE_LINUX</c>, empty when unset.</summary>
    public string UseLinux { get; init; } = "";

    /// <summary><c>FLAVORS</c>: every flavor of the port, the default first; empty for an unflavored port.</summary>
    public ImmutableArray<string> Flavors { get; init; } = [];

    /// <summary><c>USES</c>.</summary>
    public ImmutableArray<string> Uses { get; init; } = [];

    /// <summary>True when <c>USES</c> contains <c>metaport</c>: the port has only dependencies, nothing to compile.</summary>
    public bool IsMeta => Uses.Any(u => u == "metaport" || u.StartsWith("metaport:", StringComparison.Ordinal));

    /// <summary>True when <see cref="IgnoreReason"/> is set.</summary>
    public bool IsIgnored => IgnoreReason is not null;

    /// <summary>The dependencies of one kind.</summary>
    public IEnumerable<PortDependency> DependenciesOf(DependencyKind kind) => Dependencies.Where(d => d.Kind == kind);
}
