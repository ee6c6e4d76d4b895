using System.Collections.Immutable;

namespace GoSynth.Builder.Scheduling;

/// <summary>What an executor reports for one port.</summary>
/// <param name="Succeeded">True when the package was made.</param>
/// <param name="Phase">The phase that failed, when it failed.</param>
/// <param name="Message">Why it failed, when it failed.</param>
public sealed record PortBuildOutcome(bool Succeeded, string? Phase = null, string? Message = null)
{
    /// <summary>A success.</summary>
    public static PortBuildOutcome Success { get; } = new(true);

    /// <summary>The package file made (its name, PKGFILE's last component), when it succeeded.</summary>
    public string? PackageFile { get; init; }

    /// <summary>The port's log file, when one was written.</summary>
    public string? LogFile { get; init; }

    /// <summary>The last lines of the log, when it failed.</summary>
    public string? LogExcerpt { get; init; }

    /// <summary>Wall time in the slot, from taking the port to the outcome.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Each phase entered, in order, with its wall time.</summary>
    public ImmutableArray<PhaseTiming> Phases { get; init; } = [];

    /// <summary>Dependency packages the slot already held and did not install again.</summary>
    public int ReusedPackages { get; init; }

    /// <summary>Dependency packages installed for this port.</summary>
    public int InstalledPackages { get; init; }
}

/// <summary>One phase of a port's build.</summary>
/// <param name="Phase">The phase name.</param>
/// <param name="Duration">Its wall time.</param>
public sealed record PhaseTiming(string Phase, TimeSpan Duration);
