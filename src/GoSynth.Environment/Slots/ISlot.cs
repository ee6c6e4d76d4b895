using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Slots;

/// <summary>
/// One build slot, <c>&lt;BuildBase&gt;/SLnn</c>: set up once per run (<see cref="SetupAsync"/>), reset between ports
/// (<see cref="ResetAsync"/>), torn down at the end (<see cref="TeardownAsync"/>, also run by <see cref="IAsyncDisposable.DisposeAsync"/>).
/// A slot runs one command at a time.
/// </summary>
public interface ISlot : IAsyncDisposable
{
    /// <summary>The slot number, from 1.</summary>
    int Number { get; }

    /// <summary>The slot name, <c>SL01</c>, <c>SL02</c>, ….</summary>
    string Name { get; }

    /// <summary>The slot directory on the host.</summary>
    string Root { get; }

    /// <summary>The backend that isolates this slot.</summary>
    SlotBackend Backend { get; }

    /// <summary>Where the slot is in its life.</summary>
    SlotState State { get; }

    /// <summary>Mounts the slot and copies the template in. A stale slot of the same name is torn down first.</summary>
    /// <exception cref="SlotException">A mount or copy failed; whatever was mounted has been torn down again.</exception>
    Task SetupAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="command"/> inside the slot. Timeout, watchdog and cancellation kill every process the
    /// command started (cancellation then throws <see cref="OperationCanceledException"/>).
    /// </summary>
    Task<ProcessResult> ExecuteAsync(SlotCommand command, IProcessOutputSink? output = null, CancellationToken cancellationToken = default);

    /// <summary>Empties <c>/construction</c> and <c>/usr/local</c> and restores the package database from the template.</summary>
    /// <exception cref="SlotException">Something is mounted inside a directory to be emptied: nothing below it was deleted.</exception>
    Task ResetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Kills the slot's processes, unmounts deepest first over the live mount table (foreign mounts under the slot
    /// included) and deletes the slot directory only when nothing is mounted under it (never crossing into another
    /// filesystem). Idempotent; never throws for a busy mount: the result names what remains.
    /// </summary>
    Task<TeardownResult> TeardownAsync(CancellationToken cancellationToken = default);

    /// <summary>The host path of <paramref name="slotPath"/> (a path as seen inside the slot), e.g. to read a build's output.</summary>
    string MapToHost(string slotPath);
}
