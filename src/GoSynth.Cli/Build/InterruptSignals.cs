using System.Runtime.InteropServices;

namespace GoSynth.Cli.Build;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation, so a build stops admitting, kills its slots'
/// processes, tears the slots down and closes its run before the process ends. A second signal is left to its default
/// action: the process ends at once (the next build repairs what it left).
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    public InterruptSignals(CancellationTokenSource cancel)
    {
        _cancel = cancel;
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            return;
        }

        context.Cancel = true;
        _cancel.Cancel();
    }
}
