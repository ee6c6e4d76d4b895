using System.Diagnostics;
using System.Runtime.InteropServices;
using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

/// <summary>
/// A small tmpfs mounted on a fresh directory, for tests of full and read-only file systems. Needs root (CI runs as
/// root); the calling test is skipped, with the reason, where mounting is not possible.
/// </summary>
internal sealed partial class Tmpfs : IDisposable
{
    private readonly TempDirectory _dir;

    private Tmpfs(TempDirectory dir)
    {
        _dir = dir;
    }

    /// <summary>The mount point.</summary>
    public string Path => _dir.Path;

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> bytes (rounded up to pages by the kernel).</summary>
    public static Tmpfs Mount(long bytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("tmpfs mounts need Linux");
        }

        if (geteuid() != 0)
        {
            Assert.Skip("mounting a small tmpfs needs root; run the tests as root (CI does)");
        }

        var dir = new TempDirectory("gosynth-tmpfs-");
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={bytes},mode=0755", "tmpfs", dir.Path);
        if (code != 0)
        {
            dir.Dispose();
            Assert.Skip($"cannot mount a tmpfs here (mount said: {error.Trim()}); the test needs CAP_SYS_ADMIN");
        }

        return new Tmpfs(dir);
    }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Remounts the file system read-only.</summary>
    public void MakeReadOnly() => Check(Run("mount", "-o", "remount,ro", Path));

    /// <summary>Remounts the file system read-write.</summary>
    public void MakeWritable() => Check(Run("mount", "-o", "remount,rw", Path));

    /// <summary>Fills the free space with a file, leaving about <paramref name="leave"/> bytes free.</summary>
    public void Fill(long leave)
    {
        var info = new DriveInfo(Path);
        var fill = info.AvailableFreeSpace - leave;
        if (fill > 0)
        {
            using var stream = new FileStream(Combine("filler"), FileMode.Create);
            stream.Write(new byte[fill]);
        }
    }

    public void Dispose()
    {
        Run("umount", Path);
        _dir.Dispose();
    }

    private static void Check((int Code, string Error) result)
    {
        if (result.Code != 0)
        {
            throw new InvalidOperationException("mount failed: " + result.Error);
        }
    }

    private static (int Code, string Error) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
