namespace GoSynth.Builder.Scheduling;

/// <summary>What an executor reports for one port.</summary>
/// <param name="Succeeded">True when the package was made.</param>
/// <param name="Phase">The phase that failed, when it failed.</param>
/// <param name="Message">Why it failed, when it failed.</param>
public sealed record PortBuildOutcome(bool Succeeded, string? Phase = null, string? Message = null)
{
    /// <summary>A success.</summary>
    public static PortBuildOutcome Success { get; } = new(true);
}
