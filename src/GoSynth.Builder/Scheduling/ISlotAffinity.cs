namespace GoSynth.Builder.Scheduling;

/// <summary>
/// Optionally implemented by an <see cref="IPortBuildExecutor"/> whose slots keep installed packages between ports:
/// among ready ports of similar priority, a free slot then takes the one whose dependencies it already holds, so
/// fewer packages are installed again. The scheduler asks only while choosing; the answer never changes the order of
/// ports whose priorities differ by more than <see cref="BuildScheduler.AffinityTolerance"/>.
/// </summary>
public interface ISlotAffinity
{
    /// <summary>
    /// How many packages of <paramref name="request"/>'s install closure <paramref name="slot"/> holds now (0 when it
    /// holds none, or holds a package the port did not ask for, so it would be reset). Called on the scheduler's loop:
    /// it must be quick and must not throw.
    /// </summary>
    int CountHeld(int slot, PortBuildRequest request);
}
