using GoSynth.Environment.Slots;

namespace GoSynth.Environment;

/// <summary>Options of GoSynth.Environment registered through <c>AddGoSynthEnvironment</c>.</summary>
public sealed class EnvironmentOptions
{
    /// <summary>Where build slots live and what they see; used by the registered <see cref="SlotEnvironment"/>.</summary>
    public SlotOptions Slots { get; set; } = new();
}
