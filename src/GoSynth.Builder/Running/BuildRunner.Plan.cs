using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.BuildDb;
using GoSynth.Pkg.Graph;

namespace GoSynth.Builder.Running;

/// <summary>The plan of a run without the run: what <c>why</c> and <c>simulate</c> show.</summary>
public sealed partial class BuildRunner
{
    /// <summary>
    /// Scans and plans as <see cref="RunAsync"/> would, against the recorded history read without the run lock (so it
    /// works while a build runs), and builds nothing: no slot, log or database record is touched.
    /// </summary>
    /// <param name="run">What would be built (<see cref="BuildRunOptions.Ports"/>, <see cref="BuildRunOptions.Force"/>); null for everything.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>The plan, its scheduling problem with the expected durations, and the number of builders.</returns>
    /// <exception cref="GoSynth.Pkg.Ports.PortSpecException">A port spec is malformed.</exception>
    /// <exception cref="PortGraphCycleException">The ports depend on each other in a cycle.</exception>
    public async Task<BuildRunPlan> PlanAsync(BuildRunOptions? run = null, CancellationToken cancellationToken = default)
    {
        run ??= new BuildRunOptions();
        var options = _options.Value;
        var request = Request(run.Ports);
        var scan = await _scanner.ScanToListAsync(request, run.ScanProgress, cancellationToken).ConfigureAwait(false);
        var graph = PortGraph.Build(scan);
        var fingerprints = Fingerprint(graph, scan, cancellationToken);
        IBuildHistory history = new BuildHistorySnapshot();
        BuildDatabase? database = null;
        if (File.Exists(options.EffectiveDatabasePath))
        {
            database = await _databases.OpenReadOnlyAsync(cancellationToken).ConfigureAwait(false);
            history = new BuildDbHistory(database);
        }

        try
        {
            var plan = BuildPlanner.Create(graph, history, new PlanOptions
            {
                PortsDirectory = _scanner.PortsDirectory,
                RepositoryDirectory = options.EffectiveRepositoryDirectory,
                Force = run.Force ? [.. graph.Requested.Select(n => n.Id)] : [],
                Fingerprints = fingerprints,
            }, cancellationToken);
            var problem = SchedulingProblem.FromPlan(plan, DurationEstimator.Create(graph, history).Estimate);
            return new BuildRunPlan(plan, problem, Math.Max(1, options.EffectiveMaxBuilders), scan);
        }
        finally
        {
            if (database is not null)
            {
                await database.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
