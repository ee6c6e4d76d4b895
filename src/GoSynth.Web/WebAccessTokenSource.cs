namespace GoSynth.Web;

/// <summary>Where the <see cref="WebAccessToken"/> came from.</summary>
public enum WebAccessTokenSource
{
    /// <summary>Generated at start; the host shows it once.</summary>
    Generated,

    /// <summary>Read from <see cref="GoSynthWebOptions.TokenFile"/>.</summary>
    File,

    /// <summary>Given in <see cref="GoSynthWebOptions.Token"/>.</summary>
    Configured,
}
