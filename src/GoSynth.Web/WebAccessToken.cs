using System.Security.Cryptography;
using System.Text;

namespace GoSynth.Web;

/// <summary>
/// The bearer token that requests which change something must present (<c>Authorization: Bearer &lt;token&gt;</c>):
/// read from <see cref="GoSynthWebOptions.TokenFile"/> (owner-only permissions, checked), taken from
/// <see cref="GoSynthWebOptions.Token"/>, or generated at start (32 random bytes, base64url).
/// </summary>
public sealed class WebAccessToken
{
    private const int MinimumLength = 16;
    private readonly byte[] _hash;

    private WebAccessToken(string value, WebAccessTokenSource source, string? file)
    {
        Value = value;
        Source = source;
        FilePath = file;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>The token.</summary>
    public string Value { get; }

    /// <summary>Where it came from.</summary>
    public WebAccessTokenSource Source { get; }

    /// <summary>The file it was read from, when it was.</summary>
    public string? FilePath { get; }

    /// <summary>Makes the token the options ask for.</summary>
    /// <exception cref="WebTokenException">The token file is missing, not a regular file, readable or writable by others, or holds too short a token.</exception>
    public static WebAccessToken Create(GoSynthWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Token is { Length: > 0 } given)
        {
            return given.Trim().Length < MinimumLength
                ? throw new WebTokenException($"The configured token is shorter than {MinimumLength} characters; use a longer random one.")
                : new WebAccessToken(given.Trim(), WebAccessTokenSource.Configured, null);
        }

        if (options.TokenFile is { Length: > 0 } file)
        {
            return new WebAccessToken(ReadFile(file), WebAccessTokenSource.File, Path.GetFullPath(file));
        }

        return new WebAccessToken(Base64Url(RandomNumberGenerator.GetBytes(32)), WebAccessTokenSource.Generated, null);
    }

    /// <summary>True when <paramref name="presented"/> is the token (compared in constant time).</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    private static string ReadFile(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new WebTokenException($"The token file {file} does not exist; create it with a random token and mode 0600, or leave TokenFile unset to have one generated.");
        }

        if (info.LinkTarget is not null)
        {
            throw new WebTokenException($"The token file {file} is a symbolic link; name the file itself.");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = info.UnixFileMode;
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0)
            {
                throw new WebTokenException(
                    $"The token file {file} can be read or written by other users (mode {Convert.ToString((int)mode, 8)}); make it owner-only with 'chmod 600 {file}'.");
            }
        }

        string text;
        try
        {
            text = File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WebTokenException($"The token file {file} could not be read: {e.Message}", e);
        }

        return text.Length < MinimumLength
            ? throw new WebTokenException($"The token file {file} holds {text.Length} characters; a token needs at least {MinimumLength}.")
            : text;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
