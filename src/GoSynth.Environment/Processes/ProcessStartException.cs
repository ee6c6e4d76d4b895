namespace GoSynth.Environment.Processes;

/// <summary>A program could not be started.</summary>
public sealed class ProcessStartException : Exception
{
    /// <summary>Creates the exception for <paramref name="fileName"/>.</summary>
    public ProcessStartException(string fileName, string reason, Exception? innerException = null)
        : base($"cannot start '{fileName}': {reason}", innerException)
    {
        FileName = fileName;
    }

    /// <summary>The program that failed to start.</summary>
    public string FileName { get; }
}
