using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Tests.Ports;

public sealed class DependencyParserTests
{
    private const string PortsDir = "/usr/ports";

    [Theory]
    // Values observed from a 2024 FreeBSD Mk with LOCALBASE=/nonexistent (the dsynth-style empty LOCALBASE).
    [InlineData("/nonexistent/bin/python3.9:lang/python39", "/nonexistent/bin/python3.9", "lang/python39", null)]
    [InlineData("perl5>=5.36<5.37:lang/perl5.36", "perl5>=5.36<5.37", "lang/perl5.36", null)]
    [InlineData("libintl.so:devel/gettext-runtime", "libintl.so", "devel/gettext-runtime", null)]
    [InlineData("libreadline.so.8:devel/readline", "libreadline.so.8", "devel/readline", null)]
    [InlineData("gettext-runtime>=0.22_1:devel/gettext-runtime", "gettext-runtime>=0.22_1", "devel/gettext-runtime", null)]
    [InlineData("indexinfo:print/indexinfo", "indexinfo", "print/indexinfo", null)]
    [InlineData("python3:lang/python3", "python3", "lang/python3", null)]
    [InlineData("gmake:${PORTSDIR}/devel/gmake", "gmake", "devel/gmake", null)]
    [InlineData("gmake:/usr/ports/devel/gmake", "gmake", "devel/gmake", null)]
    [InlineData("gmake:/usr/ports//devel/gmake", "gmake", "devel/gmake", null)]
    [InlineData("${PYTHON_PKGNAMEPREFIX}setuptools>0:devel/py-setuptools@py39", "${PYTHON_PKGNAMEPREFIX}setuptools>0", "devel/py-setuptools@py39", null)]
    [InlineData("/nonexistent/include/foo.h:devel/foo:patch", "/nonexistent/include/foo.h", "devel/foo", "patch")]
    [InlineData("tool:devel/foo@py311:build", "tool", "devel/foo@py311", "build")]
    [InlineData("p5-Locale-gettext>=0:/usr/ports/devel/p5-Locale-gettext:extract", "p5-Locale-gettext>=0", "devel/p5-Locale-gettext", "extract")]
    // Real Makefiles write origins with a trailing slash; make, the framework and dsynth accept them.
    [InlineData("libiconv.so:converters/libiconv/", "libiconv.so", "converters/libiconv", null)]
    [InlineData("libiconv.so:converters/libiconv//", "libiconv.so", "converters/libiconv", null)]
    [InlineData("gmake:${PORTSDIR}/devel/gmake/", "gmake", "devel/gmake", null)]
    [InlineData("gmake:/usr/ports/devel/gmake/:build", "gmake", "devel/gmake", "build")]
    [InlineData("tool:devel/foo/@py311", "tool", "devel/foo@py311", null)]
    public void ParseToken_RealForms_SplitIntoPatternOriginTarget(string token, string pattern, string origin, string? target)
    {
        var dependency = DependencyParser.ParseToken(DependencyKind.Build, token, PortsDir);

        Assert.Equal(pattern, dependency.Pattern);
        Assert.Equal(origin, dependency.Port.ToString());
        Assert.Equal(target, dependency.MakeTarget);
        Assert.Equal(token, dependency.Raw);
        Assert.Equal(DependencyKind.Build, dependency.Kind);
    }

    [Fact]
    public void ParseToken_FlavorlessOrigin_HasNullFlavor()
    {
        var dependency = DependencyParser.ParseToken(DependencyKind.Run, "python3:lang/python3");

        Assert.Null(dependency.Port.Flavor);
        Assert.Equal("lang/python3", dependency.Port.Origin);
    }

    [Fact]
    public void Parse_RealLibDependsValue_AllTokensInOrder()
    {
        const string value = "libffi.so:devel/libffi libmpdec.so:math/mpdecimal libreadline.so.8:devel/readline libintl.so:devel/gettext-runtime";

        var dependencies = DependencyParser.Parse(DependencyKind.Lib, value, PortsDir);

        Assert.Equal(
            ["devel/libffi", "math/mpdecimal", "devel/readline", "devel/gettext-runtime"],
            dependencies.Select(d => d.Port.ToString()));
        Assert.All(dependencies, d => Assert.Equal(DependencyKind.Lib, d.Kind));
    }

    [Fact]
    public void Parse_NonexistentPlaceholderAndExtraWhitespace_PlaceholderSkipped()
    {
        const string value = "  python3:lang/python3\t/nonexistent:lang/python39 \n /nonexistent/bin/python3.9:lang/python39  ";

        var dependencies = DependencyParser.Parse(DependencyKind.Run, value);

        Assert.Equal(["python3:lang/python3", "/nonexistent/bin/python3.9:lang/python39"], dependencies.Select(d => d.Raw));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void Parse_EmptyValue_NoDependencies(string? value)
    {
        Assert.Empty(DependencyParser.Parse(DependencyKind.Fetch, value));
    }

    [Theory]
    [InlineData("devel/gmake", "expected 'pattern:category/port'")]
    [InlineData(":devel/gmake", "expected 'pattern:category/port'")]
    [InlineData("gmake:", "expected 'pattern:category/port'")]
    [InlineData("gmake:devel", "'devel' is not an origin")]
    [InlineData("gmake:devel/gmake/extra", "'devel/gmake/extra' is not an origin")]
    [InlineData("gmake:devel/gmake@", "'devel/gmake@' is not an origin")]
    [InlineData("gmake:devel/..", "'devel/..' is not an origin")]
    [InlineData("gmake:devel/gmake:", "the ':target' suffix must be a single non-empty make target")]
    [InlineData("gmake:devel/gmake:build:extra", "the ':target' suffix must be a single non-empty make target")]
    [InlineData("gmake:/opt/other/devel/gmake", "absolute path outside the ports tree '/usr/ports'")]
    public void ParseToken_Malformed_ThrowsNamingKindTokenAndRule(string token, string rule)
    {
        var ex = Assert.Throws<DependencyFormatException>(() => DependencyParser.ParseToken(DependencyKind.Patch, token, PortsDir));

        Assert.StartsWith($"PATCH_DEPENDS token '{token}': ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
        Assert.Equal(token, ex.Token);
        Assert.Equal(DependencyKind.Patch, ex.Kind);
    }

    [Fact]
    public void ParseToken_AbsoluteOriginWithoutPortsDirectory_ThrowsSayingUnknownTree()
    {
        var ex = Assert.Throws<DependencyFormatException>(() => DependencyParser.ParseToken(DependencyKind.Build, "gmake:/usr/ports/devel/gmake"));

        Assert.Contains("(unknown)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseToken_PortsDirectoryWithTrailingSlash_StillStripped()
    {
        var dependency = DependencyParser.ParseToken(DependencyKind.Build, "gmake:/usr/ports/devel/gmake", "/usr/ports/");

        Assert.Equal("devel/gmake", dependency.Port.ToString());
    }

    [Fact]
    public void Parse_OneBadToken_ThrowsForThatToken()
    {
        var ex = Assert.Throws<DependencyFormatException>(() => DependencyParser.Parse(DependencyKind.Lib, "libfoo.so:devel/foo broken libbar.so:devel/bar"));

        Assert.Equal("broken", ex.Token);
        Assert.Equal(DependencyKind.Lib, ex.Kind);
    }
}
