namespace GoSynth.Builder.Configuration;

/// <summary>One key of the effective configuration, with its value and where the value came from (<c>gosynth configure</c>).</summary>
/// <param name="Key">The dsynth.ini key, as documented (e.g. <c>Number_of_builders</c>).</param>
/// <param name="Value">The effective value, as it would be written in the file (a default resolved, e.g. 0 builders to a number).</param>
/// <param name="File">The file that set it; null when the value is GoSynth's default.</param>
/// <param name="Line">The line of <paramref name="File"/> that set it; 0 for a default.</param>
/// <param name="Section">The section that set it (the profile's or <c>Global Configuration</c>); null for a default.</param>
/// <param name="GoSynthOnly">True for keys dsynth does not know.</param>
/// <param name="Description">What the key does.</param>
public sealed record ConfigurationSetting(string Key, string Value, string? File, int Line, string? Section, bool GoSynthOnly, string Description)
{
    /// <summary>True when no file sets the key.</summary>
    public bool IsDefault => File is null;
}
