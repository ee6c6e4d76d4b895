using GoSynth.BuildDb;
using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Planning;

/// <summary>
/// The build history as GoSynth.BuildDb records it: each node's last success (version, package file, fingerprint,
/// end, and the options, framework fingerprint and dependency set it was built with where the run recorded them, see
/// <see cref="PlanFingerprints"/>) and the database's expected duration. The last successes are read once, when this
/// is created.
/// </summary>
public sealed class BuildDbHistory : IBuildHistory
{
    private readonly BuildDatabase _database;
    private readonly Dictionary<string, PreviousBuild> _lastSuccess = new(StringComparer.Ordinal);

    /// <summary>Reads the last successes of every node from <paramref name="database"/>.</summary>
    public BuildDbHistory(BuildDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        foreach (var state in database.GetPortStates())
        {
            if (state.LastSuccess is { End: { } end } success)
            {
                var (dependencies, versions) = PlanFingerprints.ParseDependencies(success.Dependencies);
                _lastSuccess[state.Node] = new PreviousBuild(success.Version, success.PackageFile, success.Fingerprint, end)
                {
                    Options = PlanFingerprints.ParseOptions(success.Options),
                    FrameworkFingerprint = success.FrameworkFingerprint,
                    Dependencies = dependencies,
                    DependencyVersions = versions,
                };
            }
        }
    }

    /// <inheritdoc />
    public PreviousBuild? GetLastSuccess(PortId id) => _lastSuccess.GetValueOrDefault(id.ToString());

    /// <inheritdoc />
    public TimeSpan? GetExpectedDuration(PortId id) => _database.ExpectedDuration(id.ToString());
}
