namespace GoSynth.Builder.Running.Internal;

/// <summary>Fits free text (reasons, make's errors) into the build database's text fields, keeping the start.</summary>
internal static class DbText
{
    /// <summary>The database's limit for one text field, with room to spare.</summary>
    private const int MaxLength = 8000;

    public static string? Clip(string? text) => text is { Length: > MaxLength } ? text[..(MaxLength - 1)] + "…" : text;
}
