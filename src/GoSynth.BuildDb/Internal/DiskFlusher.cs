using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb.Internal;

/// <summary>The production <see cref="IDiskFlusher"/>: <see cref="RandomAccess.FlushToDisk(SafeFileHandle)"/>.</summary>
internal sealed class DiskFlusher : IDiskFlusher
{
    /// <summary>The shared instance (stateless).</summary>
    public static readonly DiskFlusher Instance = new();

    private DiskFlusher()
    {
    }

    public void Flush(SafeFileHandle handle) => RandomAccess.FlushToDisk(handle);
}
