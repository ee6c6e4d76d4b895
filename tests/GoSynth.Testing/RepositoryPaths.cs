namespace GoSynth.Testing;

/// <summary>Locates the repository root, the sample ports tree and the shared data directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root (the directory holding GoSynth.sln).</summary>
    public static string Root => s_root.Value;

    /// <summary>The bundled sample ports tree.</summary>
    public static string SamplePorts => Path.Combine(Root, "samples", "ports");

    /// <summary>Real pkg(8) packages, catalogs and build logs copied byte for byte for tests (see its README).</summary>
    public static string TestData => Path.Combine(Root, "tests", "data");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoSynth.sln")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        throw new InvalidOperationException("GoSynth.sln not found above " + AppContext.BaseDirectory);
    }
}
