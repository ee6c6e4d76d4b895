using GoSynth.Pkg.Scanning.Internal;

namespace GoSynth.Pkg.Tests.Scanning;

public sealed class MakeQuotingTests
{
    private static Dictionary<string, string> Parse(string text)
    {
        Assert.True(MakeQuoting.TryParseAssignments(text, out var pairs), text);
        return pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    [Fact]
    public void TryParseAssignments_EscapedSpacesAndParentheses_AreOneValue()
    {
        var values = Parse(@"_CCVERSION_921dbbb2=cc\ \(Debian\ 12.2.0-14+deb12u1\)\ 12.2.0 OSREL=14.2");

        Assert.Equal("cc (Debian 12.2.0-14+deb12u1) 12.2.0", values["_CCVERSION_921dbbb2"]);
        Assert.Equal("14.2", values["OSREL"]);
        Assert.Equal(2, values.Count);
    }

    [Fact]
    public void TryParseAssignments_EscapedDollarQuotesAndBackslash_AreLiteral()
    {
        var values = Parse(@"A=a\$b B=\'\'\ x C=q\""\`\;\&\|\<\>\*\?\[\]\{\}\~ D=back\\slash");

        Assert.Equal("a$b", values["A"]);
        Assert.Equal("'' x", values["B"]);
        Assert.Equal("q\"`;&|<>*?[]{}~", values["C"]);
        Assert.Equal(@"back\slash", values["D"]);
    }

    [Fact]
    public void TryParseAssignments_EmptyValues_OldAndNewBmakeSpelling_AreEmpty()
    {
        var values = Parse("EMPTY= NEWER='' LAST=");

        Assert.Equal("", values["EMPTY"]);
        Assert.Equal("", values["NEWER"]);
        Assert.Equal("", values["LAST"]);
    }

    [Fact]
    public void TryParseAssignments_EqualsInsideValue_SplitsAtTheFirstOnly()
    {
        var values = Parse(@"FLAGS=-DX=1\ -DY==2 E==");

        Assert.Equal("-DX=1 -DY==2", values["FLAGS"]);
        Assert.Equal("=", values["E"]);
    }

    [Fact]
    public void TryParseAssignments_EscapedTabAndQuotedNewline_AreKept()
    {
        var values = Parse("T=tab\\\there NL=line1'\n'line2 Z=z");

        Assert.Equal("tab\there", values["T"]);
        Assert.Equal("line1\nline2", values["NL"]);
        Assert.Equal("z", values["Z"]);
    }

    [Fact]
    public void TryParseAssignments_ExtraWhitespaceBetweenWords_IsIgnored()
    {
        Assert.Equal(["A", "B"], Parse("  A=1 \t B=2  ").Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Parse(""));
    }

    [Theory]
    [InlineData("A=\"x\"")]
    [InlineData("A=`x`")]
    [InlineData("A=$x")]
    [InlineData("A=x\\")]
    [InlineData("A='x")]
    [InlineData("NOEQUALS")]
    [InlineData("=value")]
    public void TryParseAssignments_NotQModifierOutput_Fails(string text)
    {
        Assert.False(MakeQuoting.TryParseAssignments(text, out _));
    }
}
