using System.ComponentModel.DataAnnotations;

namespace GoSynth.Web;

/// <summary>What the GoSynth endpoints allow and how much they keep. Validated at start.</summary>
public sealed class GoSynthWebOptions : IValidatableObject
{
    /// <summary>The shortest <see cref="Token"/> accepted.</summary>
    private const int MinimumTokenLength = 16;

    /// <summary>The shortest <see cref="StatusInterval"/> accepted.</summary>
    private static readonly TimeSpan s_minimumStatusInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest <see cref="StatusInterval"/> accepted.</summary>
    private static readonly TimeSpan s_maximumStatusInterval = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Who may use the endpoints from other hosts: <see cref="WebNetworkAccess.None"/> (the default) answers only
    /// loopback clients; the host decides where it listens, this decides what a client from the network is allowed.
    /// </summary>
    public WebNetworkAccess NetworkAccess { get; set; } = WebNetworkAccess.None;

    /// <summary>
    /// A file holding the bearer token that requests which change something (start, cancel) must present. It must be
    /// a regular file readable and writable by its owner only (mode 0600 or 0400); anything else is refused at start.
    /// When neither this nor <see cref="Token"/> is set, a random token is generated at start.
    /// </summary>
    public string? TokenFile { get; set; }

    /// <summary>The bearer token itself (for hosts that keep it elsewhere); at least 16 characters.</summary>
    public string? Token { get; set; }

    /// <summary>The largest request body accepted, in bytes; larger bodies get 413.</summary>
    [Range(256, 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>How many events of each run are kept in memory for clients that reconnect (<c>Last-Event-ID</c>).</summary>
    [Range(16, 10_000_000)]
    public int EventBufferSize { get; set; } = 50_000;

    /// <summary>How many runs' events are kept in memory.</summary>
    [Range(1, 1000)]
    public int RetainedRuns { get; set; } = 4;

    /// <summary>How many lines a log tail returns when the request does not say.</summary>
    [Range(1, 100_000)]
    public int DefaultTailLines { get; set; } = 200;

    /// <summary>The most lines a log tail returns.</summary>
    [Range(1, 1_000_000)]
    public int MaxTailLines { get; set; } = 10_000;

    /// <summary>How often a live event stream sends a status event (totals, rates, ETA); it doubles as a keep-alive.</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The rules the trimming-safe attributes cannot express (used by the generated <c>GoSynthWebOptionsValidator</c>):
    /// the token's length and the status interval's bounds.
    /// </summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Token is not null && Token.Length < MinimumTokenLength)
        {
            yield return new ValidationResult(
                $"GoSynthWebOptions.Token must be at least {MinimumTokenLength} characters long; it has {Token.Length}.", [nameof(Token)]);
        }

        if (StatusInterval < s_minimumStatusInterval || StatusInterval > s_maximumStatusInterval)
        {
            yield return new ValidationResult(
                $"GoSynthWebOptions.StatusInterval must be from {s_minimumStatusInterval.TotalMilliseconds:0} ms to {s_maximumStatusInterval.TotalMinutes:0} minutes; it is {StatusInterval}.",
                [nameof(StatusInterval)]);
        }
    }
}
