namespace GoSynth.Web;

/// <summary>What a client that is not on the loopback interface may do.</summary>
public enum WebNetworkAccess
{
    /// <summary>Nothing: every request from the network gets 403.</summary>
    None,

    /// <summary>Reads (API, events, dashboard, metrics); changes still need a loopback client and the token.</summary>
    Read,

    /// <summary>Reads, and changes with the bearer token.</summary>
    ReadWrite,
}
