namespace GoSynth.BuildDb;

/// <summary>The base of the errors a build database reports.</summary>
public class BuildDbException : IOException
{
    /// <summary>Creates the exception.</summary>
    public BuildDbException(string message, string path, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }
}
