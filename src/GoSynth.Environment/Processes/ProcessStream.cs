namespace GoSynth.Environment.Processes;

/// <summary>Which output stream a line came from.</summary>
public enum ProcessStream
{
    /// <summary>Standard output.</summary>
    StandardOutput,

    /// <summary>Standard error.</summary>
    StandardError,
}
