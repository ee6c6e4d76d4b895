using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GoSynth.BuildDb.Internal;

/// <summary>
/// The single-writer lock: <c>&lt;db&gt;.lock</c>, held open with an exclusive advisory lock (released by the kernel
/// when the process dies) and naming its holder (pid, host, start time) for humans and for the next writer.
/// </summary>
internal sealed class WriterLock : IDisposable
{
    private readonly FileStream _stream;

    private WriterLock(FileStream stream, string path, string? staleHolder)
    {
        _stream = stream;
        LockPath = path;
        StaleHolder = staleHolder;
    }

    public string LockPath { get; }

    /// <summary>The holder named by a lock left behind by a process that died, when one was taken over.</summary>
    public string? StaleHolder { get; }

    public static WriterLock Acquire(string databasePath, DateTimeOffset now)
    {
        var lockPath = databasePath + ".lock";
        FileStream stream;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(databasePath)!);

            // FileShare.None takes an exclusive flock(2) on the lock file: it fails at once while another holds it.
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException ex) when (NativeMethods.IsWouldBlock(ex))
        {
            throw new BuildDbLockedException(databasePath, lockPath, ReadHolder(lockPath) ?? "another process");
        }
        catch (IOException ex) when (NativeMethods.IsReadOnlyFileSystem(ex))
        {
            throw new BuildDbException(
                $"build database '{databasePath}' is on a read-only file system, so it cannot be opened for writing (its lock file '{lockPath}' cannot be written). Open it read-only (BuildDatabase.OpenReadOnlyAsync, as status and monitor do), or remount the file system read-write to build.",
                databasePath,
                ex);
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new BuildDbException($"build database '{databasePath}': cannot open its lock file '{lockPath}': {ex.Message}", databasePath, ex);
        }

        try
        {
            var previous = ReadAll(stream).Trim();
            string? stale = null;
            if (previous.Length > 0)
            {
                if (IsLiveOtherProcess(previous))
                {
                    // Only reachable when advisory locking is disabled (DOTNET_SYSTEM_IO_DISABLEFILELOCKING):
                    // the content still tells a live holder from a dead one.
                    throw new BuildDbLockedException(databasePath, lockPath, Describe(previous));
                }

                stale = Describe(previous);
            }

            var self = Process.GetCurrentProcess();
            var content = string.Create(
                CultureInfo.InvariantCulture,
                $"pid={System.Environment.ProcessId}\nhost={System.Environment.MachineName}\nstarted={self.StartTime.ToUniversalTime():O}\nlocked={now:O}\nprogram={self.ProcessName}\n");
            stream.SetLength(0);
            stream.Position = 0;
            stream.Write(Encoding.UTF8.GetBytes(content));
            stream.Flush(flushToDisk: true);
            return new WriterLock(stream, lockPath, stale);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the holder's description without taking .NET's advisory lock (which the holder blocks).</summary>
    public static string? ReadHolder(string lockPath)
    {
        try
        {
            var bytes = NativeMethods.ReadWithoutLocking(lockPath, 4096);
            var text = bytes is null ? null : Encoding.UTF8.GetString(bytes).Trim();
            return string.IsNullOrEmpty(text) ? null : Describe(text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            // The file stays (deleting it would race with the next writer opening it); empty means free.
            _stream.SetLength(0);
            _stream.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private static string ReadAll(FileStream stream)
    {
        stream.Position = 0;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Encoding.UTF8.GetString(memory.ToArray());
    }

    private static Dictionary<string, string> Parse(string content)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in content.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                fields[line[..eq]] = line[(eq + 1)..];
            }
        }

        return fields;
    }

    private static string Describe(string content)
    {
        var f = Parse(content);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{f.GetValueOrDefault("program", "a process")} pid {f.GetValueOrDefault("pid", "?")} on host {f.GetValueOrDefault("host", "?")} started {f.GetValueOrDefault("started", "?")}");
    }

    private static bool IsLiveOtherProcess(string content)
    {
        var f = Parse(content);
        if (!int.TryParse(f.GetValueOrDefault("pid"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || pid == System.Environment.ProcessId
            || f.GetValueOrDefault("host") != System.Environment.MachineName
            || !DateTimeOffset.TryParse(f.GetValueOrDefault("started"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            var actual = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
            return !process.HasExited && (actual - started).Duration() < TimeSpan.FromSeconds(2);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
