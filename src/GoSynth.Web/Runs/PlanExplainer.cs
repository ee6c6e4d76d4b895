using GoSynth.Builder.Running;
using GoSynth.Web.Api;
using GoSynth.Web.Events;

namespace GoSynth.Web.Runs;

/// <summary>
/// Answers "why is this port (not) built" with the plan a build would follow now (<see cref="BuildRunner.PlanAsync"/>:
/// the scan, the history, the repository and the fingerprints, exactly as a run decides) and returns its reason chain.
/// One explanation at a time: a scan runs make.
/// </summary>
internal sealed class PlanExplainer(BuildRunner runner)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <exception cref="KeyNotFoundException">The spec names no port of the tree.</exception>
    public async Task<WhyDto> ExplainAsync(string port, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var plan = (await runner.PlanAsync(new BuildRunOptions { Ports = [port] }, cancellationToken).ConfigureAwait(false)).Plan;
            var requested = plan.Graph.Requested;
            if (requested.Length == 0)
            {
                throw new KeyNotFoundException($"'{port}' names no port of the tree.");
            }

            var id = requested[0].Id;
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
}
