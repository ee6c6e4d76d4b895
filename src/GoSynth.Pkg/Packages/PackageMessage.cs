namespace GoSynth.Pkg.Packages;

/// <summary>One entry of a manifest's <c>messages</c> array (pkg-message).</summary>
/// <param name="Text">The message text.</param>
/// <param name="Type"><c>install</c>, <c>upgrade</c> or <c>remove</c>; <see langword="null"/> means always shown.</param>
/// <param name="MinimumVersion">Shown on upgrade only from this version on, if set.</param>
/// <param name="MaximumVersion">Shown on upgrade only up to this version, if set.</param>
public sealed record PackageMessage(string Text, string? Type = null, string? MinimumVersion = null, string? MaximumVersion = null);
