namespace GoSynth.Environment.Metrics;

/// <summary>The host's metrics could not be read or parsed.</summary>
public sealed class SystemMetricsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SystemMetricsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
