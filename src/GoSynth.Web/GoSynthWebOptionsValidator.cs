using Microsoft.Extensions.Options;

namespace GoSynth.Web;

/// <summary>Validates <see cref="GoSynthWebOptions"/> at start: every failure is reported, not only the first.</summary>
[OptionsValidator]
internal sealed partial class GoSynthWebOptionsValidator : IValidateOptions<GoSynthWebOptions>;
