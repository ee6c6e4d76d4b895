namespace GoSynth.Builder.History;

/// <summary>A log line that looks like a build result but could not be read; reported, never guessed.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Text">The line.</param>
/// <param name="Problem">What could not be read.</param>
public sealed record UnparsedLine(int Line, string Text, string Problem);
