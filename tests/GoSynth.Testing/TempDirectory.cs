namespace GoSynth.Testing;

/// <summary>A directory under the system temp path that is deleted when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates a new, empty directory.</summary>
    public TempDirectory(string? prefix = null)
    {
        Path = Directory.CreateTempSubdirectory(prefix ?? "gosynth-test-").FullName;
    }

    /// <summary>The absolute path of the directory.</summary>
    public string Path { get; }

    /// <summary>Combines <paramref name="parts"/> below this directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file below this directory, creating parent directories.</summary>
    public string WriteFile(string relativePath, string contents)
    {
        var full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, contents);
        return full;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A test that left a mount or busy file behind must not hide its own failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
