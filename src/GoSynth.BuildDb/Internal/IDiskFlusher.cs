using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb.Internal;

/// <summary>
/// Makes written bytes durable (fsync). The <see cref="CommitPipeline"/> acknowledges a durable call only after
/// this returns; tests substitute an implementation that blocks so they can prove no call returns earlier.
/// </summary>
internal interface IDiskFlusher
{
    /// <summary>Flushes the file's written data to stable storage.</summary>
    void Flush(SafeFileHandle handle);
}
