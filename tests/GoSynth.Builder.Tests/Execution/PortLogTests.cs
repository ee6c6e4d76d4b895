using GoSynth.Builder.Execution.Internal;
using GoSynth.Environment.Processes;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Execution;

public sealed class PortLogTests
{
    [Theory]
    [InlineData("plain text\twith tab", "plain text\twith tab")]
    [InlineData("\u001b[31mred\u001b[0m", @"\x1b[31mred\x1b[0m")]
    [InlineData("bell\u0007 nul\0 del\u007f c1\u009b", @"bell\x07 nul\x00 del\x7f c1\x9b")]
    [InlineData("café ✓ \ufffd", "café ✓ \ufffd")]
    public void Sanitize_ControlCharacters_AreWrittenAsEscapes(string line, string expected) =>
        Assert.Equal(expected, PortLog.Sanitize(line, 1000));

    [Fact]
    public void Sanitize_LongLine_IsCutWithANoteAndNeverSplitsASurrogatePair()
    {
        var line = new string('a', 99) + "😀" + new string('b', 50);

        var cut = PortLog.Sanitize(line, 100);

        Assert.Equal(new string('a', 99) + " [line cut: 52 more characters]", cut);
    }

    [Fact]
    public void FormatCommand_QuotesWhatAShellWouldSplit() =>
        Assert.Equal("bmake -C /xports/misc/hello FLAVOR=py 'two words' 'it'\\''s' ''",
            PortLog.FormatCommand("bmake", ["-C", "/xports/misc/hello", "FLAVOR=py", "two words", "it's", ""]));

    [Fact]
    public void Create_ExistingLog_IsReplacedAndExcerptKeepsTheLastLines()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteFile("logs/misc___hello.log", "old content\n");

        using (var log = PortLog.Create(path, 200, 3))
        {
            log.Write("header");
            for (var i = 1; i <= 5; i++)
            {
                log.OnLine(ProcessStream.StandardOutput, "line " + i);
            }

            Assert.Equal("line 3\nline 4\nline 5", log.Excerpt());
            Assert.Equal(5, log.OutputLines);
        }

        Assert.Equal("header\nline 1\nline 2\nline 3\nline 4\nline 5\n", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(0, "00:00:00")]
    [InlineData(61.5, "00:01:01")]
    [InlineData(90061, "25:01:01")]
    public void FormatDuration_IsHoursMinutesSeconds(double seconds, string expected) =>
        Assert.Equal(expected, PortLog.FormatDuration(TimeSpan.FromSeconds(seconds)));
}
