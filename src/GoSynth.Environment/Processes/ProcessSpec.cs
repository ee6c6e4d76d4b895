using System.Collections.Immutable;

namespace GoSynth.Environment.Processes;

/// <summary>
/// What to run: a program and its argv (never interpreted by a shell), an explicit environment (nothing is
/// inherited from the calling process), a working directory and time limits. Standard input is always /dev/null.
/// </summary>
/// <param name="FileName">The program: an absolute path, or a name looked up in the <c>PATH</c> of <see cref="Environment"/> (or the caller's when that has none).</param>
/// <param name="Arguments">The arguments, passed as they are.</param>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The complete environment of the child. Empty means an empty environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The working directory, or null for the caller's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The longest the whole run may take; the process tree is killed when it is reached. Null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The longest the process may go without writing a byte to stdout or stderr (the watchdog). Null for no limit.</summary>
    public TimeSpan? NoOutputTimeout { get; init; }

    /// <summary>
    /// When a limit or cancellation stops the run, how long the process group gets after SIGTERM before SIGKILL.
    /// Null or zero sends SIGKILL at once (a build phase that hit a limit has nothing to save).
    /// </summary>
    public TimeSpan? KillGracePeriod { get; init; }

    /// <summary>
    /// Linux: the mount namespace and root the child starts in (its program, PATH and working directory are found
    /// there), or null for the caller's. See <see cref="Processes.MountNamespace"/>.
    /// </summary>
    public MountNamespace? MountNamespace { get; init; }
}
