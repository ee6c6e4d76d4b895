namespace GoSynth.Builder.Running;

/// <summary>
/// What keeping packages in slots saved in a run: dependency packages installed, packages a slot already held and
/// did not install again, the time installing took, and an estimate of the time saved (the packages kept times the
/// run's mean install time per package).
/// </summary>
/// <param name="Installed">Dependency packages installed into slots.</param>
/// <param name="Reused">Dependency packages a slot already held.</param>
/// <param name="InstallTime">Wall time of the dependency installs (the <c>install-pkgs</c> phases).</param>
public sealed record DependencyReuse(int Installed, int Reused, TimeSpan InstallTime)
{
    /// <summary>No packages installed or kept.</summary>
    public static DependencyReuse None { get; } = new(0, 0, TimeSpan.Zero);

    /// <summary>The time not spent installing the packages kept: <see cref="Reused"/> × the mean install time per package.</summary>
    public TimeSpan EstimatedTimeSaved => Installed == 0 ? TimeSpan.Zero : InstallTime / Installed * Reused;

    /// <summary>The totals over ports, each with its installed and kept packages and its install time.</summary>
    public static DependencyReuse Sum(IEnumerable<(int Installed, int Reused, TimeSpan InstallTime)> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var (installed, reused, time) = (0, 0, TimeSpan.Zero);
        foreach (var port in ports)
        {
            installed += port.Installed;
            reused += port.Reused;
            time += port.InstallTime;
        }

        return new DependencyReuse(installed, reused, time);
    }

    /// <summary>The install time recorded in <paramref name="outcome"/>'s phases (<c>install-pkgs</c>).</summary>
    public static TimeSpan InstallTimeOf(Scheduling.PortBuildOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Phases.IsDefaultOrEmpty
            ? TimeSpan.Zero
            : outcome.Phases.Where(p => p.Phase == Execution.PortPhases.InstallPackages).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
    }
}
