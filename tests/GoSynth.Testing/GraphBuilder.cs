using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;

namespace GoSynth.Testing;

/// <summary>
/// Fluent builder of scan results and <see cref="PortGraph"/>s for tests. <c>ports-mgmt/pkg</c> is added as a plain
/// found port unless the test adds its own or calls <see cref="WithoutBootstrap"/>.
/// </summary>
/// <example>
/// <code>
/// var graph = new GraphBuilder()
///     .Port("devel/app", p => p.Build("devel/tool").Lib("devel/libfoo"))
///     .Port("devel/tool")
///     .Port("devel/libfoo", p => p.Ignore("broken on this OS"))
///     .Request("devel/app")
///     .Build();
/// </code>
/// </example>
public sealed class GraphBuilder
{
    private readonly List<PortQueryResult> _results = [];
    private readonly List<PortId> _requested = [];
    private bool _bootstrap = true;

    /// <summary>Adds a found port (<c>category/port[@flavor]</c>), configured by <paramref name="configure"/>.</summary>
    public GraphBuilder Port(string id, Action<PortMetadataBuilder>? configure = null)
    {
        var builder = new PortMetadataBuilder(Parse(id));
        configure?.Invoke(builder);
        _results.Add(PortQueryResult.Found(builder.ToMetadata()));
        return this;
    }

    /// <summary>Adds one found node per flavor of <paramref name="origin"/>, each with <c>FLAVORS</c> = <paramref name="flavors"/>.</summary>
    public GraphBuilder FlavoredPort(string origin, string[] flavors, Action<PortMetadataBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(flavors);
        var builder = new PortMetadataBuilder(Parse(origin)).Flavors(flavors);
        configure?.Invoke(builder);
        foreach (var flavor in flavors)
        {
            _results.Add(PortQueryResult.Found(builder.ForFlavor(flavor).ToMetadata()));
        }

        return this;
    }

    /// <summary>Adds a port whose directory does not exist.</summary>
    public GraphBuilder NotFound(string id, string error = "port directory does not exist")
    {
        _results.Add(PortQueryResult.NotFound(Parse(id), error));
        return this;
    }

    /// <summary>Adds a port whose metadata could not be read.</summary>
    public GraphBuilder Corrupt(string id, string error = "make: exit code 1")
    {
        _results.Add(PortQueryResult.Corrupt(Parse(id), error));
        return this;
    }

    /// <summary>Adds a prepared result as is.</summary>
    public GraphBuilder Result(PortQueryResult result)
    {
        _results.Add(result);
        return this;
    }

    /// <summary>Marks nodes as requested by the user.</summary>
    public GraphBuilder Request(params string[] ids)
    {
        _requested.AddRange(ids.Select(Parse));
        return this;
    }

    /// <summary>Does not add <c>ports-mgmt/pkg</c> automatically (the graph will then hold it as not found).</summary>
    public GraphBuilder WithoutBootstrap()
    {
        _bootstrap = false;
        return this;
    }

    /// <summary>The requested ids added so far.</summary>
    public IReadOnlyList<PortId> RequestedIds => _requested;

    /// <summary>The scan results as built, including <c>ports-mgmt/pkg</c> unless disabled.</summary>
    public IReadOnlyList<PortQueryResult> Results()
    {
        var results = new List<PortQueryResult>(_results);
        if (_bootstrap && !results.Any(r => r.Id.Origin == PortGraph.BootstrapOrigin))
        {
            results.Add(PortQueryResult.Found(new PortMetadataBuilder(new PortId(PortGraph.BootstrapOrigin)).Version("2.1.0").ToMetadata()));
        }

        return results;
    }

    /// <summary>Builds the graph of <see cref="Results"/> with the requested nodes.</summary>
    /// <exception cref="PortGraphCycleException">The ports added form a cycle.</exception>
    public PortGraph Build() => PortGraph.Build(Results(), _requested);

    private static PortId Parse(string id) =>
        PortId.TryParse(id, out var port) ? port.Value : throw new ArgumentException($"'{id}' is not category/port[@flavor].", nameof(id));
}
