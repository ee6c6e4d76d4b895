namespace GoSynth.BuildDb;

/// <summary>
/// The file cannot be opened as a build database: its header is destroyed or it is not a GoSynth database.
/// The file is left untouched. Damage that leaves the header readable never throws: it is repaired and listed in
/// <see cref="BuildDatabase.OpenReport"/>.
/// </summary>
public sealed class BuildDbCorruptException : BuildDbException
{
    /// <summary>Creates the exception.</summary>
    public BuildDbCorruptException(string path, string problem)
        : base($"build database '{path}' cannot be opened: {problem}. It was left untouched; move it aside (or restore a backup) and GoSynth starts a new one.", path)
    {
        Problem = problem;
    }

    /// <summary>What is wrong with the file.</summary>
    public string Problem { get; }
}
