using GoSynth.BuildDb;
using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Planning;

/// <summary>
/// The build history as GoSynth.BuildDb records it: each node's last success (version, package file, fingerprint,
/// end) and the database's expected duration. The last successes are read once, when this is created; options,
/// framework and dependency set are not recorded by the database, so those comparisons are not made from it.
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
                _lastSuccess[state.Node] = new PreviousBuild(success.Version, success.PackageFile, success.Fingerprint, end);
            }
        }
    }

    /// <inheritdoc />
    public PreviousBuild? GetLastSuccess(PortId id) => _lastSuccess.GetValueOrDefault(id.ToString());

    /// <inheritdoc />
    public TimeSpan? GetExpectedDuration(PortId id) => _database.ExpectedDuration(id.ToString());
}
