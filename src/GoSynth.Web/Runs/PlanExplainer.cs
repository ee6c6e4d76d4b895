using System.Collections.Concurrent;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Planning;
using GoSynth.Pkg.Fingerprints;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;
using GoSynth.Web.Api;
using GoSynth.Web.Events;
using GoSynth.Web.History;
using Microsoft.Extensions.Options;

namespace GoSynth.Web.Runs;

/// <summary>
/// Answers "why is this port (not) built": scans the port and what it needs, plans it against the history and the
/// repository as a build would, and returns the plan's reason chain. One explanation at a time (a scan runs make).
/// </summary>
internal sealed class PlanExplainer(PortScanner scanner, HistoryReader history, IOptions<BuilderOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<WhyDto> ExplainAsync(string port, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var spec = scanner.ParseSpec(port);
            var scan = await scanner.ScanToListAsync(ScanRequest.For(spec), cancellationToken: cancellationToken).ConfigureAwait(false);
            var graph = PortGraph.Build(scan);
            var database = await history.GetAsync(cancellationToken).ConfigureAwait(false);
            IBuildHistory past = database is null ? NoHistory.Instance : new BuildDbHistory(database);
            var plan = BuildPlanner.Create(graph, past, new PlanOptions
            {
                PortsDirectory = scanner.PortsDirectory,
                RepositoryDirectory = options.Value.EffectiveRepositoryDirectory,
                Fingerprints = Fingerprint(graph, cancellationToken),
            }, cancellationToken);
            var id = graph.Requested.Length > 0 ? graph.Requested[0].Id : PortId.TryParse(port, out var parsed) ? parsed.Value : throw new KeyNotFoundException(port);
            var chain = plan.Why(id)
                .Select(e => new WhyStep(e.Id.ToString(), WebEventMapper.ActionName(e.Action), e.Kind.ToString(), e.Reason, e.Cause?.ToString()))
                .ToList();
            return new WhyDto(id.ToString(), chain);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Dictionary<string, uint> Fingerprint(PortGraph graph, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<string, uint>(StringComparer.Ordinal);
        var origins = graph.Nodes.Where(n => n.State == PortNodeState.Buildable).Select(n => n.Id.Origin).Distinct(StringComparer.Ordinal);
        Parallel.ForEach(origins, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = 2 }, origin =>
        {
            try
            {
                result[origin] = PortFingerprint.Compute(Path.Combine(scanner.PortsDirectory, origin), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left out: the planner then says the directory could not be fingerprinted.
            }
        });
        return new Dictionary<string, uint>(result, StringComparer.Ordinal);
    }

    private sealed class NoHistory : IBuildHistory
    {
        public static NoHistory Instance { get; } = new();

        public PreviousBuild? GetLastSuccess(PortId id) => null;

        public TimeSpan? GetExpectedDuration(PortId id) => null;
    }
}
