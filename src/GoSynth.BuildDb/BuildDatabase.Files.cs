using System.Globalization;
using System.Security.Cryptography;
using GoSynth.BuildDb.Internal;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.BuildDb;

/// <summary>Whole-file operations: create, copy aside, repair, upgrade, temporary files. Each new file is flushed and renamed into place.</summary>
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

    /// <summary>
    /// Replaces the database with a new file holding every usable record: a repair (after copying the damaged file
    /// aside) or an upgrade from an older format. Checks first that both fit on the disk; when anything fails the
    /// database is left as it was and nothing (no partial copy, no temporary file) is left beside it.
    /// </summary>
    private static SafeFileHandle Replace(SafeFileHandle handle, string path, LoadResult load, bool copyAside, TimeProvider time, out string? copyPath)
    {
        copyPath = null;
        var length = RandomAccess.GetLength(handle);
        var what = copyAside ? "a repair" : $"an upgrade from format version {load.Version} to {FileFormat.CurrentVersion}";
        var needed = (copyAside ? length : 0) + length + (length / 16) + (64 << 10);
        var free = FreeSpace(path);
        if (free < needed)
        {
            throw new BuildDbException(
                $"build database '{path}' needs {what}, which needs about {needed} bytes free on its file system ({(copyAside ? "a copy of the damaged file and " : string.Empty)}a new file), but only {free} bytes are free. Free some space and open it again; the database was left untouched.",
                path);
        }

        string? temp = null;
        string? copy = null;
        var renamed = false;
        try
        {
            if (copyAside)
            {
                copy = CopyAside(path, time);
            }

            temp = TempPath(path, copyAside ? "repair" : "upgrade");
            WriteReplacement(handle, temp, load);
            handle.Dispose();
            File.Move(temp, path, overwrite: true);
            renamed = true;
            NativeMethods.FsyncDirectory(System.IO.Path.GetDirectoryName(path)!);
            copyPath = copy;
            return OpenLocked(path);
        }
        catch (IOException ex) when (ex is not BuildDbException)
        {
            Delete(temp);
            if (!renamed)
            {
                Delete(copy);
            }

            throw new BuildDbException(
                $"build database '{path}' needs {what}, which failed: {ex.Message}. It needs about {needed} bytes free on its file system; {(renamed ? "the new file is in place" : "the database was left untouched")}. Fix the cause and open it again.",
                path,
                ex);
        }
    }

    private static long FreeSpace(string path)
    {
        try
        {
            return new DriveInfo(System.IO.Path.GetDirectoryName(path)!).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return long.MaxValue;
        }
    }

    private static void Delete(string? file)
    {
        try
        {
            if (file is not null)
            {
                File.Delete(file);
            }
        }
        catch (IOException)
        {
        }
    }

    private static string CopyAside(string path, TimeProvider time)
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var copy = $"{path}.damaged-{stamp}";
        for (var i = 1; File.Exists(copy); i++)
        {
            copy = $"{path}.damaged-{stamp}-{i}";
        }

        try
        {
            File.Copy(path, copy);
            using var stream = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            Delete(copy);
            throw;
        }

        return copy;
    }

    /// <summary>
    /// Writes the header and every usable record to <paramref name="temp"/>. A file of the current format is copied
    /// range by range around the damage; an older one is re-framed record by record. Records with a valid checksum
    /// that cannot be used (their partner was lost) stay only in the copy set aside, so they are reported once.
    /// </summary>
    private static void WriteReplacement(SafeFileHandle handle, string temp, LoadResult load)
    {
        using var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        Span<byte> header = stackalloc byte[FileFormat.HeaderSize];
        FileFormat.WriteHeader(header, NewGeneration());
        output.Write(header);
        if (load.Version < FileFormat.EscapedVersion)
        {
            var unusable = load.Damage.Where(d => d.Kind == DamageKind.Undecodable).Select(d => d.Offset).ToHashSet();
            var frame = new FrameBuilder();
            var window = new ScanWindow().Reset(handle, load.ValidEnd);
            new LegacyFrameScanner(window).Scan(
                FileFormat.HeaderSize,
                (offset, _, type, payload) =>
                {
                    if (!unusable.Contains(offset))
                    {
                        output.Write(frame.Reframe(type, payload));
                    }
                },
                [],
                out _);
        }
        else
        {
            var buffer = new byte[1 << 16];
            var position = (long)FileFormat.HeaderSize;
            foreach (var range in load.Damage.Where(d => d.Kind != DamageKind.TornTail).OrderBy(d => d.Offset))
            {
                Copy(handle, output, position, Math.Max(position, range.Offset), buffer);
                position = Math.Max(position, range.Offset + range.Length);
            }

            Copy(handle, output, position, load.ValidEnd, buffer);
        }

        output.Flush(flushToDisk: true);
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
