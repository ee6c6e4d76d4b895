using Microsoft.Extensions.Options;

namespace GoSynth.BuildDb;

/// <summary>Validates <see cref="BuildDbOptions"/> at start.</summary>
internal sealed class BuildDbOptionsValidator : IValidateOptions<BuildDbOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BuildDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
