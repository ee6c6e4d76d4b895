namespace GoSynth.Cli.Tests;

/// <summary>Durations in the CLI's lines: hours are not wrapped at a day, as a long bulk needs.</summary>
public sealed class ClockTests
{
    [Theory]
    [InlineData(0, "00:00:00")]
    [InlineData(3 * 3600 + 5 * 60 + 7, "03:05:07")]
    [InlineData(30 * 3600 + 1, "30:00:01")]
    [InlineData(123 * 3600 + 59 * 60 + 59, "123:59:59")]
    [InlineData(-65, "-00:01:05")]
    public void Format_PrintsWholeHours(int seconds, string expected) =>
        Assert.Equal(expected, Clock.Format(TimeSpan.FromSeconds(seconds)));
}
