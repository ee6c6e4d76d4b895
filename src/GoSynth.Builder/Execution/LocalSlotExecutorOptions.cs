using GoSynth.Builder.Running;
using GoSynth.Pkg.Profiles;

namespace GoSynth.Builder.Execution;

/// <summary>Settings of <see cref="LocalSlotExecutor"/> beyond the builder's configuration. Every property has a working default.</summary>
public sealed class LocalSlotExecutorOptions
{
    /// <summary>
    /// Keep a slot's installed packages for the next port when that port's dependency closure contains all of them,
    /// installing only the difference (otherwise the slot is reset). Default true.
    /// </summary>
    public bool ReuseDependencies { get; set; } = true;

    /// <summary>
    /// What each port gets: the build (the default), only its fetch and checksum phases (<see cref="BuildRunMode.FetchOnly"/>:
    /// no dependency is installed and no package is made), or the build in test mode (<see cref="BuildRunMode.Test"/>:
    /// DEVELOPER=yes, the test and check-plist phases, then the package installed into the slot and removed again).
    /// <see cref="LocalSlotExecutorFactory"/> sets it from the run.
    /// </summary>
    public BuildRunMode Mode { get; set; }

    /// <summary>How many slots to set up; null for the builder's <c>EffectiveMaxBuilders</c>.</summary>
    public int? SlotCount { get; set; }

    /// <summary>
    /// The longest each phase may go without output before it is killed, by phase name; a phase not listed has no
    /// watchdog. Default: dsynth's limits (<see cref="PortPhases.DefaultWatchdog"/>).
    /// </summary>
    public IDictionary<string, TimeSpan> Watchdog { get; set; } = new Dictionary<string, TimeSpan>(PortPhases.DefaultWatchdog, StringComparer.Ordinal);

    /// <summary>The make program run in the slot; null for the profile's (<c>bmake</c> on Linux, <c>make</c> on BSD).</summary>
    public string? MakeProgram { get; set; }

    /// <summary>The target profile; null for the one the builder's configuration names (as the scan uses it).</summary>
    public TargetProfile? Profile { get; set; }

    /// <summary>Where the stub system makefiles are written before they are copied into slots; null for the per-user private directory.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>The longest line written to a port log, in characters; longer lines are cut with a note. Default 16384.</summary>
    public int MaxLogLineLength { get; set; } = 16384;

    /// <summary>How many of the last log lines a failure's <c>LogExcerpt</c> holds. Default 20.</summary>
    public int LogExcerptLines { get; set; } = 20;

    /// <summary>A copy whose watchdog table can be changed without touching this one.</summary>
    public LocalSlotExecutorOptions Clone() => new()
    {
        ReuseDependencies = ReuseDependencies,
        Mode = Mode,
        SlotCount = SlotCount,
        Watchdog = new Dictionary<string, TimeSpan>(Watchdog, StringComparer.Ordinal),
        MakeProgram = MakeProgram,
        Profile = Profile,
        WorkDirectory = WorkDirectory,
        MaxLogLineLength = MaxLogLineLength,
        LogExcerptLines = LogExcerptLines,
    };

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"LocalSlotExecutorOptions.Mode is not a mode (got {(int)Mode}).", nameof(Mode));
        }

        if (SlotCount is < 1)
        {
            throw new ArgumentException($"LocalSlotExecutorOptions.SlotCount must be at least 1 (got {SlotCount}).", nameof(SlotCount));
        }

        if (MaxLogLineLength < 80)
        {
            throw new ArgumentException($"LocalSlotExecutorOptions.MaxLogLineLength must be at least 80 (got {MaxLogLineLength}).", nameof(MaxLogLineLength));
        }

        if (LogExcerptLines < 1)
        {
            throw new ArgumentException($"LocalSlotExecutorOptions.LogExcerptLines must be at least 1 (got {LogExcerptLines}).", nameof(LogExcerptLines));
        }

        foreach (var (phase, limit) in Watchdog ?? throw new ArgumentException("LocalSlotExecutorOptions.Watchdog must not be null.", nameof(Watchdog)))
        {
            if (limit <= TimeSpan.Zero)
            {
                throw new ArgumentException($"LocalSlotExecutorOptions.Watchdog['{phase}'] must be positive (got {limit}).", nameof(Watchdog));
            }
        }
    }
}
