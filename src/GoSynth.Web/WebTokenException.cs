namespace GoSynth.Web;

/// <summary>The bearer token could not be used: its file is missing, empty, too short, or readable by others.</summary>
public sealed class WebTokenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebTokenException()
    {
    }

    /// <summary>Creates the exception with a message that says what and where.</summary>
    public WebTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WebTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
