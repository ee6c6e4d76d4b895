namespace GoSynth.Environment;

/// <summary>Options of GoSynth.Environment registered through <c>AddGoSynthEnvironment</c>.</summary>
public sealed class EnvironmentOptions
{
    /// <summary>How long a process group gets after SIGTERM before SIGKILL when a limit stops it; zero kills at once.</summary>
    public TimeSpan KillGracePeriod { get; set; } = TimeSpan.Zero;
}
