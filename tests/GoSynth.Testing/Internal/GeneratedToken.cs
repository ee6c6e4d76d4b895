namespace GoSynth.Testing.Internal;

/// <summary>
/// One token of a <c>*_DEPENDS</c> variable. <see cref="Target"/> is null for a dependency on a missing
/// origin; <see cref="CountsAsEdge"/> is false for <c>${NONEXISTENT}:</c> tokens and missing origins.
/// </summary>
internal sealed record GeneratedToken(string Kind, string Text, GeneratedPort? Target, string? TargetFlavor, bool CountsAsEdge, bool ViaOption = false);
