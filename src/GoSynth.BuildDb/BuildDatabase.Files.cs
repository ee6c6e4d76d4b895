using System.Globalization;
using System.Security.Cryptography;
using GoSynth.BuildDb.Internal;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb;

/// <summary>Whole-file operations: create, copy aside, rewrite, temporary files. Each new file is flushed and renamed into place.</summary>
public sealed partial class BuildDatabase
{
    private static void CreateEmpty(string path)
    {
        var temp = TempPath(path, "new");
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            Span<byte> header = stackalloc byte[FileFormat.HeaderSize];
            FileFormat.WriteHeader(header, NewGeneration());
            stream.Write(header);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        NativeMethods.FsyncDirectory(System.IO.Path.GetDirectoryName(path)!);
    }

    private static string CopyAside(string path, TimeProvider time)
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var copy = $"{path}.damaged-{stamp}";
        for (var i = 1; File.Exists(copy); i++)
        {
            copy = $"{path}.damaged-{stamp}-{i}";
        }

        File.Copy(path, copy);
        using (var stream = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            stream.Flush(flushToDisk: true);
        }

        return copy;
    }

    /// <summary>
    /// Writes a new file holding the header and every usable record, then renames it over the old one. Records with
    /// a valid checksum that cannot be used (their partner was lost) stay only in the copy set aside, so they are
    /// reported once, not at every open.
    /// </summary>
    private static SafeFileHandle Rewrite(SafeFileHandle handle, string path, LoadResult load)
    {
        var temp = TempPath(path, "repair");
        using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<byte> header = stackalloc byte[FileFormat.HeaderSize];
            FileFormat.WriteHeader(header, NewGeneration());
            output.Write(header);
            var buffer = new byte[1 << 16];
            var position = (long)FileFormat.HeaderSize;
            foreach (var range in load.Damage.Where(d => d.Kind != DamageKind.TornTail).OrderBy(d => d.Offset))
            {
                Copy(handle, output, position, Math.Max(position, range.Offset), buffer);
                position = Math.Max(position, range.Offset + range.Length);
            }

            Copy(handle, output, position, load.ValidEnd, buffer);
            output.Flush(flushToDisk: true);
        }

        handle.Dispose();
        File.Move(temp, path, overwrite: true);
        NativeMethods.FsyncDirectory(System.IO.Path.GetDirectoryName(path)!);
        return File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, Shared);
    }

    private static void Copy(SafeFileHandle source, FileStream output, long from, long to, byte[] buffer)
    {
        while (from < to)
        {
            var n = RandomAccess.Read(source, buffer.AsSpan(0, (int)Math.Min(buffer.Length, to - from)), from);
            if (n == 0)
            {
                break;
            }

            output.Write(buffer, 0, n);
            from += n;
        }
    }

    private static string TempPath(string path, string purpose) =>
        $"{path}.{purpose}-{System.Environment.ProcessId}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}.tmp";

    private static void RemoveLeftoverTempFiles(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var prefix = System.IO.Path.GetFileName(path) + ".";
        foreach (var file in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
        {
            // Only the lock holder writes temp files, and it holds the lock now: these are left by a crash.
            File.Delete(file);
        }
    }

    private static ulong NewGeneration()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
