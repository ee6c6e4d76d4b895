using System.Globalization;

namespace GoSynth.Cli;

/// <summary>Durations as the CLI prints them: <c>hh:mm:ss</c>, hours not wrapped at 24 (a 30-hour bulk is 30:00:00).</summary>
internal static class Clock
{
    public static string Format(TimeSpan span)
    {
        var c = CultureInfo.InvariantCulture;
        var sign = span < TimeSpan.Zero ? "-" : "";
        span = span.Duration();
        return span.TotalHours >= 100
            ? string.Create(c, $"{sign}{(long)span.TotalHours}:{span:mm\\:ss}")
            : string.Create(c, $"{sign}{(long)span.TotalHours:00}:{span:mm\\:ss}");
    }
}
