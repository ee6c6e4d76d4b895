using System.Collections.Immutable;
using GoSynth.Pkg.Ports;

namespace GoSynth.Testing;

/// <summary>Fluent builder of one port's <see cref="PortMetadata"/> for tests: version, flavors, IGNORE, meta, dependencies.</summary>
public sealed class PortMetadataBuilder
{
    private readonly List<PortDependency> _dependencies = [];
    private readonly List<string> _uses = [];
    private string _version = "1.0";
    private string? _packageFile;
    private string? _ignore;
    private ImmutableArray<string> _flavors = [];

    /// <summary>Starts the metadata of <paramref name="id"/> (<c>category/port[@flavor]</c>).</summary>
    public PortMetadataBuilder(PortId id)
    {
        Id = id;
    }

    /// <summary>The node the metadata describes.</summary>
    public PortId Id { get; private set; }

    /// <summary>Sets <c>PKGVERSION</c> (default <c>1.0</c>).</summary>
    public PortMetadataBuilder Version(string version)
    {
        _version = version;
        return this;
    }

    /// <summary>Sets <c>PKGFILE</c> (default <c>&lt;port&gt;-&lt;version&gt;.pkg</c>).</summary>
    public PortMetadataBuilder PackageFile(string packageFile)
    {
        _packageFile = packageFile;
        return this;
    }

    /// <summary>Sets <c>FLAVORS</c> (the first is the default).</summary>
    public PortMetadataBuilder Flavors(params string[] flavors)
    {
        _flavors = [.. flavors];
        return this;
    }

    /// <summary>Sets <c>IGNORE</c>.</summary>
    public PortMetadataBuilder Ignore(string reason)
    {
        _ignore = reason;
        return this;
    }

    /// <summary>Adds <c>metaport</c> to <c>USES</c>.</summary>
    public PortMetadataBuilder Meta() => Uses("metaport");

    /// <summary>Adds entries to <c>USES</c>.</summary>
    public PortMetadataBuilder Uses(params string[] uses)
    {
        _uses.AddRange(uses);
        return this;
    }

    /// <summary>Adds a dependency of <paramref name="kind"/> on <paramref name="target"/> (<c>category/port[@flavor]</c>).</summary>
    public PortMetadataBuilder DependsOn(DependencyKind kind, string target, string? pattern = null)
    {
        if (!PortId.TryParse(target, out var port))
        {
            throw new ArgumentException($"'{target}' is not category/port[@flavor].", nameof(target));
        }

        pattern ??= port.Value.Name;
        _dependencies.Add(new PortDependency(kind, port.Value, pattern, null, pattern + ":" + target));
        return this;
    }

    /// <summary>Adds <c>FETCH_DEPENDS</c> entries.</summary>
    public PortMetadataBuilder Fetch(params string[] targets) => Add(DependencyKind.Fetch, targets);

    /// <summary>Adds <c>EXTRACT_DEPENDS</c> entries.</summary>
    public PortMetadataBuilder Extract(params string[] targets) => Add(DependencyKind.Extract, targets);

    /// <summary>Adds <c>PATCH_DEPENDS</c> entries.</summary>
    public PortMetadataBuilder Patch(params string[] targets) => Add(DependencyKind.Patch, targets);

    /// <summary>Adds <c>BUILD_DEPENDS</c> entries.</summary>
    public PortMetadataBuilder Build(params string[] targets) => Add(DependencyKind.Build, targets);

    /// <summary>Adds <c>LIB_DEPENDS</c> entries.</summary>
    public PortMetadataBuilder Lib(params string[] targets) => Add(DependencyKind.Lib, targets);

    /// <summary>Adds <c>RUN_DEPENDS</c> entries.</summary>
    public PortMetadataBuilder Run(params string[] targets) => Add(DependencyKind.Run, targets);

    /// <summary>The metadata as built so far.</summary>
    public PortMetadata ToMetadata() => new()
    {
        Id = Id,
        Version = _version,
        PackageFile = _packageFile ?? $"{Id.Name}-{_version}.pkg",
        IgnoreReason = _ignore,
        Dependencies = [.. _dependencies],
        Flavors = _flavors,
        Uses = [.. _uses],
    };

    internal PortMetadataBuilder ForFlavor(string flavor)
    {
        var copy = (PortMetadataBuilder)MemberwiseClone();
        copy.Id = Id.WithFlavor(flavor);
        return copy;
    }

    private PortMetadataBuilder Add(DependencyKind kind, string[] targets)
    {
        foreach (var target in targets)
        {
            DependsOn(kind, target);
        }

        return this;
    }
}
