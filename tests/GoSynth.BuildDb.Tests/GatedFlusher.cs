using GoSynth.BuildDb.Internal;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb.Tests;

/// <summary>
/// A flusher that holds every flush at a gate until the test lets it through, so a test can look at which calls
/// have returned while their record is written but not yet flushed. <see cref="OnEnter"/> runs on the writer
/// thread as each flush starts, before it can cover anything.
/// </summary>
internal sealed class GatedFlusher : IDiskFlusher, IDisposable
{
    private readonly SemaphoreSlim _entered = new(0);
    private readonly SemaphoreSlim _gate = new(0);
    private volatile bool _open;

    public Action? OnEnter { get; set; }

    public int Entered { get; private set; }

    public void Flush(SafeFileHandle handle)
    {
        OnEnter?.Invoke();
        Entered++;
        _entered.Release();
        if (!_open)
        {
            _gate.Wait();
        }

        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>Waits until a flush reaches the gate; false when none does within <paramref name="timeout"/>.</summary>
    public Task<bool> WaitEnteredAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _entered.WaitAsync(timeout, cancellationToken);

    /// <summary>Lets one held flush finish.</summary>
    public void ReleaseOne() => _gate.Release();

    /// <summary>Lets every held and future flush through.</summary>
    public void Open()
    {
        _open = true;
        _gate.Release(1000);
    }

    /// <summary>Opens the gate so the database's closing flush cannot hang; the semaphores stay usable for it.</summary>
    public void Dispose() => Open();
}
