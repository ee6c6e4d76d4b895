namespace GoSynth.Builder.Scheduling;

/// <summary>How one scheduled port ended.</summary>
/// <param name="Port">The port, <c>origin@flavor</c>.</param>
/// <param name="Status">Succeeded, failed or skipped.</param>
/// <param name="Slot">The slot that built it, or -1.</param>
/// <param name="Reason">For a failure the executor's message, for a skip "dependency x failed".</param>
/// <param name="Culprit">For a skip, the failed port.</param>
public sealed record PortRunResult(string Port, PortRunStatus Status, int Slot, string? Reason, string? Culprit);
