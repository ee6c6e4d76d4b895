using Microsoft.Extensions.Options;

namespace GoSynth.Pkg;

/// <summary>Validates <see cref="PkgOptions"/> at start (<see cref="PkgOptions.Validate"/>).</summary>
internal sealed class PkgOptionsValidator : IValidateOptions<PkgOptions>
{
    public ValidateOptionsResult Validate(string? name, PkgOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
