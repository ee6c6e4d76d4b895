using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Configuration;

/// <summary>Validates <see cref="BuilderOptions"/> at start: every failure is reported, not only the first.</summary>
[OptionsValidator]
internal sealed partial class BuilderOptionsValidator : IValidateOptions<BuilderOptions>;
