namespace GoSynth.Builder.Configuration.Internal;

/// <summary>One dsynth.ini key: its name, how a value is applied, and how <c>init</c> documents it.</summary>
/// <param name="Name">The key as written in the file.</param>
/// <param name="Apply">Sets the option from a value; throws <see cref="FormatException"/> saying what is allowed.</param>
/// <param name="InitValue">What <c>init</c> writes, or null to write the key commented out with <paramref name="Example"/>.</param>
/// <param name="Comment">The comment <c>init</c> writes above the key.</param>
/// <param name="GoSynthOnly">True for keys dsynth does not know.</param>
/// <param name="Example">The value shown for a commented-out key.</param>
internal sealed record ConfigurationKey(
    string Name,
    Action<BuilderOptions, string> Apply,
    Func<BuilderOptions, string>? InitValue,
    string Comment,
    bool GoSynthOnly = false,
    string? Example = null);
