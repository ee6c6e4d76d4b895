namespace GoSynth.Testing;

/// <summary>What <see cref="PortsTreeGenerator"/> wrote, and the graph a scan of <c>everything</c> must find.</summary>
public sealed class GeneratedPortsTree
{
    internal GeneratedPortsTree(
        string directory,
        IReadOnlyList<string> origins,
        IReadOnlyList<string> nodes,
        IReadOnlyList<GeneratedEdge> edges,
        IReadOnlyDictionary<string, IReadOnlyList<string>> flavors,
        IReadOnlyList<string> metaOrigins,
        IReadOnlyList<string> ignoredOrigins,
        IReadOnlyList<string> missingOrigins,
        IReadOnlyList<string> portsWithMissingDependency,
        IReadOnlyList<string> cycle,
        IReadOnlyDictionary<string, TimeSpan> durations)
    {
        Durations = durations;
        Directory = directory;
        Origins = origins;
        Nodes = nodes;
        Edges = edges;
        Flavors = flavors;
        MetaOrigins = metaOrigins;
        IgnoredOrigins = ignoredOrigins;
        MissingOrigins = missingOrigins;
        PortsWithMissingDependency = portsWithMissingDependency;
        Cycle = cycle;
    }

    /// <summary>The tree's root (it holds <c>Mk/</c> and the category directories).</summary>
    public string Directory { get; }

    /// <summary>Every port directory, <c>category/port</c>, sorted ordinally; includes <c>ports-mgmt/pkg</c>.</summary>
    public IReadOnlyList<string> Origins { get; }

    /// <summary>Every graph node of a scan of everything: each origin, a flavored one once per flavor (<c>origin@flavor</c>); sorted.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The distinct typed edges between existing nodes (dependencies on missing origins and <c>/nonexistent:</c> tokens excluded).</summary>
    public IReadOnlyList<GeneratedEdge> Edges { get; }

    /// <summary>Number of <see cref="Edges"/>.</summary>
    public int ExpectedEdgeCount => Edges.Count;

    /// <summary>FLAVORS of each flavored origin (first = default).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Flavors { get; }

    /// <summary>Meta ports (<c>USES=metaport</c>).</summary>
    public IReadOnlyList<string> MetaOrigins { get; }

    /// <summary>Ports with a non-empty IGNORE.</summary>
    public IReadOnlyList<string> IgnoredOrigins { get; }

    /// <summary>Origins that are depended on but do not exist.</summary>
    public IReadOnlyList<string> MissingOrigins { get; }

    /// <summary>The ports that depend on a missing origin.</summary>
    public IReadOnlyList<string> PortsWithMissingDependency { get; }

    /// <summary>
    /// A plausible build duration for every node, sampled from real poudriere build times
    /// (tests/data/build-times); meta ports take a second. For scheduler simulations and benchmarks.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> Durations { get; }

    /// <summary>The generated cycle as a path that ends where it starts (<c>a, b, a</c>); empty when none was asked for.</summary>
    public IReadOnlyList<string> Cycle { get; }
}
