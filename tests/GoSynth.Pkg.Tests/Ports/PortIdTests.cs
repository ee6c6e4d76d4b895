using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Tests.Ports;

public sealed class PortIdTests
{
    [Theory]
    [InlineData("devel/gmake", "devel/gmake", null, "devel___gmake")]
    [InlineData("devel/py-foo@py39", "devel/py-foo", "py39", "devel___py-foo@py39")]
    public void TryParse_ValidShapes_OriginFlavorAndLogName(string text, string origin, string? flavor, string logName)
    {
        Assert.True(PortId.TryParse(text, out var id));
        Assert.Equal(origin, id.Value.Origin);
        Assert.Equal(flavor, id.Value.Flavor);
        Assert.Equal(logName, id.Value.LogName);
        Assert.Equal(text, id.Value.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("devel")]
    [InlineData("/gmake")]
    [InlineData("devel/")]
    [InlineData("a/b/c")]
    [InlineData("devel/gmake@")]
    public void TryParse_BadShapes_False(string? text)
    {
        Assert.False(PortId.TryParse(text, out _));
    }

    [Fact]
    public void Constructor_EmptyFlavor_MeansNone()
    {
        Assert.Equal(new PortId("a/b"), new PortId("a/b", ""));
        Assert.Equal("a", new PortId("a/b").Category);
        Assert.Equal("b", new PortId("a/b").Name);
    }

    [Fact]
    public void CompareTo_Ordinal_OriginThenFlavorNoneFirst()
    {
        PortId[] ids = [new("b/a"), new("a/b", "y"), new("a/b"), new("B/a"), new("a/b", "x")];

        Assert.Equal(["B/a", "a/b", "a/b@x", "a/b@y", "b/a"], ids.Order().Select(i => i.ToString()));
        Assert.True(new PortId("a/b") < new PortId("a/b", "x"));
    }
}
