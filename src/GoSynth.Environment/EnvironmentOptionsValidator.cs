using Microsoft.Extensions.Options;

namespace GoSynth.Environment;

/// <summary>Validates <see cref="EnvironmentOptions"/> at start.</summary>
internal sealed class EnvironmentOptionsValidator : IValidateOptions<EnvironmentOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EnvironmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Slots is null)
        {
            return ValidateOptionsResult.Fail("EnvironmentOptions.Slots must be set");
        }

        try
        {
            options.Slots.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
