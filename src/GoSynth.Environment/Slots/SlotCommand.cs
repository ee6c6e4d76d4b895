using System.Collections.Immutable;

namespace GoSynth.Environment.Slots;

/// <summary>
/// A command to run inside a slot: argv (never a shell), the complete environment (nothing is inherited), a working
/// directory as seen inside the slot, and limits. Output goes to the sink given to <see cref="ISlot.ExecuteAsync"/>.
/// </summary>
/// <param name="FileName">The program, as seen inside the slot (absolute, or looked up in the PATH of <see cref="Environment"/>).</param>
/// <param name="Arguments">The arguments, passed as they are.</param>
public sealed record SlotCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The complete environment of the command.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The working directory inside the slot.</summary>
    public string WorkingDirectory { get; init; } = "/";

    /// <summary>The longest the command may run; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The longest the command may go without output (dsynth's watchdog); null for no limit.</summary>
    public TimeSpan? NoOutputTimeout { get; init; }

    /// <summary>Whether the command may use the network (fetch phases); ignored unless <see cref="SlotOptions.IsolateNetwork"/> is set.</summary>
    public bool AllowNetwork { get; init; }
}
