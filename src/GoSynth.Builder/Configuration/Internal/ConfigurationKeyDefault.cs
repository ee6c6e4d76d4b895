namespace GoSynth.Builder.Configuration.Internal;

/// <summary>A key's default as documented.</summary>
/// <param name="Text">The value (when <paramref name="IsLiteral"/>) or a description of it.</param>
/// <param name="IsLiteral">True when <paramref name="Text"/> is a value the key accepts.</param>
internal sealed record ConfigurationKeyDefault(string Text, bool IsLiteral);
