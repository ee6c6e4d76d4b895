using System.Buffers;
using System.IO.Hashing;
using System.Text;
using GoSynth.Pkg.Fingerprints.Internal;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Pkg.Fingerprints;

/// <summary>
/// The fingerprint of a port directory: a CRC32 that changes whenever a file of the port changes, so that a port
/// whose files are unchanged since its last successful build need not be rebuilt.
/// </summary>
/// <remarks>
/// <para>
/// The rule: one running CRC32 (IEEE, as <see cref="Crc32"/>) over, for each regular file below the port directory
/// in ordinal order of its relative path, the relative path (UTF-8, <c>/</c> separators, no leading <c>./</c>),
/// a NUL byte, and the file's contents. The walk is recursive and never enters directories named <c>.git</c>,
/// <c>work</c>, <c>.svn</c> or <c>CVS</c>, at any depth.
/// </para>
/// <para>
/// Symbolic links are never followed, so a fingerprint never reads outside the port directory: a link (to a file
/// or to a directory) counts as an entry whose contents are its target text, as <c>readlink</c> prints it.
/// Retargeting a link therefore changes the fingerprint; editing the file it points to does not. A FIFO, socket or
/// device node counts like an empty file (its name only): zero-length entries are never opened, so a stray FIFO in a
/// port directory cannot block the scan.
/// </para>
/// <para>Files are streamed through a pooled buffer; no file is ever read whole into memory.</para>
/// </remarks>
public static class PortFingerprint
{
    private const int BufferSize = 64 * 1024;

    /// <summary>The directory names the walk skips, at any depth.</summary>
    public static IReadOnlyList<string> SkippedDirectoryNames { get; } = [".git", "work", ".svn", "CVS"];

    /// <summary>Computes the fingerprint of <paramref name="portDirectory"/>.</summary>
    /// <param name="portDirectory">The port directory (the unflavored <c>category/port</c> directory).</param>
    /// <param name="cancellationToken">Stops the walk between reads.</param>
    /// <returns>The CRC32 of the port's files.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="IOException">A file could not be read (a caller deciding what to rebuild treats this as "changed").</exception>
    /// <exception cref="UnauthorizedAccessException">A file or directory of the port is not readable.</exception>
    public static uint Compute(string portDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(portDirectory);
        return ComputeFrom(FingerprintFileWalker.List(portDirectory, cancellationToken), cancellationToken);
    }

    /// <summary>The fingerprint of the entries a walk listed (see <see cref="FingerprintFileWalker"/>).</summary>
    internal static uint ComputeFrom(List<FingerprintEntry> entries, CancellationToken cancellationToken)
    {
        var crc = new Crc32();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var handle = BeginEntry(crc, entry, buffer, FileOptions.SequentialScan);
                if (handle is null)
                {
                    continue;
                }

                long offset = 0;
                int read;
                while ((read = RandomAccess.Read(handle, buffer.AsSpan(0, BufferSize), offset)) > 0)
                {
                    crc.Append(buffer.AsSpan(0, read));
                    offset += read;
                }
            }

            return crc.GetCurrentHashAsUInt32();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Computes the fingerprint of <paramref name="portDirectory"/> with asynchronous reads.</summary>
    /// <param name="portDirectory">The port directory (the unflavored <c>category/port</c> directory).</param>
    /// <param name="cancellationToken">Stops the walk between reads.</param>
    /// <returns>The CRC32 of the port's files; the same value as <see cref="Compute"/>.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="IOException">A file could not be read (a caller deciding what to rebuild treats this as "changed").</exception>
    /// <exception cref="UnauthorizedAccessException">A file or directory of the port is not readable.</exception>
    public static async ValueTask<uint> ComputeAsync(string portDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(portDirectory);
        var entries = FingerprintFileWalker.List(portDirectory, cancellationToken);
        var crc = new Crc32();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var handle = BeginEntry(crc, entry, buffer, FileOptions.SequentialScan | FileOptions.Asynchronous);
                if (handle is null)
                {
                    continue;
                }

                long offset = 0;
                int read;
                while ((read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, BufferSize), offset, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    crc.Append(buffer.AsSpan(0, read));
                    offset += read;
                }
            }

            return crc.GetCurrentHashAsUInt32();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Formats a fingerprint the way dsynth and go-synth print it: eight lowercase hex digits.</summary>
    public static string Format(uint fingerprint) => fingerprint.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    internal static bool IsSkippedDirectory(string name) =>
        name is ".git" or "work" or ".svn" or "CVS";

    /// <summary>
    /// Adds an entry's path, NUL and, for a symbolic link, its target text; returns a handle to read its contents
    /// from, or null when there are none to read (a link, or a zero-length entry, which is never opened).
    /// </summary>
    private static SafeFileHandle? BeginEntry(Crc32 crc, FingerprintEntry entry, byte[] buffer, FileOptions options)
    {
        AppendHeader(crc, entry.RelativePath, buffer);
        if (entry.IsSymbolicLink)
        {
            AppendLinkTarget(crc, entry.FullPath);
            return null;
        }

        return entry.Length == 0 ? null : File.OpenHandle(entry.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, options);
    }

    private static void AppendHeader(Crc32 crc, string relativePath, byte[] buffer)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(relativePath.Length) + 1;
        if (maxBytes <= buffer.Length)
        {
            var length = Encoding.UTF8.GetBytes(relativePath, buffer);
            buffer[length] = 0;
            crc.Append(buffer.AsSpan(0, length + 1));
            return;
        }

        crc.Append(Encoding.UTF8.GetBytes(relativePath));
        crc.Append([0]);
    }

    private static void AppendLinkTarget(Crc32 crc, string fullPath)
    {
        var target = new FileInfo(fullPath).LinkTarget ?? "";
        crc.Append(Encoding.UTF8.GetBytes(target));
    }
}
