using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Tests.Ports;

public sealed class PortSpecTests
{
    private const string PortsDir = "/usr/ports";

    [Theory]
    [InlineData("devel/gmake", "devel/gmake", null)]
    [InlineData("lang/python39", "lang/python39", null)]
    [InlineData("devel/py-setuptools@py39", "devel/py-setuptools", "py39")]
    [InlineData("x11-toolkits/gtk+3", "x11-toolkits/gtk+3", null)]
    [InlineData("lang/perl5.36", "lang/perl5.36", null)]
    [InlineData("Graphics_X/Foo-Bar_2@fl_1.x", "Graphics_X/Foo-Bar_2", "fl_1.x")]
    [InlineData("/usr/ports/devel/gmake", "devel/gmake", null)]
    [InlineData("/usr/ports/devel/gmake/", "devel/gmake", null)]
    [InlineData("/usr/ports/devel/py-foo@py311", "devel/py-foo", "py311")]
    [InlineData("devel/gmake/", "devel/gmake", null)]
    [InlineData("devel/py-foo/@py311", "devel/py-foo", "py311")]
    public void Parse_AcceptedForms_OriginAndFlavor(string input, string origin, string? flavor)
    {
        var spec = PortSpec.Parse(input, PortsDir);

        Assert.Equal(origin, spec.Origin);
        Assert.Equal(flavor, spec.Flavor);
        Assert.False(spec.IsAllFlavors);
        Assert.Equal(new PortId(origin, flavor), spec.ToPortId());
    }

    [Fact]
    public void Parse_AllFlavors_IsAllFlavors()
    {
        var spec = PortSpec.Parse("devel/py-foo@all", PortsDir);

        Assert.True(spec.IsAllFlavors);
        Assert.Equal("devel/py-foo@all", spec.ToString());
    }

    [Fact]
    public void Parse_PortsDirectoryWithTrailingSlash_AbsolutePathAccepted()
    {
        Assert.Equal("devel/gmake", PortSpec.Parse("/usr/ports/devel/gmake", "/usr/ports/").Origin);
    }

    [Theory]
    [InlineData("", "a port spec cannot be empty")]
    [InlineData("devel", "the category or the port is missing")]
    [InlineData("@py39", "the category or the port is missing")]
    [InlineData("devel/", "an empty path component")]
    [InlineData("/usr/ports/devel", "the category or the port is missing")]
    [InlineData("/devel", "must be inside the ports tree")]
    [InlineData("devel//gmake", "an empty path component")]
    [InlineData("devel/gmake/extra", "more than two path components")]
    [InlineData("/usr/ports/devel/gmake/files", "more than two path components")]
    [InlineData("../gmake", "'.' and '..' are not allowed")]
    [InlineData("devel/..", "'.' and '..' are not allowed")]
    [InlineData("./gmake", "'.' and '..' are not allowed")]
    [InlineData("/usr/ports/../etc/passwd", "'.' and '..' are not allowed")]
    [InlineData("/usr/portsx/devel/gmake", "must be inside the ports tree /usr/ports/")]
    [InlineData("/tmp/devel/gmake", "must be inside the ports tree /usr/ports/")]
    [InlineData("devel/gmake@", "the flavor after '@' must be one non-empty word")]
    [InlineData("devel/gmake@a@b", "the flavor after '@' must be one non-empty word")]
    [InlineData("devel/gmake@py/39", "the flavor after '@' must be one non-empty word")]
    [InlineData("devel/g make", "the character ' ' is not allowed")]
    [InlineData("devel/gmake;rm", "the character ';' is not allowed")]
    [InlineData("devel/gmäke", "the character 'ä' is not allowed")]
    [InlineData("devel\\gmake", "the character '\\' is not allowed")]
    [InlineData("devel/$(PORT)", "the character '$' is not allowed")]
    public void Parse_Rejected_MessageNamesInputAndRule(string input, string rule)
    {
        var ex = Assert.Throws<PortSpecException>(() => PortSpec.Parse(input, PortsDir));

        Assert.StartsWith($"invalid port spec '{input}': ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
        Assert.Equal(input, ex.Input);
        Assert.Contains(rule, ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => PortSpec.Parse(null!, PortsDir));
    }
}
