namespace GoSynth.Web;

/// <summary>The event ids GoSynth.Web logs with (the 6000s).</summary>
public static class WebEventIds
{
    /// <summary>A build was started through the API.</summary>
    public const int BuildStarted = 6000;

    /// <summary>A build started through the API could not start (locked, bad input, configuration).</summary>
    public const int BuildNotStarted = 6001;

    /// <summary>A build was cancelled through the API.</summary>
    public const int BuildCancelled = 6002;

    /// <summary>A request was refused: no or a wrong token, or a client from the network where that is not allowed.</summary>
    public const int RequestRefused = 6003;

    /// <summary>A request asked for a path outside the logs directory.</summary>
    public const int PathRefused = 6004;

    /// <summary>An endpoint failed unexpectedly; the client got a 500 problem without details.</summary>
    public const int EndpointFailed = 6005;

    /// <summary>A live event stream could not keep up and was closed; the client resumes with <c>Last-Event-ID</c>.</summary>
    public const int StreamOverrun = 6006;

    /// <summary>A build started through the API ended.</summary>
    public const int BuildEnded = 6007;
}
