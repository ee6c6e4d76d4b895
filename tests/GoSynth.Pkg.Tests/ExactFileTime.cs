namespace GoSynth.Pkg.Tests;

/// <summary>
/// Copies a file's modification time to another with nanoseconds (touch -m -r), as a tool that restores timestamps
/// would; .NET's <see cref="File.SetLastWriteTimeUtc(string, DateTime)"/> keeps only 100 ns ticks.
/// </summary>
internal static class ExactFileTime
{
    /// <summary>A copy of <paramref name="path"/>'s times on a new empty file in the temporary directory (not beside it,
    /// where it would be one more file of the directory).</summary>
    public static string Remember(string path)
    {
        var reference = Path.Combine(Path.GetTempPath(), "gosynth-time-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(reference, []);
        Touch("-r", path, reference);
        return reference;
    }

    /// <summary>Sets <paramref name="path"/>'s modification time to <paramref name="reference"/>'s, exactly, and deletes the reference.</summary>
    public static void Restore(string path, string reference)
    {
        Touch("-m", "-r", reference, path);
        File.Delete(reference);
    }

    private static void Touch(params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start("touch", arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
