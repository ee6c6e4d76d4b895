using Microsoft.Extensions.Options;

namespace GoSynth.Web.Security;

/// <summary>Refuses, at start, a token file that is missing, too short, or readable by others.</summary>
internal sealed class TokenOptionsValidator : IValidateOptions<GoSynthWebOptions>
{
    public ValidateOptionsResult Validate(string? name, GoSynthWebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            WebAccessToken.Create(options);
            return ValidateOptionsResult.Success;
        }
        catch (WebTokenException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
