namespace GoSynth.BuildDb;

/// <summary>The file was written by a newer GoSynth, in a format or with records this version does not know.</summary>
public sealed class BuildDbVersionException : BuildDbException
{
    /// <summary>Creates the exception.</summary>
    public BuildDbVersionException(string path, string found, string supported)
        : base($"build database '{path}' was written by a newer GoSynth ({found}); this GoSynth reads {supported}. Upgrade GoSynth to use this database; the file was left untouched.", path)
    {
        Found = found;
        Supported = supported;
    }

    /// <summary>What the file holds.</summary>
    public string Found { get; }

    /// <summary>What this version reads.</summary>
    public string Supported { get; }
}
