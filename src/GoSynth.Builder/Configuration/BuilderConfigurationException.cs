namespace GoSynth.Builder.Configuration;

/// <summary>
/// A configuration file GoSynth cannot accept: a typo, a bad value, a missing file or section. The message says
/// which file and line, which key, and what is allowed; nothing starts until it is fixed.
/// </summary>
public sealed class BuilderConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="file">The file, when one is concerned.</param>
    /// <param name="line">The 1-based line, or 0 when the problem is not on one line.</param>
    /// <param name="key">The key, when one is concerned.</param>
    public BuilderConfigurationException(string message, string? file = null, int line = 0, string? key = null)
        : base(Compose(message, file, line))
    {
        File = file;
        Line = line;
        Key = key;
    }

    /// <summary>The configuration file concerned, or null.</summary>
    public string? File { get; }

    /// <summary>The 1-based line concerned, or 0.</summary>
    public int Line { get; }

    /// <summary>The key concerned, or null.</summary>
    public string? Key { get; }

    private static string Compose(string message, string? file, int line) => file is null
        ? message
        : line > 0 ? $"{file}:{line}: {message}" : $"{file}: {message}";
}
